package com.allocationdesk.allocation.entrypoints.ui.stock;

import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.Columns;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewBindings;
import com.allocationdesk.allocation.queries.StockPositionRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Stock.fxml: one row per SKU (a plain TableView, sorted by its own headers over every SKU: the
 * view model holds all rows, see {@link StockViewModel}) and the chart of the selected SKU's stock
 * over time, drawn with JavaFX's LineChart from the view model's {@link StockChart}.
 */
@Dependent
public class StockController {
    private final StockViewModel viewModel;

    @FXML private TextField stockFilterField;
    @FXML private Label stockSummaryLabel;
    @FXML private Label stockErrorLabel;
    @FXML private TableView<StockPositionRow> stockTable;
    @FXML private TableColumn<StockPositionRow, String> skuColumn;
    @FXML private TableColumn<StockPositionRow, Integer> onHandColumn;
    @FXML private TableColumn<StockPositionRow, Integer> inboundColumn;
    @FXML private TableColumn<StockPositionRow, LocalDate> nextEtaColumn;
    @FXML private TableColumn<StockPositionRow, Integer> allocatedColumn;
    @FXML private TableColumn<StockPositionRow, Integer> availableColumn;
    @FXML private TableColumn<StockPositionRow, Integer> waitingUnitsColumn;
    @FXML private TableColumn<StockPositionRow, Integer> waitingLinesColumn;
    @FXML private TableColumn<StockPositionRow, Integer> shortfallColumn;
    @FXML private LineChart<Number, Number> stockChart;
    @FXML private NumberAxis dayAxis;
    @FXML private NumberAxis unitsAxis;
    @FXML private Label chartPlaceholder;
    @FXML private Label chartSummary;

    @Inject
    public StockController(StockViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        stockFilterField.textProperty().bindBidirectional(viewModel.skuFilterProperty());
        stockSummaryLabel.textProperty().bind(viewModel.summaryProperty());
        ViewBindings.message(stockErrorLabel, viewModel.errorMessageProperty());
        Columns.of(skuColumn, StockPositionRow::sku);
        count(onHandColumn, StockPositionRow::onHand);
        count(inboundColumn, StockPositionRow::inbound);
        Columns.of(nextEtaColumn, StockPositionRow::nextEta);
        nextEtaColumn.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        nextEtaColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(LocalDate eta, boolean empty) {
                super.updateItem(eta, empty);
                setText(empty ? null : viewModel.nextEtaText(eta));
                markIf(this, "late", !empty && viewModel.isLate(eta));
            }
        });
        count(allocatedColumn, StockPositionRow::allocated);
        count(availableColumn, StockPositionRow::available);
        count(waitingUnitsColumn, StockPositionRow::waitingUnits);
        count(waitingLinesColumn, StockPositionRow::waitingLines);
        count(shortfallColumn, StockPositionRow::shortfall);
        // every SKU's row is in the view model, so this sort is over all of them, not a page
        SortedList<StockPositionRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(stockTable.comparatorProperty());
        stockTable.setItems(sorted);
        stockTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                viewModel.select(row == null ? null : row.sku()));
        sorted.addListener((ListChangeListener<StockPositionRow>) change -> keepSelection());
        chartPlaceholder.setText(viewModel.chartPlaceholder());
        dayAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number day) {
                return LocalDate.ofEpochDay(day.longValue()).toString();
            }

            @Override
            public Number fromString(String text) {
                return LocalDate.parse(text).toEpochDay();
            }
        });
        unitsAxis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number units) {
                return NumberFormat.getIntegerInstance().format(units);
            }

            @Override
            public Number fromString(String text) {
                return Integer.parseInt(text.replaceAll("\\D", ""));
            }
        });
        ViewBindings.showWhile(chartPlaceholder, viewModel.chartProperty().isNull());
        stockChart.visibleProperty().bind(viewModel.chartProperty().isNotNull());
        viewModel.chartProperty().addListener((obs, old, chart) -> draw(chart));
        viewModel.reload();
    }

    /** A whole-number column in the planner's locale (1,500), right-aligned; a shortfall above 0 is marked. */
    private static void count(TableColumn<StockPositionRow, Integer> column, Function<StockPositionRow, Integer> value) {
        Columns.number(column, value);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Integer units, boolean empty) {
                super.updateItem(units, empty);
                setText(empty || units == null ? null : DisplayFormats.number(units));
                markIf(this, "shortfall", "shortfallColumn".equals(column.getId()) && !empty && units != null && units > 0);
            }
        });
    }

    private static void markIf(TableCell<?, ?> cell, String styleClass, boolean mark) {
        cell.getStyleClass().remove(styleClass);
        if (mark) {
            cell.getStyleClass().add(styleClass);
        }
    }

    /** A refresh replaces the rows, and the table drops its selection: select the same SKU's new row. */
    private void keepSelection() {
        String sku = viewModel.selectedSkuProperty().get();
        StockPositionRow selected = stockTable.getSelectionModel().getSelectedItem();
        if (sku != null && (selected == null || !selected.sku().equals(sku))) {
            int index = StockViewModel.indexOf(stockTable.getItems(), sku);
            if (index >= 0) {
                stockTable.getSelectionModel().select(index);
            }
        }
    }

    private void draw(StockChart chart) {
        chartSummary.setText(chart == null ? "" : chart.summary());
        if (chart == null) {
            stockChart.getData().clear();
            return;
        }
        stockChart.setTitle(chart.sku() + ": stock over time");
        dayAxis.setLowerBound(chart.fromDay());
        dayAxis.setUpperBound(chart.toDay());
        dayAxis.setTickUnit(Math.max(1, Math.ceil((chart.toDay() - chart.fromDay()) / 7.0)));
        List<XYChart.Series<Number, Number>> series = new ArrayList<>(List.of(series("Supply", chart.supply()),
                series("Allocated", chart.allocated()), series("Allocated + waiting", chart.demand())));
        if (!chart.late().isEmpty()) {
            XYChart.Series<Number, Number> late = series("Late, due now", chart.late());
            late.getData().forEach(point -> {
                Region marker = new Region();
                marker.getStyleClass().add("late-marker");
                Tooltip.install(marker, new Tooltip(chart.summary()));
                point.setNode(marker);
            });
            series.add(late);
        }
        stockChart.getData().setAll(series);
    }

    private static XYChart.Series<Number, Number> series(String name, List<StockChart.Point> points) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        points.forEach(point -> series.getData().add(new XYChart.Data<>(point.day(), point.units())));
        return series;
    }

    @FXML
    void onRefresh() {
        viewModel.reload();
    }

    public StockViewModel viewModel() {
        return viewModel;
    }

    public void focusFilter() {
        stockFilterField.requestFocus();
    }
}
