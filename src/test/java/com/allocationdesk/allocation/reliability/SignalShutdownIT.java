package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window ended by a signal (SIGTERM: a logout, {@code kill}, a service manager) with the window
 * still open closes its database as a Quit would (issue 16): JavaFX calls no {@code stop()} then,
 * and without the window's shutdown hook the database is left marked as in use, so the next start
 * checks it read-only before recovering it (about a second, every time). The window runs in a child
 * JVM, headless under Monocle, as the installer's class-list training run starts it.
 */
@Timeout(240)
class SignalShutdownIT {
    @TempDir
    Path folder;

    @Test
    void aWindowEndedBySigtermShutsItsDatabaseDownCleanly() throws Exception {
        Path db = folder.resolve("desk");
        try (Bootstrap app = Bootstrap.start(new AppConfig(db))) {
            app.get(MessageBus.class).handle(new CreateBatch("warehouse", "LAMP", 10, null));
        }
        Path properties = folder.resolve("desk.properties");
        assertThat(modified(properties)).as("closed cleanly before the window opens it").isEqualTo("no");

        Path logs = Files.createDirectories(folder.resolve("logs"));
        Path log = logs.resolve("allocation-desk.log");
        ProcessBuilder builder = ChildJvm.builder(Main.class, List.of("-Xmx512m", "-Dallocationdesk.logdir=" + logs,
                        "-Dlogback.configurationFile=" + LastResortIT.productionLogging(),
                        "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k"),
                "--db", db.toString());
        // Main opens the window only where it sees a display (Monocle needs none); GTK's settings need no dconf
        builder.environment().put("DISPLAY", ":monocle");
        builder.environment().put("GSETTINGS_BACKEND", "memory");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process window = builder.redirectErrorStream(true).redirectOutput(folder.resolve("window.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(Files.exists(log) && Files.readString(log).contains("First data shown"))) {
                assertThat(window.isAlive()).as("the window ended before its first data: " + Files.readString(folder.resolve("window.out"))).isTrue();
                assertThat(System.nanoTime()).as("the window showed no first data in 120 s: " + Files.readString(folder.resolve("window.out"))).isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(modified(properties)).as("the open database is marked as in use").isEqualTo("yes");

            window.destroy(); // SIGTERM
            assertThat(window.waitFor(60, TimeUnit.SECONDS)).as("the window ends on SIGTERM").isTrue();
        } finally {
            window.destroyForcibly().waitFor();
        }

        assertThat(Files.readString(log)).contains("Ended by a signal with the window open: closing the database");
        assertThat(modified(properties)).as("shut down cleanly: the next start needs no check").isEqualTo("no");
        assertThat(folder.resolve("desk.lck")).doesNotExist();
        try (Bootstrap again = Bootstrap.start(new AppConfig(db))) {
            assertThat(again.get(BatchesQuery.class).byReference("warehouse")).as("nothing lost").isPresent();
        }
    }

    /** HSQLDB's own mark in the database's {@code .properties}: "yes" while open or after a crash, "no" once shut down. */
    private static String modified(Path properties) throws Exception {
        return Files.readAllLines(properties, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("modified="))
                .map(l -> l.substring("modified=".length()).strip())
                .findFirst().orElse("");
    }
}
