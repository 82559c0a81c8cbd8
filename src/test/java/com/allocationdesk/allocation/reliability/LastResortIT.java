package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.OutOfMemoryWhileTelling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What nobody planned for, in a child JVM as the planner starts it (issue 10): the window on a
 * machine without a display, and running out of memory, at start-up and in the middle of work.
 * Each must be one line on stderr, no stack trace, exit code 1.
 */
@Timeout(600)
class LastResortIT {
    private static final String NAME = "last resort";
    static final String NO_DISPLAY = "Cannot open the window: no display found (DISPLAY is not set)."
            + " Use a subcommand for the command line, see --help.";

    static final String OUT_OF_MEMORY = "Allocation Desk ran out of memory and stopped; try a larger heap, e.g. java -Xmx2g"
            + " -jar allocation-desk.jar ...";

    @TempDir
    Path dir;

    private record Child(int code, String out, String err, long millis) {
    }

    /** Main in a child JVM with only PATH in its environment (so no DISPLAY). */
    private Child main(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return main(Map.of(), jvmOptions, args);
    }

    /** The same, with these environment variables besides PATH and LANG. */
    private Child main(Map<String, String> env, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:TieredStopAtLevel=1");
        options.add("-Dallocationdesk.logdir=" + dir.resolve("logs"));
        options.add("-Dlogback.configurationFile=" + productionLogging());
        ProcessBuilder builder = ChildJvm.builder(Main.class, options, args);
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(env);
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        long start = System.nanoTime();
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("child finished").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Child(process.exitValue(), Files.readString(out), Files.readString(err), millis);
    }

    /** The application's own logback.xml, a class path resource (the test class path's logback-test.xml logs to the console). */
    static String productionLogging() {
        return "logback.xml";
    }

    private static void assertOneLine(Child child, int code, String line) {
        assertThat(child.code()).as(child.err()).isEqualTo(code);
        assertThat(child.err().lines()).as("stderr").containsExactly(line);
        assertThat(child.out()).isEmpty();
    }

    @Test
    void theWindowWithoutADisplayIsOneLineAndExitCodeOne() throws Exception {
        Path db = dir.resolve("data").resolve("desk");
        Child bare = main(List.of("-Xmx256m"));
        Child onDatabase = main(List.of("-Xmx256m"), "--db", db.toString());
        Child blankDatabase = main(List.of("-Xmx256m"), "--db", " ");
        Figures.report(NAME, "window, no DISPLAY", "exit " + bare.code() + ", '" + bare.err().strip() + "' in " + bare.millis() + " ms");
        Figures.report(NAME, "window --db ' '", "exit " + blankDatabase.code() + ", '" + blankDatabase.err().strip() + "'");

        assertOneLine(bare, 1, NO_DISPLAY);
        assertOneLine(onDatabase, 1, NO_DISPLAY);
        assertThat(db.getParent()).as("no database opened for a window that cannot open").doesNotExist();
        assertOneLine(blankDatabase, 2, "Error: --db needs a value, was ' ' (see 'allocation-desk --help')");
    }

    /**
     * A display that is set but cannot be opened: JavaFX starts and fails. Its own warnings
     * ("Unsupported JavaFX configuration", logged through java.util.logging) go to the log file,
     * not before our line on the terminal.
     */
    @Test
    void aDisplayThatCannotBeOpenedIsOneLineWithoutJavaFxsOwnWarnings() throws Exception {
        Child child = main(Map.of("DISPLAY", ":97"), List.of("-Xmx256m"), "--db", dir.resolve("desk").toString());
        Figures.report(NAME, "window, DISPLAY=:97 (no such display)", "exit " + child.code() + ", '" + child.err().strip() + "'");
        assertOneLine(child, 1, "Cannot open the window: the display :97 cannot be opened. Use a subcommand for the "
                + "command line, see --help.");
    }

    static final String NO_GTK = "Cannot open the window: the GTK 3 library is missing (install libgtk-3-0 on Debian or"
            + " Ubuntu, gtk3 on Fedora). Use a subcommand for the command line, see --help.";

    /**
     * A machine with a display but without GTK 3 (issue 15): the library path offers a
     * libgtk-3.so.0 that cannot be loaded, as a missing one cannot. One line saying what to
     * install, exit code 1, no stack trace (this machine's GTK stays installed).
     */
    @Test
    void aMissingGtkLibraryIsOneLineSayingWhatToInstall() throws Exception {
        Path noGtk = Files.createDirectories(dir.resolve("no-gtk"));
        Files.write(noGtk.resolve("libgtk-3.so.0"), new byte[0]);
        try (Xvfb display = Xvfb.start()) {
            Child child = main(Map.of("DISPLAY", display.name(), "LD_LIBRARY_PATH", noGtk.toString()), List.of("-Xmx256m"),
                    "--db", dir.resolve("desk").toString());
            Figures.report(NAME, "window without GTK 3", "exit " + child.code() + ", '" + child.err().strip() + "'");
            assertOneLine(child, 1, NO_GTK);
        }
    }

