package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "no traps, no lies, keyboard-first": where the focus goes, what a keypress can do, whether
 * a message can be read whole, whether the layout stays put, and whether the counts and formats say
 * what they mean. The real window over a real temporary database.
 */
class NoTrapsWindowIT extends WindowFixture {

    private MessageBus bus() {
        return app.bootstrap().get(MessageBus.class);
    }

    private int unread() {
        return app.bootstrap().get(NotificationsQuery.class).unreadCount();
    }

    private Node focusOwner() {
        Scene scene = node("#tabs").getScene();
        return scene.getFocusOwner();
    }

    private String focusedId() {
        Node owner = focusOwner();
        return owner == null ? null : owner.getId();
    }

    private void key(KeyCode... keys) {
        press(keys);
        List<KeyCode> reversed = new ArrayList<>(List.of(keys));
        java.util.Collections.reverse(reversed);
        release(reversed.toArray(KeyCode[]::new));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

    /** One batch of LAMP and a line of 5 that waits: one unread alert. */
    private void oneUnreadAlert() {
        bus().handle(new CreateBatch("B-1", "LAMP", 1, null));
        bus().handle(new Allocate("O-1", "LAMP", 5));
        waitUntil("the alert is unread", () -> text("#titleLabel").contains("(1 unread)"));
    }

    @Test
    void aTabSwitchPutsTheFocusInTheScreensMainFieldAndSpaceMarksNothingRead() {
        waitUntil("on an empty database, Add a batch… has the focus at start", () -> "addFirstBatchButton".equals(focusedId()));
        oneUnreadAlert();
        waitUntil("with stock, the SKU filter has it", () -> "skuFilterField".equals(focusedId()));

        key(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitUntil("the order id field has the focus", () -> "orderIdField".equals(focusedId()));
        key(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitUntil("the order filter has the focus", () -> "orderFilterField".equals(focusedId()));
        key(KeyCode.CONTROL, KeyCode.DIGIT1);
        waitUntil("the SKU filter has the focus", () -> "skuFilterField".equals(focusedId()));
        key(KeyCode.SPACE);

        assertThat(unread()).isEqualTo(1);
        assertThat(node("#markReadButton").isFocusTraversable()).as("Mark all read is not on the Tab path").isFalse();
    }

    @Test
    void atTheWidthOfALaptopScreenNoButtonOrLinkIsCutOffInAnyView() {
        oneUnreadAlert();
        interact(() -> {
            javafx.stage.Window window = node("#tabs").getScene().getWindow();
            window.setWidth(1280);
            window.setHeight(800);
        });
        for (KeyCode view : List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4)) {
            clickOn("#summaryLabel");
            key(KeyCode.CONTROL, view);
            List<String> cut = new ArrayList<>();
            for (Node node : lookup(n -> n instanceof javafx.scene.control.ButtonBase && n.isVisible()
                    && ((javafx.scene.control.Labeled) n).getText() != null && !((javafx.scene.control.Labeled) n).getText().isEmpty()).queryAll()) {
                javafx.scene.control.Labeled labeled = (javafx.scene.control.Labeled) node;
                Text shown = (Text) labeled.lookup(".text");
                String whole = labeled.isMnemonicParsing() ? labeled.getText().replace("_", "") : labeled.getText();
                if (shown != null && !shown.getText().equals(whole)) {
                    cut.add(whole + " shown as " + shown.getText());
                }
            }
            assertThat(cut).as("buttons and links cut off in view Ctrl+%s at 1280 px", view.getChar()).isEmpty();
        }
    }

    @Test
    void closingADialogPutsTheFocusBackInTheScreensMainField() {
        oneUnreadAlert();
        clickOn("#addBatchButton");   // the button had the focus when the dialog opened
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        key(KeyCode.ESCAPE);
        waitUntil("the dialog closes", () -> find("#referenceField").isEmpty());
        waitUntil("the SKU filter has the focus", () -> "skuFilterField".equals(focusedId()));

        key(KeyCode.CONTROL, KeyCode.DIGIT2);
        key(KeyCode.CONTROL, KeyCode.N);
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        key(KeyCode.ESCAPE);
        waitUntil("the dialog closes", () -> find("#referenceField").isEmpty());
        waitUntil("the order id field has the focus", () -> "orderIdField".equals(focusedId()));
        key(KeyCode.SPACE);
        assertThat(unread()).isEqualTo(1);
    }

    @Test
    void markAllReadAsksNamingTheCountAndEscapeKeepsThemUnread() {
        oneUnreadAlert();
        bus().handle(new Allocate("O-2", "LAMP", 7));
        waitUntil("two alerts are unread", () -> text("#titleLabel").contains("(2 unread)"));

        clickOn("#markReadButton");
        waitUntil("it asks first", () -> find("#confirmText").isPresent());
        assertThat(text("#confirmText")).contains("2 unread out-of-stock alerts");
        key(KeyCode.ESCAPE);
        waitUntil("the question goes", () -> find("#confirmText").isEmpty());
        assertThat(unread()).isEqualTo(2);

        clickOn("#markReadButton");
        waitUntil("it asks again", () -> find("#confirmText").isPresent());
        key(KeyCode.ENTER);
        waitUntil("Enter marks them read", () -> unread() == 0);
    }

    @Test
    void theOutOfStockBannerMovesNoControl() {
        bus().handle(new CreateBatch("B-1", "LAMP", 1, null));
        showOrders();
        Button cancel = node("#cancelLineButton");
        double hidden = sceneY(cancel);
        double tableHidden = sceneY(node("#waitingTable"));

        bus().handle(new Allocate("O-9", "LAMP", 100));
        waitUntil("the banner shows", () -> node("#alertBanner").isVisible());
        assertThat(sceneY(cancel)).as("Cancel line with the banner shown").isEqualTo(hidden);
        assertThat(sceneY(node("#waitingTable"))).isEqualTo(tableHidden);

        clickOn("#dismissAlertButton");
        waitUntil("the banner hides", () -> !node("#alertBanner").isVisible());
        assertThat(sceneY(cancel)).as("Cancel line with the banner hidden again").isEqualTo(hidden);
    }

    private double sceneY(Node node) {
        AtomicReference<Bounds> bounds = new AtomicReference<>();
        interact(() -> {
            node.getScene().getRoot().applyCss();
            node.getScene().getRoot().layout();
            bounds.set(node.localToScene(node.getLayoutBounds()));
        });
        return bounds.get().getMinY();
    }

    @Test
    void aLongRefusalAndALongFieldMessageAreShownWholeAndInATooltip() {
        String reference = "B-" + "WAREHOUSE-NORTH-".repeat(3) + "CHAIRS-01";
        bus().handle(new CreateBatch(reference, "LAMP", 10, null));
        waitUntil("the batch is listed", () -> batchRows().size() == 1);

        clickOn("#addBatchButton");
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        fill("#referenceField", reference);
        fill("#batchSkuField", "LAMP");
        fill("#batchQuantityField", "5");
        key(KeyCode.ENTER);
        waitUntil("the desk says no", () -> text("#dialogErrorLabel").contains(reference));
        Label refusal = node("#dialogErrorLabel");
        assertShownWhole(refusal);
        key(KeyCode.ESCAPE);

        showOrders();
        String sku = "ADJUSTABLE-STANDING-DESK-WALNUT-XL";
        fill("#skuField", sku);
        waitUntil("the SKU is unknown", () -> text("#skuError").startsWith("Unknown SKU " + sku));
        assertShownWhole(node("#skuError"));
    }

    /** What the label shows on screen is its whole text (no "…"), and its tooltip says it all too. */
    private void assertShownWhole(Label label) {
        waitUntil("the label is laid out whole", () -> shown(label).equals(label.getText()));
        assertThat(label.getTooltip()).as("tooltip of " + label.getId()).isNotNull();
        assertThat(label.getTooltip().getText()).isEqualTo(label.getText());
    }

    private String shown(Label label) {
        AtomicReference<String> shown = new AtomicReference<>("");
        interact(() -> {
            StringBuilder text = new StringBuilder();
            label.lookupAll(".text").forEach(n -> text.append(n instanceof Text t ? t.getText() : ""));
            shown.set(text.toString().replace("\n", " ").replaceAll("\\s+", " ").strip());
        });
        String full = label.getText().replace("\n", " ").replaceAll("\\s+", " ").strip();
        return shown.get().equals(full) ? label.getText() : shown.get();
    }

    @Test
    void theImportErrorListShowsEveryBadRowSelectableAndCopies() throws Exception {
        StringBuilder csv = new StringBuilder("ref,sku,qty,eta\n");
        for (int i = 1; i <= 12; i++) {
            csv.append("I-").append(i).append(",LAMP,ten").append(i).append(",\n");
        }
        Path bad = Files.writeString(dataDir.resolve("bad.csv"), csv.toString());
        dialogs.answerNextFileChooser(bad);
        fireMenuItem("importBatchesItem");

        waitUntil("the bad rows are listed", () -> find("#messageLines").isPresent());
        @SuppressWarnings("unchecked")
        ListView<String> lines = (ListView<String>) (ListView<?>) node("#messageLines");
        assertThat(lines.getItems()).hasSize(12);
        assertThat(lines.getHeight()).as("more than one row visible").isGreaterThan(8 * 20.0);
        assertShownWhole(node("#messageText"));

        clickOn("#copyLinesButton");
        AtomicReference<String> copied = new AtomicReference<>();
        interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get().lines().toList()).isEqualTo(lines.getItems());

        interact(() -> lines.getSelectionModel().selectRange(2, 5));
        clickOn(lines);
        interact(() -> lines.getSelectionModel().selectRange(2, 5));
        key(KeyCode.CONTROL, KeyCode.C);
        interact(() -> copied.set(Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get().lines().toList()).isEqualTo(lines.getItems().subList(2, 5));
    }

    @Test
    void theStatusBarCountsWaitingLinesAndSaysSo() {
        bus().handle(new CreateBatch("B-1", "LAMP", 1, null));
        bus().handle(new Allocate("O-1", "LAMP", 3));
        bus().handle(new Allocate("O-2", "LAMP", 5));

        waitUntil("the totals count the waiting lines",
                () -> text("#totalsLabel").endsWith("2 lines wait for stock (8 units)"));
    }

    @Test
    void aPastEtaIsAcceptedButFlaggedLateInTheTableAndTheForm() {
        bus().handle(new CreateBatch("B-LATE", "LAMP", 5, LocalDate.of(2020, 1, 1)));
        bus().handle(new CreateBatch("B-SOON", "LAMP", 5, LocalDate.now().plusDays(3)));
        waitUntil("the batches are listed", () -> batchRows().size() == 2);

        waitUntil("the late ETA is flagged", () -> cellTexts("#batchesTable").contains("2020-01-01 · late"));
        TableCell<?, ?> late = cells("#batchesTable").stream().filter(c -> "2020-01-01 · late".equals(c.getText()))
                .findFirst().orElseThrow();
        assertThat(late.getStyleClass()).contains("late");
        assertThat(cellTexts("#batchesTable")).contains(LocalDate.now().plusDays(3).toString());

        clickOn("#addBatchButton");
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        fill("#referenceField", "B-PAST");
        fill("#batchSkuField", "LAMP");
        fill("#batchQuantityField", "5");
        fill("#etaField", "2020-01-01");
        waitUntil("the form warns", () -> node("#etaWarning").isVisible());
        assertThat(text("#etaWarning")).contains("in the past").contains("late");
        assertThat(node("#addButton").isDisabled()).as("a warning, not a refusal").isFalse();
        key(KeyCode.ENTER);
        waitUntil("the late batch is added", () -> batchRows().size() == 3);
    }

    @Test
    void numbersInTablesAreFormattedForThePlannersLocale() {
        bus().handle(new CreateBatch("B-BIG", "LAMP", 66096, null));
        String expected = NumberFormat.getIntegerInstance().format(66096);
        assertThat(expected).as("the test locale groups digits").isNotEqualTo("66096");

        waitUntil("the quantity is grouped", () -> cellTexts("#batchesTable").contains(expected));
        assertThat(cellTexts("#batchesTable")).doesNotContain("66096");
        assertThat(text("#summaryLabel")).isEqualTo("1 batch, " + expected + " available");
        waitUntil("the status bar groups too", () -> text("#totalsLabel").contains(expected + " available"));
    }

    @Test
    void theDateAndTimeFormatIsOneSettingForEveryTimestamp() throws Exception {
        oneUnreadAlert();
        showOrders();
        waitUntil("the line waits", () -> table("#waitingTable").getItems().size() == 1);

        fireNestedMenuItem("dateTimeIsoItem");

        String iso = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}";
        waitUntil("the waiting table's Since is ISO", () -> cellTexts("#waitingTable").stream().anyMatch(t -> t.matches(iso)));
        waitUntil("the alerts panel is ISO", () -> listCellTexts("#notificationsList").stream()
                .anyMatch(t -> t.matches("(?s).*waiting since " + iso + ".*")));
        Path settings = dataDir.resolve("window-display.properties");
        assertThat(Files.readString(settings)).contains("dateTime=ISO");

        fireNestedMenuItem("dateTimeLocaleItem");
        waitUntil("back to the locale's format", () -> cellTexts("#waitingTable").stream().noneMatch(t -> t.matches(iso)));
        assertThat(Files.readString(settings)).contains("dateTime=LOCALE");
    }

    @Test
    void f1ListsEveryShortcutOfTheMenusAndTheWindow() {
        key(KeyCode.F1);
        waitUntil("the shortcuts sheet opens", () -> find("#messageLines").isPresent());
        ListView<?> sheet = node("#messageLines");
        List<String> lines = sheet.getItems().stream().map(String::valueOf).toList();

        MenuBar bar = lookup(".menu-bar").query();
        List<MenuItem> withKeys = bar.getMenus().stream().flatMap(NoTrapsWindowIT::items)
                .filter(i -> i.getAccelerator() != null).toList();
        assertThat(withKeys).extracting(i -> i.getText().replace("_", "")).contains("Keyboard shortcuts", "Quit");
        for (MenuItem item : withKeys) {
            String name = item.getText().replace("_", "");
            assertThat(lines).as("the sheet names " + name).anyMatch(line -> line.startsWith(item.getAccelerator().getDisplayText())
                    && line.contains(name));
        }
        assertThat(lines).anyMatch(line -> line.contains("Find order"));
        assertThat(lines).anyMatch(line -> line.contains("History"));
        assertThat(lines).anyMatch(line -> line.startsWith("Alt+F") && line.contains("File"));
        assertThat(lines).anyMatch(line -> line.startsWith("Enter") && line.contains("Change quantity"));
        key(KeyCode.ESCAPE);
        waitUntil("the sheet closes", () -> find("#messageLines").isEmpty());
    }

    @Test
    void helpAboutShowsTheVersionTheDatabaseAndTheLogFile() {
        fireNestedMenuItem("aboutItem");
        waitUntil("About opens", () -> find("#messageLines").isPresent());
        ListView<?> about = node("#messageLines");
        List<String> lines = about.getItems().stream().map(String::valueOf).toList();
        assertThat(lines).anyMatch(line -> line.startsWith("Version: ") && line.length() > "Version: ".length());
        assertThat(lines).contains("Database: " + config().storeName());
        assertThat(lines).contains("Log file: " + AppConfig.logFile(System.getenv()));
    }

    @Test
    void altFOpensTheFileMenuAndButtonsHaveMnemonics() {
        key(KeyCode.ALT, KeyCode.F);
        MenuBar bar = lookup(".menu-bar").query();
        waitUntil("the File menu opens", () -> bar.getMenus().get(0).isShowing());
        key(KeyCode.ESCAPE);
        waitUntil("the File menu closes", () -> !bar.getMenus().get(0).isShowing());

        assertThat(((Button) node("#addBatchButton")).isMnemonicParsing()).isTrue();
        assertThat(((Button) node("#addBatchButton")).getText()).contains("_");
        assertThat(((Button) node("#changeQuantityButton")).getText()).contains("_");
    }

    @Test
    void enterOnABatchRowOpensChangeQuantity() {
        bus().handle(new CreateBatch("B-1", "LAMP", 10, null));
        waitUntil("the batch is listed", () -> batchRows().size() == 1);
        TableView<?> batches = table("#batchesTable");
        AtomicReference<Object> unfocused = new AtomicReference<>();
        interact(() -> unfocused.set(batches.getBorder()));
        interact(() -> {
            batches.requestFocus();
            batches.getSelectionModel().select(0);
        });
        waitUntil("the table has the focus", batches::isFocused);
        AtomicReference<Object> focused = new AtomicReference<>();
        interact(() -> {
            batches.applyCss();
            focused.set(batches.getBorder());
        });
        assertThat(focused.get()).as("the focused table shows it").isNotNull().isNotEqualTo(unfocused.get());
        key(KeyCode.ENTER);
        waitUntil("Change quantity opens", () -> find("#newQuantityField").isPresent());
        key(KeyCode.ESCAPE);
        waitUntil("it closes", () -> find("#newQuantityField").isEmpty());
    }

    private void fireNestedMenuItem(String id) {
        MenuBar bar = lookup(".menu-bar").query();
        MenuItem item = bar.getMenus().stream().flatMap(NoTrapsWindowIT::items).filter(i -> id.equals(i.getId()))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + id));
        interact(item::fire);
    }

    private static Stream<MenuItem> items(MenuItem item) {
        if (item instanceof Menu menu) {
            return Stream.concat(Stream.of(menu), menu.getItems().stream().flatMap(NoTrapsWindowIT::items));
        }
        return Stream.of(item);
    }

    private List<TableCell<?, ?>> cells(String table) {
        List<TableCell<?, ?>> cells = new ArrayList<>();
        interact(() -> node(table).lookupAll(".table-cell").forEach(n -> {
            if (n instanceof TableCell<?, ?> cell && cell.isVisible()) {
                cells.add(cell);
            }
        }));
        return cells;
    }

    private List<String> cellTexts(String table) {
        return cells(table).stream().map(TableCell::getText).filter(t -> t != null).toList();
    }

    private List<String> listCellTexts(String list) {
        List<String> texts = new ArrayList<>();
        interact(() -> node(list).lookupAll(".list-cell").forEach(n -> {
            if (n instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null) {
                texts.add(cell.getText());
            }
        }));
        return texts;
    }
}
