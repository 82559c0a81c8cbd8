package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.ui.support.AnsweringDialogs;
import com.allocationdesk.allocation.entrypoints.ui.support.DialogService;
import com.allocationdesk.allocation.entrypoints.ui.support.FxDialogService;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.BatchRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Starts the real window (real FXML, controllers from the real container) over a database in a
 * temporary folder, and offers look-ups by fx:id and waits.
 */
abstract class WindowFixture extends FxRobot {
    static final long TIMEOUT_SECONDS = 20;
    /** The first container start in a JVM is cold (Weld scans the classes, Hibernate and Flyway boot). */
    static final long STARTUP_SECONDS = 120;

    @TempDir
    Path dataDir;
    AllocationDeskApp app;
    private final AtomicReference<Bootstrap> started = new AtomicReference<>();
    /** The window's dialogs: the real ones, but the file chooser answers what the test says. */
    final AnsweringDialogs dialogs = new AnsweringDialogs(() -> started.get().get(FxDialogService.class));

    /** How the window's container starts; tests may swap beans. */
    Function<AppConfig, Bootstrap> starter() {
        return config -> {
            Bootstrap bootstrap = customize(AllocationDeskApp.builder(config).override(DialogService.class, dialogs)).start();
            started.set(bootstrap);
            return bootstrap;
        };
    }

    /** The database the window opens: a file in the test's folder, unless a test says otherwise. */
    AppConfig config() {
        return AppConfig.from(dataDir.resolve("desk").toString(), java.util.Map.of());
    }

    /** More beans to swap for the window's container (the dialogs are swapped already). */
    Bootstrap.Builder customize(Bootstrap.Builder builder) {
        return builder;
    }

    @BeforeEach
    void openWindow() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        AppConfig config = config();
        app = (AllocationDeskApp) FxToolkit.setupApplication(() -> new AllocationDeskApp(starter(), config));
        waitUntil("the main window is shown", STARTUP_SECONDS, () -> find("#tabs").isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    /** Menu items are not nodes: find one in the menu bar and fire it, as a click would. */
    void fireMenuItem(String id) {
        javafx.scene.control.MenuBar bar = lookup(".menu-bar").query();
        javafx.scene.control.MenuItem item = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        interact(item::fire);
    }

    Optional<Node> find(String query) {
        return lookup(query).tryQuery();
    }

    <T extends Node> T node(String query) {
        return lookup(query).query();
    }

    String text(String query) {
        Node node = node(query);
        if (node instanceof Labeled labeled) {
            return labeled.getText();
        }
        return ((TextInputControl) node).getText();
    }

    TableView<?> table(String query) {
        return node(query);
    }

    void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, TIMEOUT_SECONDS, condition);
    }

    void waitUntil(String what, long seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting until " + what + "; the window says: " + visibleTexts(), e);
        }
    }

    /** Every visible label and field text, to tell why a wait timed out. */
    String visibleTexts() {
        StringBuilder texts = new StringBuilder();
        for (Node node : lookup(n -> n.isVisible() && (n instanceof Labeled || n instanceof TextInputControl)).queryAll()) {
            String value = node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getText();
            if (value != null && !value.isBlank()) {
                texts.append(node.getId() == null ? "" : "#" + node.getId() + "=").append('"').append(value).append("\" ");
            }
        }
        return texts.toString();
    }

    /** Types into the field, replacing what was there. */
    void fill(String query, String value) {
        TextInputControl field = node(query);
        interact(() -> field.setText(""));
        clickOn(field);
        if (!value.isEmpty()) {
            write(value);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows a view by its key (a click on the status bar first, so no text field has the keys). */
    protected void showBatches() {
        clickOn("#summaryLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitUntil("the Batches view shows", () -> node("#batchesTable").isVisible());
    }

    /** The Allocations view reads its rows when it is shown (a hidden tab catches up then). */
    protected void showAllocations() {
        clickOn("#summaryLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        waitUntil("the Allocations view shows", () -> node("#allocationsTable").isVisible());
    }

    protected void showOrders() {
        clickOn("#summaryLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        waitUntil("the Orders view shows", () -> node("#orderIdField").isVisible());
    }

    /**
     * Opens a table row's context menu: what a right click asks for on a desktop. Monocle turns no
     * mouse button into a context-menu request, so the test sends the request the platform would.
     */
    protected void openContextMenu(String table, Node row) {
        javafx.geometry.Bounds bounds = row.localToScreen(row.getBoundsInLocal());
        interact(() -> row.fireEvent(new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, 10, 10,
                bounds.getMinX() + 10, bounds.getMinY() + 10, false, null)));
        waitUntil("the context menu shows", () -> ((Control) node(table)).getContextMenu().isShowing());
    }

    /** A row menu's item, not a button of the same words elsewhere in the window (Orders has "Cancel line…"). */
    protected void clickMenuItem(String text) {
        clickOn(from(lookup(".context-menu").queryAll()).lookup((Node node) -> node instanceof Labeled labeled
                && text.equals(labeled.getText())).<Node>query());
    }

    protected List<String> menuTexts(String table) {
        return ((Control) node(table)).getContextMenu().getItems().stream().map(MenuItem::getText).toList();
    }

    /** Allocates a line through the Orders form, as a planner types it (Enter submits), and waits for the batch it went to. */
    protected void allocateInOrders(String orderId, String sku, int quantity, String batch) {
        showOrders();
        fill("#orderIdField", orderId);
        fill("#skuField", sku);
        fill("#quantityField", String.valueOf(quantity));
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("the line is allocated", () -> text("#resultLabel").contains("allocated to batch " + batch));
    }

    @SuppressWarnings("unchecked")
    protected List<BatchRow> batchRows() {
        return List.copyOf((List<BatchRow>) table("#batchesTable").getItems());
    }

    @SuppressWarnings("unchecked")
    protected List<AllocationRow> allocationRows() {
        return List.copyOf((List<AllocationRow>) table("#allocationsTable").getItems());
    }

}
