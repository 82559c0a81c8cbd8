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
 * Item 5: start-up as a planner starts the desk, two ways: {@code java -jar target/allocation-desk.jar}
 * and the installed launcher of the app image ({@code target/installer/allocation-desk/bin/allocation-desk},
 * built by {@code ./mvnw -B -Pinstaller package}; not measured when it is not there). The command
 * line: launch to the first byte on stdout and to exit, for {@code batches}. The window (under
 * Xvfb): launch to the log lines the window writes, "Window shown N ms after JVM start", "Main
 * window ready N ms after JVM start" and "First data shown N ms after JVM start" (the first query
 * result laid out in the Batches table); N is the JVM's own uptime, and the wall time from launch
 * is measured too. Each window launch is told its log folder through {@code JAVA_TOOL_OPTIONS} (the
 * launcher takes no JVM option of its own); every launch gets GTK's settings in memory, as on a
 * desktop with a session bus (else the window would re-run itself in a second JVM:
 * {@code WindowProcess}).
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

    /**
     * How a planner starts the desk: the command before the desk's own arguments, and issue 16's
     * targets for it ("" where it sets none).
     */
    private record Launch(String name, List<String> command, String cliTarget, String firstDataTarget) {
    }

    void run() throws Exception {
        Path db = work.resolve("startup").resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            MessageBus bus = app.get(MessageBus.class);
            bus.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            bus.handle(new CreateBatch("shipment", "LAMP", 20, java.time.LocalDate.of(2027, 1, 15)));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Launch> launches = new java.util.ArrayList<>();
        launches.add(new Launch("java -jar", List.of(java, "-jar", project.resolve("target").resolve("allocation-desk.jar").toString()),
                "", " (target < 3,000)"));
        Path launcher = project.resolve("target").resolve("installer").resolve("allocation-desk").resolve("bin").resolve("allocation-desk");
        line.accept("");
        line.accept("## 5. Start-up");
        line.accept("");
        if (Files.isExecutable(launcher)) {
            launches.add(new Launch("installed launcher", List.of(launcher.toString()), " (target < 1,000)", " (target < 2,000)"));
        } else {
            line.accept("**The installed launcher is not measured**: " + launcher + " is not there (`./mvnw -B -Pinstaller package` builds it).");
            line.accept("");
        }
        line.accept("`batches` on a database with two batches, " + runs + " launches each, by `java -jar target/allocation-desk.jar`"
                + " and by the app image's launcher `target/installer/allocation-desk/bin/allocation-desk` (its own runtime and"
                + " class-data-sharing archive): wall time from `ProcessBuilder.start()` to the first byte on stdout and to exit.");
        List<Stats.Figure> cli = new java.util.ArrayList<>();
        for (Launch launch : launches) {
            Stats.Figure first = new Stats.Figure(launch.name() + ": CLI launch to first output", "ms");
            Stats.Figure exit = new Stats.Figure(launch.name() + ": CLI launch to exit", "ms" + launch.cliTarget());
            for (int i = 0; i < runs; i++) {
                double[] times = cliOnce(launch, db);
                first.add(times[0]);
                exit.add(times[1]);
            }
            cli.add(first);
            cli.add(exit);
        }
        table.accept(cli);
        window(launches, db);
    }

    /**
     * The launch's command with the desk's {@code arguments}, GTK's settings in memory, as on a
     * desktop with a session bus (else the window re-runs itself in a second JVM).
     */
    private static ProcessBuilder starting(Launch launch, String... arguments) {
        List<String> command = new java.util.ArrayList<>(launch.command());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GSETTINGS_BACKEND", "memory");
        return builder;
    }

    /** One {@code batches}: milliseconds from launch to its first byte on stdout, and to exit. */
    private static double[] cliOnce(Launch launch, Path db) throws IOException, InterruptedException {
        ProcessBuilder builder = starting(launch, "--db", db.toString(), "batches");
        long start = System.nanoTime();
        Process p = builder.start();
        InputStream out = p.getInputStream();
        if (out.read() < 0) {
            throw new IllegalStateException("no output from " + builder.command());
        }
        double first = (System.nanoTime() - start) / 1e6;
        out.readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        double exit = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("batches exited " + p.exitValue() + ": " + builder.command());
        }
        return new double[] {first, exit};
    }

    private void window(List<Launch> launches, Path db) throws Exception {
        line.accept("Window, under Xvfb (`Xvfb :" + 77 + "`, software rendering), " + runs + " launches each of"
                + " `--db DB` by the same two, each on its own copy of the cleanly closed database (a launch is ended by SIGTERM,"
                + " which leaves its database to be checked at the next start); the moments come from the window's own log lines.");
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
            List<Stats.Figure> figures = new java.util.ArrayList<>();
            for (Launch launch : launches) {
                Stats.Figure shownUptime = new Stats.Figure(launch.name() + ": window shown (JVM uptime when logged)", "ms (target < 1,500)");
                Stats.Figure shownWall = new Stats.Figure(launch.name() + ": window shown (wall time from launch, ±10 ms polling)", "ms");
                Stats.Figure readyUptime = new Stats.Figure(launch.name() + ": main window ready: container + FXML (JVM uptime)", "ms");
                Stats.Figure readyWall = new Stats.Figure(launch.name() + ": main window ready (wall time from launch)", "ms");
                Stats.Figure dataUptime = new Stats.Figure(launch.name() + ": first data in the Batches table (JVM uptime)", "ms"
                        + launch.firstDataTarget());
                Stats.Figure dataWall = new Stats.Figure(launch.name() + ": first data in the Batches table (wall time from launch)", "ms");
                for (int i = 0; i < runs; i++) {
                    WindowTimes times = windowOnce(launch, db, i);
                    if (times == null) {
                        return;
                    }
                    shownUptime.add(times.shownUptime());
                    readyUptime.add(times.readyUptime());
                    shownWall.add(times.shownWall());
                    readyWall.add(times.readyWall());
                    dataUptime.add(times.dataUptime());
                    dataWall.add(times.dataWall());
                }
                figures.addAll(List.of(shownUptime, shownWall, readyUptime, readyWall, dataUptime, dataWall));
            }
            table.accept(figures);
            line.accept("\"Main window ready\": the container is up and the main window's FXML is loaded and in the stage."
                    + " \"First data\": the first result of the Batches table's query has been laid out in the window"
                    + " (logged from the scene's next post-layout pulse after the rows arrive), once per launch.");
        } finally {
            display.destroy();
            display.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The moments of one window launch, in ms: JVM uptime as logged, and wall time from launch. */
    private record WindowTimes(double shownUptime, double shownWall, double readyUptime, double readyWall,
                               double dataUptime, double dataWall) {
    }

    /** {@code db}'s folder copied into {@code folder}; the copy's database path. */
    private static Path cleanCopy(Path db, Path folder) throws IOException {
        Path source = db.getParent();
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = folder.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return folder.resolve(db.getFileName().toString());
    }

    /** One window launch under Xvfb {@code :77}, until its first data or 60 s; null (and said) when it logged no start-up. */
    private WindowTimes windowOnce(Launch launch, Path db, int i) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(work.resolve("window-logs-" + launch.name().replace(' ', '-') + "-" + i));
        Path log = logs.resolve("allocation-desk.log");
        Path stdout = logs.resolve("stdout.txt");
        // a copy of the cleanly closed database for each launch: a run is ended by SIGTERM, which leaves its
        // database to be checked before recovery at the next start, a cost a planner who quits never pays
        Path copy = cleanCopy(db, work.resolve("window-db-" + launch.name().replace(' ', '-') + "-" + i));
        ProcessBuilder builder = starting(launch, "--db", copy.toString()).redirectOutput(stdout.toFile());
        // the log file the moments are read from: the launcher takes no JVM option, so both get it this way
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Dallocationdesk.logdir=" + logs);
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
            line.accept("**Window run " + i + " (" + launch.name() + ") failed**: no start-up lines in its log; stdout: "
                    + Files.readString(stdout).lines().limit(5).toList());
            return null;
        }
        return new WindowTimes(Long.parseLong(shown.group(1)), (shownAt - start) / 1e6, Long.parseLong(ready.group(1)),
                (readyAt - start) / 1e6, Long.parseLong(data.group(1)), (dataAt - start) / 1e6);
    }
}
