package com.allocationdesk.allocation.installer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Writes the class list the installer's class-data-sharing archive is dumped from (pom.xml, profile
 * installer; docs/decisions/0021): the classes the desk loads for a read-only command
 * ({@code batches}) and for the window up to its first data, each recorded by the JVM itself
 * ({@code -XX:DumpLoadedClassList}) from the shaded jar. The window runs headless under Monocle
 * (a test library, on the class path of this run only): a build machine or a {@code postinst} has no
 * display, and the archive is then dumped from the list ({@code -Xshare:dump}) without running the
 * desk. Monocle's own classes are not in the jar; the dump skips them.
 * <p>
 * {@code java -cp test-classes:allocation-desk.jar CdsClassList JAR MONOCLE_JAR WORK_DIR OUT_FILE}
 */
public final class CdsClassList {
    private static final Logger log = LoggerFactory.getLogger(CdsClassList.class);
    private static final String FIRST_DATA = "First data shown";

    private CdsClassList() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path monocle = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        Path out = Path.of(args[3]);
        Path db = work.resolve("desk");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Path cli = work.resolve("cli.classlist");
        run(List.of(java, "-XX:DumpLoadedClassList=" + cli, "-jar", jar.toString(), "--db", db.toString(), "batches"), work, null);

        Path window = work.resolve("window.classlist");
        Path logs = Files.createDirectories(work.resolve("window-logs"));
        run(List.of(java, "-XX:DumpLoadedClassList=" + window, "-Dallocationdesk.logdir=" + logs,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k",
                "-cp", jar + File.pathSeparator + monocle, "com.allocationdesk.allocation.entrypoints.Main",
                "--db", db.toString()), work, logs.resolve("allocation-desk.log"));

        Set<String> classes = new LinkedHashSet<>();
        for (Path list : List.of(cli, window)) {
            Files.readAllLines(list, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#")).forEach(classes::add);
        }
        Files.write(out, new ArrayList<>(classes), StandardCharsets.UTF_8);
        log.info("Wrote {} with {} classes (command line and window)", out, classes.size());
    }

    /** Runs one training launch; with a log to watch, ends it once the window logged its first data. */
    private static void run(List<String> command, Path work, Path firstDataLog) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("training-" + (firstDataLog == null ? "cli" : "window") + ".txt").toFile());
        // Main opens the window only where it sees a display (Monocle needs none) and GTK's settings need no dconf
        builder.environment().put("DISPLAY", ":monocle");
        builder.environment().put("GSETTINGS_BACKEND", "memory");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        if (firstDataLog == null) {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("the training run failed: " + command);
            }
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (!(Files.exists(firstDataLog) && Files.readString(firstDataLog).contains(FIRST_DATA))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the window's training run showed no first data: " + command);
                }
                Thread.sleep(50);
            }
            Thread.sleep(500); // what the first pulses after the data load
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
