package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.NotificationRow;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real window over a real temporary database, driven as a planner would. */
class WindowIT extends WindowFixture {

    /**
     * The tabs not shown at start are built when first shown, or when another tab needs one (issue
     * 16: a planner who only uses Batches does not wait for the others at start).
     */
    @Test
    void theTabsNotShownAtStartAreBuiltWhenFirstShownOrWhenAnotherTabNeedsThem() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
        bus.handle(new com.allocationdesk.allocation.domain.commands.Allocate("ORD-1", "LAMP", 4));
        waitUntil("the batch shows", () -> batchRows().size() == 1);
        assertThat(find("#orders")).as("Orders, never shown").isEmpty();
        assertThat(find("#allocations")).as("Allocations, never shown").isEmpty();
        assertThat(find("#stock")).as("Stock, never shown").isEmpty();

        showAllocations();
        waitUntil("ORD-1's allocation shows", () -> allocationRows().size() == 1);
        assertThat(find("#orders")).as("Orders, still never shown").isEmpty();
        Node allocated = lookup("#allocationsTable .table-row-cell").nth(0).query();
        clickOn(allocated);
        openContextMenu("#allocationsTable", allocated);
        clickMenuItem("Change quantity…");

        waitUntil("Orders is built and shown with the line in its form", () -> node("#orderIdField").isVisible()
                && text("#orderIdField").equals("ORD-1") && text("#skuField").equals("LAMP")
                && text("#quantityField").equals("4"));
        assertThat(find("#stock")).as("Stock, never shown").isEmpty();
        clickOn("#summaryLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil("Stock is built when shown", () -> find("#stockTable").map(Node::isVisible).orElse(false));
    }

    @Test
    void anEmptyDatabaseSaysWhatToDoAndTheSampleDataFillsEveryView() {
        waitUntil("the empty state shows", () -> node("#emptyState").isVisible());
        assertThat(text("#emptyHint")).contains("adding a batch");

        clickOn("#loadSampleButton");

        waitUntil("the sample batches appear", () -> table("#batchesTable").getItems().size() == 5);
        waitUntil("the empty state hides", () -> !node("#emptyState").isVisible());
        assertThat(batchRows()).extracting(BatchRow::eta).containsNull().hasSize(5)
                .filteredOn(eta -> eta != null).hasSize(1);
        showOrders();
        waitUntil("ORD-1006 waits for stock", () -> table("#waitingTable").getItems().size() == 1);
        waitUntil("the out-of-stock alert lands in the panel", () -> node("#notificationsList") instanceof
                javafx.scene.control.ListView<?> list && list.getItems().size() == 1);
        assertThat(text("#openBadge")).isEqualTo("1");
        showAllocations();
        waitUntil("the allocations show", () -> allocationRows().size() == 5);
    }

    @Test
    void aCsvImportFromTheMenuListsBadRowsAndImportsNothingThenImportsAGoodFile() throws java.io.IOException {
        java.nio.file.Path bad = java.nio.file.Files.writeString(dataDir.resolve("bad.csv"),
                "ref,sku,qty,eta\nI-1,LAMP,10,\nI-2,LAMP,ten,\n");
        dialogs.answerNextFileChooser(bad);
        fireMenuItem("importBatchesItem");

        waitUntil("the bad rows are listed", () -> find("#messageLines").isPresent());
        javafx.scene.control.ListView<?> lines = node("#messageLines");
        assertThat(lines.getItems().stream().map(String::valueOf).toList())
                .containsExactly("line 3: Quantity must be a whole number, was 'ten'");
        assertThat(text("#messageText")).contains("1 bad row in").contains("nothing was imported");
        clickOn("OK");
        assertThat(app.bootstrap().get(BatchesQuery.class).list(null)).isEmpty();

        java.nio.file.Path good = java.nio.file.Files.writeString(dataDir.resolve("good.csv"),
                "ref,sku,qty,eta\nI-1,LAMP,10,\nI-2,LAMP,5,2030-01-31\n");
        dialogs.answerNextFileChooser(good);
        fireMenuItem("importBatchesItem");

        waitUntil("the imported batches appear by themselves", () -> batchRows().size() == 2);
        waitUntil("the status bar sums it up", () -> text("#statusLabel").startsWith("Imported 2 batches from"));
        assertThat(node("#importBox").isVisible()).isFalse();
    }

