package com.allocationdesk.allocation.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a {@code main} class of the test class path in a separate JVM (to be killed, or to hold a lock). */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static ProcessBuilder builder(Class<?> mainClass, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(jvmOptions);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    public static Process start(Class<?> mainClass, Path logDir, String... args) throws IOException {
        return builder(mainClass, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dallocationdesk.logdir=" + logDir), args)
                .redirectError(logDir.resolve("child.err").toFile())
                .start();
    }
}
