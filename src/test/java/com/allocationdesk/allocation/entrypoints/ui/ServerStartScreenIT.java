package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.ServerLogin;
import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import javafx.application.Platform;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server that does not answer: the window's start screen says what the command line says, and nothing else starts. */
class ServerStartScreenIT extends FxRobot {
    @TempDir
    Path dataDir;
    private AllocationDeskApp app;

    @AfterEach
    void closeWindow() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void aServerThatDoesNotAnswerIsToldOnTheStartScreenAsOnTheCommandLine() throws Exception {
        ServerAddress nowhere = new ServerAddress("localhost", 1, "allocation");
        String told = InProcessCli.run(Map.of("XDG_DATA_HOME", dataDir.toString()), AllocationDeskCommand::start,
                "--db", nowhere.toString(), "batches").err().strip();
        assertThat(told).startsWith("Cannot reach the PostgreSQL server at localhost:1");

        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        AppConfig config = new AppConfig(dataDir.resolve("desk"), true, Database.DEFAULT_MIN_FREE_BYTES, 0, false,
                new ServerLogin(nowhere, "desk", null));
        app = (AllocationDeskApp) FxToolkit.setupApplication(
                () -> new AllocationDeskApp(c -> AllocationDeskApp.builder(c).start(), config));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> lookup("#startupCloseButton").tryQuery().isPresent());

        Labeled message = lookup("#startupMessage").query();
        assertThat(message.getText()).isEqualTo("Allocation Desk could not start.\n" + told);
        assertThat(lookup("#tabs").tryQuery()).as("no main window").isEmpty();
    }
}
