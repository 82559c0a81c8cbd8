package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Item 5: start-up of the shaded jar as a planner starts it. The command line: launch to the first
 * byte on stdout and to exit, for {@code batches}. The window (under Xvfb): launch to the log lines
 * the window writes, "Window shown N ms after JVM start", "Main window ready N ms after JVM start"
 * and "First data shown N ms after JVM start" (the first query result laid out in the Batches table);
 * N is the JVM's own uptime, and the wall time from launch is measured too.
 */
final class StartUp {
    private static final Pattern SHOWN = Pattern.compile("Window shown (\\d+) ms after JVM start");
    private static final Pattern READY = Pattern.compile("Main window ready (\\d+) ms after JVM start");
    private static final Pattern DATA = Pattern.compile("First data shown (\\d+) ms after JVM start");

    private final Path project;
    private final Path work;
    private final int runs;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    StartUp(Path project, Path work, int runs, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.project = project;
        this.work = work;
        this.runs = runs;
        this.line = line;
        this.table = table;
    }

    void run() throws Exception {
        Path jar = project.resolve("target").resolve("allocation-desk.jar");
        Path db = work.resolve("startup").resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = app.get(MessageBus.class);
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 20, java.time.LocalDate.of(2027, 1, 15)));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        line.accept("");
        line.accept("## 5. Start-up");
        line.accept("");
        line.accept("`java -jar target/allocation-desk.jar --db DB batches` (a database with two batches), " + runs
                + " launches: wall time from `ProcessBuilder.start()` to the first byte on stdout and to exit.");
        Stats.Figure first = new Stats.Figure("CLI launch to first output", "ms");
        Stats.Figure exit = new Stats.Figure("CLI launch to exit", "ms");
        for (int i = 0; i < runs; i++) {
            Path logs = work.resolve("cli-logs");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(java, "-Dallocationdesk.logdir=" + logs, "-jar", jar.toString(),
                    "--db", db.toString(), "batches").redirectErrorStream(true).start();
            InputStream out = p.getInputStream();
            if (out.read() < 0) {
                throw new IllegalStateException("no output");
            }
            first.add((System.nanoTime() - start) / 1e6);
            out.readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            exit.add((System.nanoTime() - start) / 1e6);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("batches exited " + p.exitValue());
            }
        }
        table.accept(List.of(first, exit));
        window(java, jar, db);
    }

    private void window(String java, Path jar, Path db) throws Exception {
        line.accept("Window, under Xvfb (`Xvfb :" + 77 + "`, software rendering), " + runs + " launches of"
                + " `java -jar target/allocation-desk.jar --db DB`; the moments come from the window's own log lines.");
        Path xvfb = Path.of("/usr/bin/Xvfb");
        if (!Files.isExecutable(xvfb)) {
            line.accept("");
            line.accept("**Not measured**: Xvfb is not installed (`apt-get install -y xvfb`).");
            return;
        }
        Process display = new ProcessBuilder(xvfb.toString(), ":77", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
        try {
            Thread.sleep(1000);
            Stats.Figure shownUptime = new Stats.Figure("window shown (JVM uptime when logged)", "ms (target < 1,500)");
            Stats.Figure shownWall = new Stats.Figure("window shown (wall time from launch, ±10 ms polling)", "ms");
            Stats.Figure readyUptime = new Stats.Figure("main window ready: container + FXML (JVM uptime)", "ms");
            Stats.Figure readyWall = new Stats.Figure("main window ready (wall time from launch)", "ms");
            Stats.Figure dataUptime = new Stats.Figure("first data in the Batches table (JVM uptime)", "ms (target < 3,000)");
            Stats.Figure dataWall = new Stats.Figure("first data in the Batches table (wall time from launch)", "ms");
            for (int i = 0; i < runs; i++) {
                Path logs = Files.createDirectories(work.resolve("window-logs-" + i));
                Path log = logs.resolve("allocation-desk.log");
                ProcessBuilder builder = new ProcessBuilder(java, "-Dallocationdesk.logdir=" + logs, "-jar", jar.toString(),
                        "--db", db.toString()).redirectErrorStream(true).redirectOutput(logs.resolve("stdout.txt").toFile());
                builder.environment().put("DISPLAY", ":77");
                long start = System.nanoTime();
                Process p = builder.start();
                long shownAt = 0;
                long readyAt = 0;
                long dataAt = 0;
                long deadline = start + TimeUnit.SECONDS.toNanos(60);
                String text = "";
                while ((shownAt == 0 || readyAt == 0 || dataAt == 0) && System.nanoTime() < deadline && p.isAlive()) {
                    Thread.sleep(10);
                    text = Files.exists(log) ? Files.readString(log) : "";
                    if (shownAt == 0 && SHOWN.matcher(text).find()) {
                        shownAt = System.nanoTime();
                    }
                    if (readyAt == 0 && READY.matcher(text).find()) {
                        readyAt = System.nanoTime();
                    }
                    if (dataAt == 0 && DATA.matcher(text).find()) {
                        dataAt = System.nanoTime();
                    }
                }
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
                Matcher shown = SHOWN.matcher(text);
                Matcher ready = READY.matcher(text);
                Matcher data = DATA.matcher(text);
                if (!shown.find() || !ready.find() || !data.find()) {
                    line.accept("");
                    line.accept("**Window run " + i + " failed**: no start-up lines in its log; stdout: "
                            + Files.readString(logs.resolve("stdout.txt")).lines().limit(5).toList());
                    return;
                }
                shownUptime.add(Long.parseLong(shown.group(1)));
                readyUptime.add(Long.parseLong(ready.group(1)));
                shownWall.add((shownAt - start) / 1e6);
                readyWall.add((readyAt - start) / 1e6);
                dataUptime.add(Long.parseLong(data.group(1)));
                dataWall.add((dataAt - start) / 1e6);
            }
            table.accept(List.of(shownUptime, shownWall, readyUptime, readyWall, dataUptime, dataWall));
            line.accept("\"Main window ready\": the container is up and the main window's FXML is loaded and in the stage."
                    + " \"First data\": the first result of the Batches table's query has been laid out in the window"
                    + " (logged from the scene's next post-layout pulse after the rows arrive), once per launch.");
        } finally {
            display.destroy();
            display.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes());
    }
}
