package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.queries.StockPositionRow;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Stock view (Ctrl+4): one row per SKU over all SKUs, and the chart of the selected one. */
class StockWindowIT extends WindowFixture {
    private MessageBus bus() {
        return app.bootstrap().get(MessageBus.class);
    }

    private void showStock() {
        clickOn("#databaseLabel");
        press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        waitUntil("the Stock view shows", () -> find("#stockTable").map(Node::isVisible).orElse(false));
    }

    @SuppressWarnings("unchecked")
    private List<StockPositionRow> stockRows() {
        return List.copyOf((List<StockPositionRow>) table("#stockTable").getItems());
    }

    private Optional<StockPositionRow> row(String sku) {
        return stockRows().stream().filter(r -> r.sku().equals(sku)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart() {
        return (LineChart<Number, Number>) node("#stockChart");
    }

    /** How many points each series of the chart has, by series name. */
    private List<String> seriesSizes() {
        return chart().getData().stream().map(s -> s.getName() + "=" + s.getData().size()).toList();
    }

    private Optional<XYChart.Series<Number, Number>> series(String name) {
        return chart().getData().stream().filter(s -> s.getName().equals(name)).findFirst();
    }

    /** The text a column's cell shows for the row of {@code sku} (the row must be on screen). */
    private String cellText(String columnId, String sku) {
        return lookup(".table-cell").queryAll().stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()))
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() instanceof StockPositionRow r
                        && r.sku().equals(sku))
                .map(TableCell::getText).findFirst().orElseThrow(() -> new AssertionError("no cell " + columnId + " of " + sku));
    }

    private void clickHeader(String columnId) {
        TableView<?> table = table("#stockTable");
        TableColumn<?, ?> column = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow();
        Node header = lookup(".column-header").queryAll().stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() == column).findFirst().orElseThrow();
        clickOn(header);
    }

    @Test
    void ctrl4OpensStockAndSortingByShortfallSortsEverySkuNotOnlyThoseOnScreen() {
        MessageBus bus = bus();
        for (int i = 0; i < 120; i++) {
            bus.handle(new CreateBatch("B-" + i, String.format("SKU-%03d", i), 1, null));
        }
        bus.handle(new Allocate("O-1", "SKU-007", 10));    // shortfall 9
        bus.handle(new Allocate("O-2", "SKU-118", 100));   // shortfall 99: the last row by SKU
        bus.handle(new Allocate("O-3", "SKU-060", 50));    // shortfall 49

        showStock();
        waitUntil("every SKU has a row", () -> stockRows().size() == 120);
        TableView<?> table = table("#stockTable");
        long rowsOnScreen = from(table).lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && r.getItem() != null && r.isVisible()).count();
        assertThat(rowsOnScreen).as("more rows than fit the screen").isLessThan(120);
        assertThat(stockRows().get(0).sku()).isEqualTo("SKU-000");

        clickHeader("shortfallColumn");   // ascending
        clickHeader("shortfallColumn");   // descending

        waitUntil("the largest shortfall comes first", () -> stockRows().get(0).sku().equals("SKU-118"));
        assertThat(table.getSortOrder()).extracting(TableColumn::getId).containsExactly("shortfallColumn");
        assertThat(stockRows()).extracting(StockPositionRow::shortfall).startsWith(99, 49, 9, 0);
        assertThat(cellText("shortfallColumn", "SKU-118")).isEqualTo("99");
        assertThat(lookup(".table-cell.shortfall").queryAll()).as("the shortfall is highlighted").isNotEmpty();
    }

    @Test
    void theFilterIgnoresCaseAndFindsTheTextAnywhereInTheSku() {
        MessageBus bus = bus();
        bus.handle(new CreateBatch("B-1", "LAMP", 1_500, null));
        bus.handle(new CreateBatch("B-2", "DESK-LAMP", 3, null));
        bus.handle(new CreateBatch("B-3", "CHAIR", 4, null));
        showStock();
        waitUntil("three SKUs", () -> stockRows().size() == 3);
        assertThat(cellText("onHandColumn", "LAMP")).as("numbers in the planner's locale")
                .isEqualTo(NumberFormat.getIntegerInstance().format(1_500));

        fill("#stockFilterField", "lam");

        waitUntil("the LAMPs show", () -> stockRows().stream().map(StockPositionRow::sku).toList()
                .equals(List.of("DESK-LAMP", "LAMP")));
        assertThat(text("#stockSummaryLabel")).isEqualTo("2 of 3 SKUs");
    }

    @Test
    void selectingARowDrawsItsSupplyOverTimeAgainstDemandWithTheLateShipmentDueNow() {
        LocalDate today = LocalDate.now();
        MessageBus bus = bus();
        bus.handle(new CreateBatch("L-WH", "LAMP", 10, null));
        bus.handle(new CreateBatch("L-LATE", "LAMP", 4, today.minusDays(5)));   // late: due now
        bus.handle(new CreateBatch("L-1", "LAMP", 20, today.plusDays(10)));
        bus.handle(new CreateBatch("L-2", "LAMP", 5, today.plusDays(30)));
        bus.handle(new Allocate("O-1", "LAMP", 12));
        bus.handle(new Allocate("O-2", "LAMP", 40));   // waits
        showStock();
        waitUntil("LAMP has a row", () -> row("LAMP").isPresent());
        assertThat(text("#chartPlaceholder")).isEqualTo("Select a SKU to see its stock over time");
        assertThat(node("#chartPlaceholder").isVisible()).isTrue();
        assertThat(cellText("nextEtaColumn", "LAMP")).isEqualTo(today.minusDays(5) + " (late)");

        TableView<?> table = table("#stockTable");
        interact(() -> table.getSelectionModel().select(0));

        // supply: today (warehouse + late), then two steps of two points each, then the end
        waitUntil("the chart is drawn", () -> seriesSizes().equals(
                List.of("Supply=6", "Allocated=2", "Allocated + waiting=2", "Late, due now=1")));
        assertThat(node("#chartPlaceholder").isVisible()).isFalse();
        assertThat(series("Supply").orElseThrow().getData().get(0).getYValue().intValue()).isEqualTo(14);
        assertThat(series("Supply").orElseThrow().getData().get(0).getXValue().longValue()).isEqualTo(today.toEpochDay());
        assertThat(series("Allocated + waiting").orElseThrow().getData().get(0).getYValue().intValue()).isEqualTo(52);
        assertThat(text("#chartSummary")).contains("4 late (ETA " + today.minusDays(5) + ") are counted as due now");
        assertThat(chart().getTitle()).isEqualTo("LAMP: stock over time");
    }

    @Test
    void theViewFollowsAnAllocationMadeInTheOrdersViewAndLiveChanges() {
        bus().handle(new CreateBatch("B-1", "LAMP", 10, null));
        showStock();
        waitUntil("LAMP shows nothing allocated", () -> row("LAMP").map(r -> r.allocated() == 0).orElse(false));
        TableView<?> table = table("#stockTable");
        interact(() -> table.getSelectionModel().select(0));
        waitUntil("the chart is drawn", () -> series("Allocated").isPresent());

        allocateInOrders("ORD-1", "LAMP", 4, "B-1");
        showStock();

        waitUntil("the row shows the allocation", () -> row("LAMP").equals(
                Optional.of(new StockPositionRow("LAMP", 10, 0, null, 4, 6, 0, 0, 0))));
        waitUntil("the chart follows", () -> series("Allocated").orElseThrow().getData().get(0).getYValue().intValue() == 4);
        assertThat(((StockPositionRow) table.getSelectionModel().getSelectedItem()).sku()).isEqualTo("LAMP");

        bus().handle(new Allocate("ORD-2", "LAMP", 20));   // while the view is shown: waits, 14 short

        waitUntil("the shortfall shows by itself", () -> row("LAMP").map(r -> r.shortfall() == 14).orElse(false));
        waitUntil("the chart's demand follows", () ->
                series("Allocated + waiting").orElseThrow().getData().get(0).getYValue().intValue() == 24);
    }
}