    /**
     * JavaFX's own start-up messages, printed on System.err by JavaFX itself ("Can not create cache
     * at ...", when the home folder cannot hold its native libraries), go to the log file.
     */
    @Test
    void javaFxsOwnStartUpMessagesGoToTheLogFileNotTheTerminal() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("home-is-a-file"), "");
        Child child = main(Map.of("DISPLAY", ":97"), List.of("-Xmx256m", "-Duser.home=" + notAFolder),
                "--db", dir.resolve("desk").toString());
        assertOneLine(child, 1, "Cannot open the window: the display :97 cannot be opened. Use a subcommand for the "
                + "command line, see --help.");
        assertThat(Files.readString(dir.resolve("logs").resolve("allocation-desk.log"))).contains("Can not create cache");
    }

    /**
     * GTK's dconf settings backend complains on the terminal when its folder cannot be made
     * ({@code XDG_RUNTIME_DIR} a file, or a home folder that is not writable): the window starts
     * with GTK's settings in memory instead, and the terminal stays quiet.
     */
    @Test
    void dconfsWarningsDoNotReachTheTerminal() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("runtime-dir-is-a-file"), "");
        Path log = dir.resolve("logs").resolve("allocation-desk.log");
        try (Xvfb display = Xvfb.start()) {
            List<String> options = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dallocationdesk.logdir=" + dir.resolve("logs"),
                    "-Dlogback.configurationFile=" + productionLogging());
            ProcessBuilder builder = ChildJvm.builder(Main.class, options, "--db", dir.resolve("desk").toString());
            String path = System.getenv("PATH");
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", path == null ? "/usr/bin:/bin" : path, "LANG", "C.UTF-8",
                    "DISPLAY", display.name(), "XDG_RUNTIME_DIR", notAFolder.toString()));
            Path err = dir.resolve("dconf.err");
            Process window = builder.redirectOutput(dir.resolve("dconf.out").toFile()).redirectError(err.toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!(Files.exists(log) && Files.readString(log).contains("First data shown"))) {
                    assertThat(window.isAlive()).as("the window runs; stderr: %s", Files.readString(err)).isTrue();
                    assertThat(System.nanoTime()).as("the window shows its first data").isLessThan(deadline);
                    Thread.sleep(100);
                }
                Thread.sleep(1000);
                assertThat(Files.readString(err)).as("the terminal").isEmpty();
            } finally {
                window.descendants().forEach(ProcessHandle::destroyForcibly);
                window.destroyForcibly();
                window.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** An X server of its own for a test (Xvfb, as the start-up benchmark uses), on a free display number. */
    private record Xvfb(Process process, String name) implements AutoCloseable {
        static Xvfb start() throws IOException, InterruptedException {
            Path binary = Path.of("/usr/bin/Xvfb");
            assertThat(binary).as("this test needs Xvfb (apt-get install xvfb)").isExecutable();
            for (int number = 140 + (int) (ProcessHandle.current().pid() % 50); number < 400; number++) {
                if (Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                    continue;
                }
                Process process = new ProcessBuilder(binary.toString(), ":" + number, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Path socket = Path.of("/tmp/.X11-unix/X" + number);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                if (process.isAlive() && Files.exists(socket)) {
                    return new Xvfb(process, ":" + number);
                }
                process.destroyForcibly();
            }
            throw new AssertionError("no free display number for Xvfb");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void runningOutOfMemoryAtStartUpOrInTheMiddleOfAnImportIsOneLine() throws Exception {
        Path db = dir.resolve("data").resolve("desk");
        assertThat(InProcessCli.onDatabase(db, "add-batch", "b1", "LAMP", "100").code()).isZero();
        String line = OUT_OF_MEMORY;

        for (String heap : List.of("-Xmx10m", "-Xmx16m")) {
            Child child = main(List.of(heap), "--db", db.toString(), "batches");
            Figures.report(NAME, "batches with " + heap, "exit " + child.code() + ", '" + child.err().strip() + "' in "
                    + child.millis() + " ms; ran out in: " + whereItRanOut());
            assertOneLine(child, 1, line);
        }

        // an order id of 80 MB: the import holds the cell in memory, which a 64 MB heap cannot
        Path huge = dir.resolve("huge.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(huge))) {
            out.write("orderid,sku,qty\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 80; i++) {
                out.write(block);
            }
            out.write(",LAMP,1\n".getBytes(StandardCharsets.US_ASCII));
        }
        Child importing = main(List.of("-Xmx64m"), "--db", db.toString(), "import-orders", huge.toString());
        Figures.report(NAME, "import-orders of an 80 MB cell with -Xmx64m", "exit " + importing.code() + ", '"
                + importing.err().strip() + "' in " + importing.millis() + " ms; ran out in: " + whereItRanOut());
        assertOneLine(importing, 1, line);
        assertThat(InProcessCli.onDatabase(db, "waiting", "--json").out().strip()).as("nothing imported").isEqualTo("[]");
    }

    /**
     * Memory that runs out again while the planner is told it ran out (it happened once in CI: an
     * empty terminal and exit code 1): the line is still told, once.
     */
    @Test
    void runningOutOfMemoryWhileTellingItIsStillOneLine() throws Exception {
        ProcessBuilder builder = ChildJvm.builder(OutOfMemoryWhileTelling.class, List.of("-Xmx64m",
                "-Dallocationdesk.logdir=" + dir.resolve("logs"), "-Dlogback.configurationFile=" + productionLogging()));
        Path out = dir.resolve("telling.out");
        Path err = dir.resolve("telling.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();

        assertOneLine(new Child(process.exitValue(), Files.readString(out), Files.readString(err), 0), 1, OUT_OF_MEMORY);
    }

    /** What the log's last "Out of memory" entry says ran out (the exception it was told as), for the figures. */
    private String whereItRanOut() throws IOException {
        Path log = dir.resolve("logs").resolve("allocation-desk.log");
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        for (int i = lines.size() - 2; i >= 0; i--) {
            if (lines.get(i).contains("Out of memory")) {
                String next = lines.get(i + 1);
                return next.length() > 140 ? next.substring(0, 140) + "..." : next;
            }
        }
        return "(not logged: the JVM could not even start logging)";
    }
}
