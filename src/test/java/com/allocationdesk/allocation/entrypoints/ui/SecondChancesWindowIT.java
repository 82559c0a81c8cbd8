package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second chances in the real window: the batch dialog's "what if?" (the lines a change would move,
 * refreshed as the planner types, nothing written until Apply), Cancel line asking once (Esc and
 * Space keep the line, Enter cancels it), Undo of a cancel and of a line's quantity change, and
 * "Change quantity" of an order line.
 */
class SecondChancesWindowIT extends WindowFixture {
    private MessageBus bus;

    /** B-WH 10 LAMP in the warehouse, B-SHIP 5 on its way; ORD-1 5 and ORD-3 4 in B-WH; ORD-2's 100 wait. */
    @BeforeEach
    void stock() {
        bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-WH", "LAMP", 10, null));
        bus.handle(new CreateBatch("B-SHIP", "LAMP", 5, LocalDate.now().plusDays(10)));
        bus.handle(new Allocate("ORD-1", "LAMP", 5));
        bus.handle(new Allocate("ORD-2", "LAMP", 100));
        bus.handle(new Allocate("ORD-3", "LAMP", 4));
        waitUntil("the batches show", () -> batchRows().size() == 2);
        showOrders();
        waitUntil("ORD-2 waits", () -> table("#waitingTable").getItems().size() == 1);
        showBatches();
    }

    @Test
    void theBatchDialogShowsWhatAChangeWouldMoveAsThePlannerTypesAndCancelWritesNothing() {
        String before = everything();
        openChangeQuantityOf("B-WH");

        fill("#newQuantityField", "2");
        waitUntil("the preview tells the moves", () -> text("#previewLabel").contains("2 lines moved off B-WH: 1 to B-SHIP, 1 waits"));
        assertThat(previewLines()).containsExactly("ORD-3 4 × LAMP would wait, position 2 in the queue",
                "ORD-1 5 × LAMP would move to B-SHIP");
        fill("#newQuantityField", "8");
        waitUntil("the preview follows the typing", () -> text("#previewLabel").contains("1 line moved off B-WH: 1 to B-SHIP"));
        assertThat(previewLines()).containsExactly("ORD-3 4 × LAMP would move to B-SHIP");
        fill("#newQuantityField", "10");
        waitUntil("a change that moves nothing says so", () -> text("#previewLabel").equals("No line would move."));
        fill("#newQuantityField", "2");
        waitUntil("the preview is back", () -> previewLines().size() == 2);
        assertThat(everything()).as("the database while the dialog shows a preview").isEqualTo(before);

        clickOn("#cancelButton");
        waitUntil("the dialog closes", () -> find("#saveButton").isEmpty());
        assertThat(everything()).as("the database after Cancel").isEqualTo(before);
    }

    @Test
    void applyCarriesOutWhatThePreviewShowed() {
        openChangeQuantityOf("B-WH");
        fill("#newQuantityField", "2");
        waitUntil("the preview tells the moves", () -> previewLines().size() == 2);

        clickOn("#saveButton");

        waitUntil("the dialog closes", () -> find("#saveButton").isEmpty());
        waitUntil("the move is told", () -> node("#moveStrip").isVisible());
        assertThat(text("#moveLabel")).isEqualTo("2 lines moved off B-WH: 1 to B-SHIP, 1 waits");
        assertThat(rows("SELECT order_id, batch_reference FROM read_allocations ORDER BY order_id"))
                .containsExactly("ORD-1|B-SHIP");
    }

