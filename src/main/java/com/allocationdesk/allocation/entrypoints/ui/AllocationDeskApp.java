package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.lifecycle.ShutdownHook;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesViewModel;
import com.allocationdesk.allocation.entrypoints.ui.connections.ConnectionOptions;
import com.allocationdesk.allocation.entrypoints.ui.connections.WindowConnections;
import com.allocationdesk.allocation.entrypoints.ui.support.ErrorText;
import com.allocationdesk.allocation.entrypoints.ui.support.HostDesktop;
import com.allocationdesk.allocation.entrypoints.ui.support.OtherDesks;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WindowPlacement;
import javafx.application.Application;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The planner's window. The window shows at once with a "starting" pane; the container (Weld,
 * Flyway, Hibernate) starts on a background thread, and then the main window replaces the pane.
 * {@code --db PATH} chooses the database, as on the command line; {@code --outbox DIR} and
 * {@code --inbox DIR} fix the connections' folders for this run (Tools ▸ Connections…). Once the
 * first data is shown, the connections start ({@link WindowConnections}: the outbox relay); closing
 * the window stops them, then the database.
 */
public class AllocationDeskApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(AllocationDeskApp.class);
    public static final String TITLE = "Allocation Desk";
    /** The AtlantaFX Primer Light theme as a user-agent stylesheet. */
    public static final String THEME = "/atlantafx/base/theme/primer-light.css";

    /** What runs once the window shows ({@link #launch(Runnable, String...)}). */
    private static volatile Runnable whenShown = () -> { };

    private final Function<AppConfig, Bootstrap> starter;
    private final AppConfig fixedConfig;
    private volatile Bootstrap bootstrap;
    private Stage stage;
    private WindowPlacement placement;
    private volatile boolean stopping;
    /** The container this window started and nobody has closed yet: whoever closes it takes it (stop, the signal hook). */
    private final AtomicReference<Bootstrap> open = new AtomicReference<>();
    private volatile Task<Bootstrap> startup;
    /**
     * Closes the database when the JVM is ended by a signal (SIGTERM, a logout) with the window still
     * open: JavaFX calls no {@link #stop()} then, and the next start would have to check the
     * database before recovering it (about a second; issue 16). Null until {@link #start}.
     */
    private volatile ShutdownHook onSignal;

    public AllocationDeskApp() {
        this(null, null);
    }

    /**
     * For tests: {@code starter} builds the container (e.g. with a bean swapped for a slow fake;
     * null: the window's own, with its options, the environment and the desktop);
     * {@code config} replaces the command line when not null.
     */
    public AllocationDeskApp(Function<AppConfig, Bootstrap> starter, AppConfig config) {
        this.starter = starter;
        this.fixedConfig = config;
    }

    /**
     * The application as the window uses it (the core, its controllers and view models, and the
     * imports), without options or environment for its connections and without a desktop: tests and
     * tools.
     */
    public static Bootstrap.Builder builder(AppConfig config) {
        return builder(config, ConnectionOptions.NONE, HostDesktop.none());
    }

    /** The same, with the connections' options and environment, and the desktop the window runs on. */
    public static Bootstrap.Builder builder(AppConfig config, ConnectionOptions connections, HostDesktop desktop) {
        return Bootstrap.builder(config).beansOf(AllocationDeskApp.class, BatchImport.class, Inbox.class)
                .supply(ConnectionOptions.class, connections)
                .supply(HostDesktop.class, desktop);
    }

    /** Opens the window; accepts {@code --db PATH}, {@code --outbox DIR}, {@code --inbox DIR} (or {@code --db=PATH} ...). Returns when the window closes. */
    public static void launch(String... args) {
        launch(() -> { }, args);
    }

    /** The same; {@code shown} runs once the window shows (Main gives the terminal back to stderr then). */
    public static void launch(Runnable shown, String... args) {
        whenShown = shown;
        Application.launch(AllocationDeskApp.class, args);
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        // The window reads first: Hibernate starts once the first data is on screen (below).
        List<String> args = getParameters().getRaw();
        ConnectionOptions connections = new ConnectionOptions(option(args, "--outbox"), option(args, "--inbox"), System.getenv());
        HostDesktop desktop = folder -> getHostServices().showDocument(folder.toUri().toString());
        Function<AppConfig, Bootstrap> startContainer = starter != null ? starter
                : c -> builder(c, connections, desktop).start();
        // AtlantaFX Primer Light, by its stylesheet: AtlantaFX 2.1's classes are Java 21 bytecode.
        Application.setUserAgentStylesheet(AllocationDeskApp.class.getResource(THEME).toExternalForm());

        Label message = new Label();
        message.setId("startupMessage");
        message.setWrapText(true);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("startupSpinner");
        VBox starting = new VBox(16, spinner, message);
        starting.setAlignment(Pos.CENTER);
        starting.setPadding(new Insets(32));
        stage.setScene(new Scene(starting));
        AppConfig config;
        try {
            config = (fixedConfig != null ? fixedConfig : AppConfig.from(option(args, "--db"), System.getenv())).readingFirst();
        } catch (RuntimeException e) { // a --db the desk cannot use: the start screen says why
            log.warn("Cannot start on the database given", e);
            stage.setTitle(TITLE);
            stage.show();
            whenShown.run();
            couldNotStart(starting, spinner, message, e);
            return;
        }
        placement = WindowPlacement.besides(config.databasePath());
        message.setText("Opening the database " + config.storeName() + " …");
        stage.setTitle(TITLE + " — " + config.storeName());
        placement.restore(stage);
        stage.show();
        whenShown.run();
        log.info("Window shown {} ms after JVM start", uptime());

        onSignal = ShutdownHook.add("desk-shutdown", this::closeOnSignal);
        startup = new Task<>() {
            @Override
            protected Bootstrap call() {
                Bootstrap started = startContainer.apply(config);
                open.set(started);
                started.get(OtherDesks.class).markEnd(); // before the first data is read
                return started;
            }
        };
        startup.setOnSucceeded(e -> showMainWindow(startup.getValue()));
        startup.setOnFailed(e -> couldNotStart(starting, spinner, message, startup.getException()));
        Thread thread = new Thread(startup, "desk-startup");
        thread.setDaemon(true);
        thread.start();
    }

    /** The start screen tells why the desk could not start, with a button that closes it. */
    private void couldNotStart(VBox starting, ProgressIndicator spinner, Label message, Throwable failure) {
        spinner.setVisible(false);
        message.setText("Allocation Desk could not start.\n" + ErrorText.of(failure));
        Button close = new Button("Close");
        close.setId("startupCloseButton");
        close.setDefaultButton(true);
        close.setOnAction(a -> stage.close());
        starting.getChildren().add(close);
    }

    private void showMainWindow(Bootstrap started) {
        if (stopping) {
            closeDatabase();
            return;
        }
        this.bootstrap = started;
        FXMLLoader loader = new FXMLLoader(MainWindowController.class.getResource("MainWindow.fxml"));
        loader.setControllerFactory(started::get);
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("The main window could not be loaded", e);
        }
        MainWindowController controller = loader.getController();
        controller.viewModel().setDatabaseLocation(started.config().storeName());
        stage.getScene().setRoot(root);
        log.info("Main window ready {} ms after JVM start", uptime());
        logFirstData(controller.batches().viewModel());
    }

    /**
     * Logs once, when the first query result of the Batches table (the view shown at start) has been
     * laid out in the window: "First data shown N ms after JVM start". The start-up benchmark reads it.
     * Then the write side starts, in the background; a command given before that starts it itself.
     */
    private void logFirstData(BatchesViewModel batches) {
        Scene scene = stage.getScene();
        Runnable[] afterLayout = new Runnable[1];
        afterLayout[0] = () -> {
            scene.removePostLayoutPulseListener(afterLayout[0]);
            log.info("First data shown {} ms after JVM start ({} rows in the Batches table)", uptime(), batches.rowCount());
            bootstrap.prepareForWrites();
            bootstrap.get(WindowConnections.class).start();
        };
        if (batches.loadedProperty().get()) {
            scene.addPostLayoutPulseListener(afterLayout[0]);
            return;
        }
        batches.loadedProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> obs, Boolean was, Boolean now) {
                if (now) {
                    obs.removeListener(this);
                    scene.addPostLayoutPulseListener(afterLayout[0]);
                }
            }
        });
    }

    @Override
    public void stop() {
        stopping = true;
        Bootstrap shown = bootstrap;
        if (shown != null) {
            shown.get(ViewSettings.class).save(); // the tables' sort and filters, the last tab: beside the placement
        }
        if (stage != null && placement != null) {
            placement.save(stage);
        }
        bootstrap = null;
        ShutdownHook hook = onSignal;
        if (hook != null) {
            hook.remove();
        }
        closeDatabase();
    }

    /** The shutdown hook: what {@link #stop()} would close, once the start-up in flight has finished. */
    private void closeOnSignal() {
        stopping = true;
        Task<Bootstrap> starting = startup;
        if (open.get() == null && starting != null && !starting.isDone()) {
            try {
                starting.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Ended while starting; the start-up did not finish", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (open.get() != null) {
            log.info("Ended by a signal with the window open: closing the database");
            closeDatabase();
        }
    }

    /** Stops the connections, then closes the container and its database; only the first caller does anything. */
    private void closeDatabase() {
        Bootstrap running = open.getAndSet(null);
        if (running != null) {
            try {
                running.get(WindowConnections.class).stop(); // the file in hand is finished while the database is open
            } finally {
                running.close();
            }
        }
    }

    /** The running container, once started (for tests). */
    public Bootstrap bootstrap() {
        return bootstrap;
    }

    static long uptime() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The value of {@code name} ({@code name VALUE} or {@code name=VALUE}), or null; Main checked the arguments. */
    static String option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(name) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }
}