    @Test
    void aPlannerAddsBatchesAllocatesSeesOutOfStockAndReallocation() {
        // Add two batches through the dialog, keyboard only: Enter submits.
        addBatch("B-WH", "LAMP", "10", "");
        waitUntil("B-WH is listed", () -> batchRows().size() == 1);
        addBatch("B-SHIP", "LAMP", "20", "2020-01-31");   // a late shipment: past dates are allowed
        waitUntil("B-SHIP is listed", () -> batchRows().size() == 2);

        // Bad input: messages under the fields, the button stays off, Esc cancels, nothing stored.
        clickOn("#addBatchButton");
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        fill("#referenceField", "B-BAD");
        fill("#batchSkuField", "LAMP");
        fill("#batchQuantityField", "ten");
        assertThat(text("#batchQuantityError")).isEqualTo("Quantity must be a whole number, was 'ten'");
        fill("#batchQuantityField", "-3");
        assertThat(text("#batchQuantityError")).startsWith("Quantity must be positive");
        fill("#etaField", "2025-13-45");
        assertThat(text("#etaError")).startsWith("ETA must be a date like 2027-01-31");
        assertThat(node("#addButton").isDisabled()).isTrue();
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the dialog closes", () -> find("#referenceField").isEmpty());
        assertThat(app.bootstrap().get(BatchesQuery.class).list(null)).hasSize(2);

        // A rejected command shows the domain's message in the form: duplicate reference.
        addBatch("B-WH", "LAMP", "5", "");
        waitUntil("the domain says no", () -> text("#dialogErrorLabel").contains("B-WH"));
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the dialog closes", () -> find("#referenceField").isEmpty());
        assertThat(app.bootstrap().get(BatchesQuery.class).list(null)).hasSize(2);

        // Allocate: the result names the batch, and the allocation appears.
        showOrders();
        fill("#orderIdField", "ORD-1");
        fill("#skuField", "NOPE");
        waitUntil("an unknown SKU is flagged", () -> text("#skuError").startsWith("Unknown SKU NOPE"));
        fill("#skuField", "LAMP");
        fill("#quantityField", "5");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("the result shows the batch", () -> text("#resultLabel").contains("allocated to batch B-WH"));
        showAllocations();
        waitUntil("the allocation appears", () -> allocationRows().contains(new AllocationRow("ORD-1", "LAMP", 5, "B-WH")));
        showOrders();

        // Out of stock: the banner names SKU, order and quantity; the panel keeps it; the line waits.
        fill("#orderIdField", "ORD-2");
        fill("#skuField", "LAMP");
        fill("#quantityField", "100");
        clickOn("#allocateButton");
        waitUntil("the result says it waits", () -> text("#resultLabel").contains("out of stock"));
        waitUntil("the banner shows", () -> node("#alertBanner").isVisible());
        assertThat(text("#alertLabel")).contains("ORD-2").contains("100").contains("LAMP");
        waitUntil("the panel has it", () -> text("#openBadge").equals("1"));
        waitUntil("ORD-2 waits", () -> table("#waitingTable").getItems().size() == 1);

        // Change quantity: B-WH shrinks to 2, ORD-1's 5 move to the shipment by themselves.
        clickOn("#resultLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT1).release(KeyCode.DIGIT1, KeyCode.CONTROL);
        waitUntil("the Batches view shows", () -> node("#batchesTable").isVisible());
        TableView<?> batches = table("#batchesTable");
        interact(() -> batches.getSelectionModel().select(0));
        assertThat(((BatchRow) batches.getSelectionModel().getSelectedItem()).reference()).isEqualTo("B-WH");
        clickOn("#changeQuantityButton");
        waitUntil("the dialog opens", () -> find("#saveButton").isPresent());
        fill("#newQuantityField", "2");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("the dialog closes", () -> find("#saveButton").isEmpty());
        showAllocations();
        waitUntil("ORD-1 is reallocated to the shipment",
                () -> allocationRows().contains(new AllocationRow("ORD-1", "LAMP", 5, "B-SHIP")));

        // New stock arrives: the waiting line is allocated and leaves the waiting list.
        showBatches();
        addBatch("B-NEW", "LAMP", "500", "");
        waitUntil("ORD-2 no longer waits", () -> table("#waitingTable").getItems().isEmpty());
        showAllocations();
        waitUntil("ORD-2 is allocated", () -> allocationRows().contains(new AllocationRow("ORD-2", "LAMP", 100, "B-NEW")));
        waitUntil("its alert says which batch took it", () -> alerts().stream()
                .anyMatch(a -> a.orderId().equals("ORD-2") && a.describe().equals("allocated to B-NEW")));
        waitUntil("no alert is open", () -> !node("#openBadge").isVisible());
    }

    @Test
    void anOrderImportSaysOnceWhatWaitsAndTheAlertsResolveAsStockArrives() throws java.io.IOException {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-1", "LAMP", 2, null));
        bus.handle(new CreateBatch("B-2", "CHAIR", 1, null));
        waitUntil("the batches are listed", () -> batchRows().size() == 2);
        List<String> banners = new java.util.concurrent.CopyOnWriteArrayList<>();
        javafx.scene.control.Label banner = node("#alertLabel");
        interact(() -> banner.textProperty().addListener((obs, old, now) -> banners.add(now)));

        java.nio.file.Path orders = java.nio.file.Files.writeString(dataDir.resolve("orders.csv"),
                "orderid,sku,qty\nO-1,LAMP,2\nO-2,LAMP,5\nO-3,CHAIR,4\nO-4,LAMP,1\n");
        dialogs.answerNextFileChooser(orders);
        fireMenuItem("importOrdersItem");

        waitUntil("one banner sums up the import",
                () -> node("#alertBanner").isVisible() && text("#alertLabel").equals(
                        "Import of orders.csv: 3 lines wait for stock (LAMP and CHAIR)."));
        showOrders();
        waitUntil("the Waiting list has the three lines", () -> table("#waitingTable").getItems().size() == 3);
        waitUntil("the badge counts them", () -> text("#openBadge").equals("3"));
        assertThat(alerts()).hasSize(3).allMatch(NotificationRow::open);
        assertThat(banners).as("no banner per line").noneMatch(text -> text.startsWith("Out of stock: order"));

        // stock arrives: LAMP's two lines are served, their alerts resolve; the counts still agree
        bus.handle(new CreateBatch("B-3", "LAMP", 10, null));

        waitUntil("two lines leave the Waiting list", () -> table("#waitingTable").getItems().size() == 1);
        waitUntil("the badge follows", () -> text("#openBadge").equals("1"));
        waitUntil("the banner counts what still waits", () -> text("#alertLabel").equals(
                "Import of orders.csv: 3 lines wait for stock (LAMP and CHAIR). 1 line waits for stock in all."));
        assertThat(alerts()).filteredOn(a -> a.sku().equals("LAMP")).extracting(NotificationRow::describe)
                .containsOnly("allocated to B-3");
        assertThat(alerts()).filteredOn(NotificationRow::open).extracting(NotificationRow::orderId).containsExactly("O-3");

        // the last waiting line is cancelled: nothing waits, no alert is open, the banner goes
        bus.handle(new CancelLine("O-3", "CHAIR"));

        waitUntil("the Waiting list is empty", () -> table("#waitingTable").getItems().isEmpty());
        waitUntil("the badge hides", () -> !node("#openBadge").isVisible());
        waitUntil("the banner hides", () -> !node("#alertBanner").isVisible());
        assertThat(alerts()).filteredOn(a -> a.orderId().equals("O-3")).extracting(NotificationRow::describe)
                .containsExactly("cancelled");
    }

    @SuppressWarnings("unchecked")
    private List<NotificationRow> alerts() {
        javafx.scene.control.ListView<NotificationRow> list = node("#notificationsList");
        return List.copyOf(list.getItems());
    }

    private void addBatch(String reference, String sku, String quantity, String eta) {
        waitUntil("no dialog is open", () -> find("#referenceField").isEmpty() && find("#saveButton").isEmpty());
        if (batchRows().isEmpty()) {
            press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);   // the shortcut, once
        } else {
            clickOn("#addBatchButton");
        }
        waitUntil("the dialog opens", () -> find("#referenceField").isPresent());
        fill("#referenceField", reference);
        fill("#batchSkuField", sku);
        fill("#batchQuantityField", quantity);
        fill("#etaField", eta);
        press(KeyCode.ENTER).release(KeyCode.ENTER);
    }

}