    @Test
    void cancelLineAsksOnceEscAndSpaceKeepTheLineEnterCancelsIt() {
        showOrders();
        fill("#orderIdField", "ORD-1");
        fill("#skuField", "LAMP");
        String before = everything();

        clickOn("#cancelLineButton");
        waitUntil("the question is asked", () -> find("#confirmCancelButton").isPresent());
        assertThat(text("#cancelQuestionLabel")).contains("ORD-1").contains("LAMP").contains("5");
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("Esc closes the question", () -> find("#confirmCancelButton").isEmpty());
        assertThat(everything()).as("Esc keeps the line").isEqualTo(before);

        clickOn("#cancelLineButton");
        waitUntil("the question is asked again", () -> find("#confirmCancelButton").isPresent());
        assertThat(node("#confirmCancelButton").isFocused()).as("the destructive button does not have the focus").isFalse();
        press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil("Space keeps the line", () -> find("#confirmCancelButton").isEmpty());
        assertThat(everything()).as("Space keeps the line").isEqualTo(before);

        clickOn("#cancelLineButton");
        waitUntil("the question is asked a third time", () -> find("#confirmCancelButton").isPresent());
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("the line is cancelled", () -> text("#resultLabel").contains("cancelled"));
        assertThat(rows("SELECT order_id FROM read_allocations WHERE order_id = 'ORD-1'")).isEmpty();
    }

    @Test
    void undoOfACancelBringsTheLineBackAsTheNewestLineAndSaysWhere() {
        showOrders();
        fill("#orderIdField", "ORD-1");
        fill("#skuField", "LAMP");
        clickOn("#cancelLineButton");
        waitUntil("the question is asked", () -> find("#confirmCancelButton").isPresent());
        clickOn("#confirmCancelButton");
        waitUntil("the undo is offered", () -> node("#undoButton").isVisible());
        assertThat(text("#moveLabel")).contains("ORD-1").contains("cancelled");

        clickOn("#undoButton");

        waitUntil("the line is back", () -> rows("SELECT order_id, quantity, batch_reference FROM read_allocations"
                + " WHERE order_id = 'ORD-1'").equals(List.of("ORD-1|5|B-WH")));
        waitUntil("the undo says what it did", () -> text("#moveLabel").contains("ORD-1 is back as a new line"));
        assertThat(node("#undoButton").isVisible()).as("an undo is not undone again").isFalse();
    }

    @Test
    void changeQuantityOfAnOrderLineKeepsItsPlaceAndCtrlZSetsTheOldQuantityBack() {
        showOrders();
        fill("#orderIdField", "ORD-2");
        fill("#skuField", "LAMP");
        fill("#quantityField", "120");
        clickOn("#changeLineButton");
        waitUntil("the change is told", () -> text("#resultLabel").contains("120"));
        assertThat(rows("SELECT order_id, quantity FROM read_waiting")).containsExactly("ORD-2|120");

        clickOn("#resultLabel");
        press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

        waitUntil("the old quantity is back", () -> rows("SELECT order_id, quantity FROM read_waiting").equals(List.of("ORD-2|100")));
    }

    // --- helpers

    private void openChangeQuantityOf(String reference) {
        showBatches();
        TableView<?> batches = table("#batchesTable");
        interact(() -> batches.getSelectionModel().select(batchRows().indexOf(batchRows().stream()
                .filter(b -> b.reference().equals(reference)).findFirst().orElseThrow())));
        clickOn("#changeQuantityButton");
        waitUntil("the dialog opens", () -> find("#saveButton").isPresent());
    }

    @SuppressWarnings("unchecked")
    private List<String> previewLines() {
        return List.copyOf(((ListView<String>) node("#previewList")).getItems());
    }

    private List<String> rows(String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = app.bootstrap().get(DataSource.class).getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** The write tables, the read tables, the alerts and the ledger, as the planner's data. */
    private String everything() {
        StringBuilder all = new StringBuilder();
        for (String sql : List.of("SELECT * FROM products ORDER BY sku",
                "SELECT * FROM batches ORDER BY reference",
                "SELECT * FROM allocations ORDER BY order_id, sku",
                "SELECT * FROM waiting_lines ORDER BY order_id, sku",
                "SELECT * FROM read_batches ORDER BY reference",
                "SELECT * FROM read_allocations ORDER BY order_id, sku",
                "SELECT * FROM read_waiting ORDER BY order_id, sku",
                "SELECT * FROM notifications ORDER BY id",
                "SELECT seq, type, payload FROM event_log ORDER BY seq")) {
            all.append(String.join("\n", rows(sql))).append("\n--\n");
        }
        return all.toString();
    }
}
