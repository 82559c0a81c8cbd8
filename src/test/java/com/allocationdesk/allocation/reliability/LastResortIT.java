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
