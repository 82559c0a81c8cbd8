package com.allocationdesk.allocation.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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

    /**
     * Waits (at most a minute) until the child has created its ready file; fails the test when it
     * dies first or takes longer.
     */
    public static void awaitReady(Process child, Path ready) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            assertThat(child.isAlive()).as("the child JVM died before it was ready").isTrue();
            assertThat(System.nanoTime()).as("the child JVM never got ready").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    public static Process start(Class<?> mainClass, Path logDir, String... args) throws IOException {
        return builder(mainClass, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dallocationdesk.logdir=" + logDir), args)
                .redirectError(logDir.resolve("child.err").toFile())
                .start();
    }
}
