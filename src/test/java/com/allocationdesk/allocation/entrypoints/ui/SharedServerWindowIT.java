package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.PostgresTestServer;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.ServerLogin;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window on a real PostgreSQL server, shared with another desk that has its own
 * connections (as another machine would): what that desk does shows here, and when the server is
 * stopped and started again the window says so, then carries on by itself.
 */
class SharedServerWindowIT extends WindowFixture {
    private static final String BOB = "bob@desk-2";
    private ServerAddress server;
    private PostgresStore bobsStore;

    @Override
    AppConfig config() {
        server = PostgresTestServer.newDatabase("shared_window");
        return new AppConfig(dataDir.resolve("desk"), true, Database.DEFAULT_MIN_FREE_BYTES, 0, false,
                new ServerLogin(server, PostgresTestServer.USER, PostgresTestServer.PASSWORD));
    }

    @AfterEach
    void closeBobsDesk() {
        if (bobsStore != null) {
            bobsStore.close();
        }
    }

    @Test
    void anotherDesksWorkShowsHereAndALostServerIsToldAndOutlived() throws Exception {
        assertThat(((Stage) window(0)).getTitle()).endsWith(server.toString());
        bobsStore = PostgresStore.open(server, PostgresTestServer.USER, PostgresTestServer.PASSWORD);
        MessageBus bob = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(bobsStore, BOB), new FakeNotifications(),
                Clock.systemUTC()).build();
        showBatches();

        bob.handle(new CreateBatch("B-BOB", "LAMP", 5, null));
        waitUntil("the other desk's batch shows", () -> batchRows().stream().map(BatchRow::reference)
                .anyMatch("B-BOB"::equals));
        bob.handle(new Allocate("ORD-9", "LAMP", 50));
        waitUntil("the banner names the other desk", () -> node("#alertBanner").isVisible()
                && text("#alertLabel").startsWith("Out of stock on " + BOB + ": order ORD-9 needs 50 × LAMP."));

        CompletableFuture<Void> restart = CompletableFuture.runAsync(
                () -> PostgresTestServer.get().restart(Duration.ofSeconds(3)));
        waitUntil("the status line says the server does not answer", () -> text("#statusLabel").equals(
                "The database " + server + " does not answer. The desk keeps trying; what you typed stays."));
        restart.get();
        waitUntil("and that it answers again", 60, () -> text("#statusLabel").equals(
                "The database " + server + " answers again."));

        bob.handle(new Allocate("ORD-10", "LAMP", 3));
        waitUntil("what the other desk did after the restart shows too", () -> batchRows().stream()
                .anyMatch(row -> row.reference().equals("B-BOB") && row.allocated() == 3));
    }
}
