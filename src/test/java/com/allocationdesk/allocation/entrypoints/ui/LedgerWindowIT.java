package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.ledger.OrderLineItem;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's ledger in the real window: the order search, History… on a row, the message that
 * tells which lines a change moved, and the Allocations view of an order that waits.
 */
class LedgerWindowIT extends WindowFixture {

    /** B-WH 10 LAMP in the warehouse, B-SHIP 20 LAMP on its way; ORD-1 has 5 in B-WH, ORD-2's 100 wait. */
    @BeforeEach
    void stock() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-WH", "LAMP", 10, null));
        bus.handle(new CreateBatch("B-SHIP", "LAMP", 20, LocalDate.now().plusDays(10)));
        bus.handle(new Allocate("ORD-1", "LAMP", 5));
        bus.handle(new Allocate("ORD-2", "LAMP", 100));
        waitUntil("the batches show", () -> batchRows().size() == 2);
        showOrders();
        waitUntil("ORD-2 waits", () -> table("#waitingTable").getItems().size() == 1);
        showBatches();
    }

    @Test
    void aQuantityChangeThatMovesALineSaysSoOnceWithItsDetails() {
        assertThat(node("#moveStrip").isVisible()).isFalse();
        TableView<?> batches = table("#batchesTable");
        interact(() -> batches.getSelectionModel().select(batchRows().indexOf(batch("B-WH"))));
        clickOn("#changeQuantityButton");
        waitUntil("the dialog opens", () -> find("#saveButton").isPresent());
        fill("#newQuantityField", "2");
        press(KeyCode.ENTER).release(KeyCode.ENTER);

        waitUntil("the move is told", () -> node("#moveStrip").isVisible());
        assertThat(text("#moveLabel")).isEqualTo("1 line moved off B-WH: 1 to B-SHIP");
        assertThat(find("#saveButton")).isEmpty();

        clickOn("#moveDetailsLink");
        waitUntil("the batch's history shows", () -> historyOf().stream().anyMatch(s -> s.contains("B-WH reduced from 10 to 2")));
        assertThat(text("#ledgerTitle")).isEqualTo("Batch B-WH");
        assertThat(historyOf().get(0)).contains("B-WH 10 × LAMP arrived in the warehouse");
        assertThat(node("#linesBox").isVisible()).isFalse();
        closeLedgerWithEscape();

        clickOn("#dismissMoveButton");
        waitUntil("the strip hides", () -> !node("#moveStrip").isVisible());
    }

    @Test
    void theOrderSearchShowsAWaitingLineWithItsPlaceAndTellsAnUnknownOrder() {
        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil("the search has the cursor", () -> node("#orderSearchField").isFocused());
        write("ORD-2");
        press(KeyCode.ENTER).release(KeyCode.ENTER);

        waitUntil("the order's line shows", () -> find("#orderLinesTable").isPresent() && !orderLines().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Order ORD-2");
        OrderLineItem line = orderLines().get(0);
        assertThat(line.sku()).isEqualTo("LAMP");
        assertThat(line.state()).isEqualTo("waiting");
        assertThat(line.position()).isEqualTo("1");
        assertThat(line.why()).isEqualTo("waits for stock, position 1 in the LAMP queue; needs 100, at most 20 free in one batch");
        assertThat(text("#ledgerSummary")).isEqualTo("1 line: 1 waits for stock. History below, newest last.");
        waitUntil("its history shows", () -> !historyOf().isEmpty());
        assertThat(historyOf().get(historyOf().size() - 1)).contains("ORD-2 100 × LAMP waits for stock, position 1");
        closeLedgerWithEscape();

        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        write("ORD-404");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("the unknown order is told", () -> find("#ledgerSummary").isPresent()
                && text("#ledgerSummary").startsWith("No order"));
        assertThat(text("#ledgerSummary")).isEqualTo("No order ORD-404: no line of it was ever placed, waits or was cancelled.");
        assertThat(orderLines()).isEmpty();
        closeLedgerWithEscape();
    }

    @Test
    void anOpenOrderFollowsTheDeskWhenStockArrives() {
        press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        waitUntil("the search has the cursor", () -> node("#orderSearchField").isFocused());
        write("ORD-2");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("ORD-2 waits in the dialog", () -> find("#orderLinesTable").isPresent() && !orderLines().isEmpty()
                && orderLines().get(0).state().equals("waiting"));

        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-BIG", "LAMP", 500, null)); // another desk, or a script: not this dialog

        waitUntil("the open dialog shows ORD-2 allocated", () -> !orderLines().isEmpty()
                && orderLines().get(0).state().equals("allocated"));
        assertThat(orderLines().get(0).batch()).isEqualTo("B-BIG");
        waitUntil("its history tells how", () -> historyOf().stream().anyMatch(s -> s.contains("B-BIG")));
        closeLedgerWithEscape();
    }

    @Test
    void aLinesHistoryOpensFromItsRowByTheContextMenuAndByCtrlH() {
        showAllocations();
        waitUntil("ORD-1's allocation shows", () -> allocationRows().size() == 1);
        Node row = lookup("#allocationsTable .table-row-cell").nth(0).query();
        clickOn(row);
        openContextMenu("#allocationsTable", row);
        clickOn("History…  (Ctrl+H)");
        waitUntil("the line's history shows", () -> !historyOf().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Order ORD-1, line of LAMP");
        assertThat(historyOf()).anyMatch(s -> s.contains("ORD-1 5 × LAMP allocated to B-WH (warehouse stock)"));
        assertThat(orderLines()).extracting(OrderLineItem::state, OrderLineItem::batch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("allocated", "B-WH"));
        closeLedgerWithEscape();

        clickOn(row);
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil("the line's history shows again", () -> !historyOf().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Order ORD-1, line of LAMP");
        closeLedgerWithEscape();

        // the waiting line's own entries, from the Orders view
        showOrders();
        clickOn(lookup("#waitingTable .table-row-cell").nth(0).<Node>query());
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil("the waiting line's history shows", () -> !historyOf().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Order ORD-2, line of LAMP");
        assertThat(orderLines()).extracting(OrderLineItem::state).containsExactly("waiting");
        closeLedgerWithEscape();

        // a batch's history from the Batches view
        showBatches();
        clickOn(lookup("#batchesTable .table-row-cell").nth(0).<Node>query());
        String reference = ((BatchRow) table("#batchesTable").getSelectionModel().getSelectedItem()).reference();
        press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        waitUntil("the batch's history shows", () -> !historyOf().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Batch " + reference);
        closeLedgerWithEscape();
    }

    @Test
    void theAllocationsViewSaysWhereAWaitingOrderIsAndOpensIt() {
        showAllocations();
        waitUntil("ORD-1's allocation shows", () -> allocationRows().size() == 1);
        fill("#orderFilterField", "ORD-2");
        waitUntil("the placeholder tells where ORD-2 is", () -> text("#placeholderLabel").startsWith("ORD-2"));
        assertThat(text("#placeholderLabel")).isEqualTo("ORD-2 has no allocated line: 1 line waits for stock (LAMP, position 1).");
        assertThat(text("#pageLabel")).isEqualTo("No allocated line");
        assertThat(node("#openOrderLink").isVisible()).isTrue();

        clickOn("#openOrderLink");
        waitUntil("the order shows", () -> find("#orderLinesTable").isPresent() && !orderLines().isEmpty());
        assertThat(text("#ledgerTitle")).isEqualTo("Order ORD-2");
        assertThat(orderLines()).extracting(OrderLineItem::state).containsExactly("waiting");
        closeLedgerWithEscape();

        fill("#orderFilterField", "ORD-9");
        waitUntil("nothing matches", () -> text("#placeholderLabel").equals("No allocations match."));
        assertThat(node("#openOrderLink").isVisible()).isFalse();
        assertThat(text("#pageLabel")).isEqualTo("No allocations match");
    }

    private void closeLedgerWithEscape() {
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the ledger closes", () -> find("#historyList").isEmpty());
    }

    private List<String> historyOf() {
        return find("#historyList").map(list -> List.copyOf(((ListView<?>) list).getItems()).stream()
                .map(String::valueOf).toList()).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private List<OrderLineItem> orderLines() {
        return find("#orderLinesTable").map(t -> List.copyOf((List<OrderLineItem>) ((TableView<?>) t).getItems()))
                .orElse(List.of());
    }

    private BatchRow batch(String reference) {
        return batchRows().stream().filter(b -> b.reference().equals(reference)).findFirst().orElseThrow();
    }

}
