package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.TablePager;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.LineFilter;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.Sort;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import com.allocationdesk.allocation.queries.WaitingRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Orders view: allocate an order line or cancel one, see where it went, and the lines that
 * wait for stock (they leave the list by themselves when new stock takes them).
 */
@Dependent
public class OrdersViewModel {
    /** How the last command ended, for the colour of the result line. */
    public enum Outcome { NONE, ALLOCATED, WAITING, CANCELLED }

    /** The waiting list shows this many lines a page. */
    public static final int WAITING_PAGE_SIZE = 200;
    static final String NO_LINE_WAITS = "No line is waiting for stock.";

    private final MessageBus bus;
    private final WorkState work;
    private volatile Set<String> knownSkus = Set.of();
    private final Field<String> orderId = new Field<>(Inputs.id("order id"));
    private final Field<String> sku = new Field<>(Inputs.knownSku(() -> knownSkus));
    private final Field<Integer> quantity = new Field<>(Inputs.positiveQuantity());
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper(this, "result", "");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome", Outcome.NONE);
    private final ObservableList<WaitingLineItem> waiting = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper waitingSummary = new ReadOnlyStringWrapper(this, "waitingSummary", "");
    private final BooleanBinding canAllocate;
    private final BooleanBinding canCancel;
    private final StringProperty waitingOrderFilter = new SimpleStringProperty(this, "waitingOrderFilter", "");
    private final StringProperty waitingSkuFilter = new SimpleStringProperty(this, "waitingSkuFilter", "");
    private final ReadOnlyStringWrapper waitingPlaceholder = new ReadOnlyStringWrapper(this, "waitingPlaceholder", NO_LINE_WAITS);
    private final TablePager<WaitingRow, WaitingQuery.Column, LineFilter, WaitingQuery.Totals> waitingPager;
    private final Reloader<List<SkuTotals>> skuReloader;
    private List<WaitingRow> lastWaiting = List.of();
    private final MoveMessages moves;

    /** Without remembered settings (tests of this view model alone). */
    public OrdersViewModel(MessageBus bus, BackgroundRunner runner, WaitingQuery waitingQuery,
                           StockTotalsQuery totalsQuery, LiveUpdates live, MoveMessages moves) {
        this(bus, runner, waitingQuery, totalsQuery, live, moves, ViewSettings.none());
    }

    @Inject
    public OrdersViewModel(MessageBus bus, BackgroundRunner runner, WaitingQuery waitingQuery,
                           StockTotalsQuery totalsQuery, LiveUpdates live, MoveMessages moves, ViewSettings settings) {
        this.bus = bus;
        this.moves = moves;
        this.work = new WorkState(runner);
        this.canAllocate = Bindings.and(Field.allValid(orderId, sku, quantity), work.busyProperty().not());
        this.canCancel = Bindings.and(Field.allValid(orderId, sku), work.busyProperty().not());
        this.waitingPager = waitingPager(runner, waitingQuery);
        settings.remember("waiting.filter.order", waitingOrderFilter);
        settings.remember("waiting.filter.sku", waitingSkuFilter);
        settings.rememberSort("waiting.sort", WaitingQuery.Column.class, waitingPager.sortProperty());
        waitingOrderFilter.addListener((obs, old, now) -> waitingPager.first());
        waitingSkuFilter.addListener((obs, old, now) -> waitingPager.first());
        this.skuReloader = new Reloader<>(runner, totalsQuery::perSku, this::showSkus, work::fail);
        live.onChange(LiveUpdates.Topic.WAITING, waitingPager::reload);
        live.onChange(LiveUpdates.Topic.TOTALS, skuReloader::reload);
        for (Field<?> field : new Field<?>[] {orderId, sku, quantity}) {
            field.textProperty().addListener((o, a, b) -> work.clearError());
        }
    }

    public void reload() {
        skuReloader.reload();
        waitingPager.reload();
    }

    /** The waiting list: filtered and sorted in SQL over every waiting line, a page at a time. */
    private TablePager<WaitingRow, WaitingQuery.Column, LineFilter, WaitingQuery.Totals> waitingPager(
            BackgroundRunner runner, WaitingQuery query) {
        return new TablePager<>(runner, WAITING_PAGE_SIZE, WaitingQuery.DEFAULT_SORT, query, query::totals, WaitingQuery.Totals::lines,
                this::waitingFilter, this::showWaiting, work::fail);
    }

    /** Sends Allocate and shows the batch it went to, or that it waits for stock. */
    public void allocate() {
        orderId.touch();
        sku.touch();
        quantity.touch();
        if (!canAllocate.get()) {
            return;
        }
        work.attempt(() -> new Allocate(orderId.value().orElseThrow(), sku.value().orElseThrow(),
                        quantity.value().orElseThrow()))
                .ifPresent(command -> work.task(progress -> bus.handle(command))
                        .onSuccess(batch -> {
                            if (batch.isPresent()) {
                                show(Outcome.ALLOCATED, "Order " + command.orderId() + ": " + command.quantity()
                                        + " × " + command.sku() + " allocated to batch " + batch.get());
                            } else {
                                show(Outcome.WAITING, "Order " + command.orderId() + ": " + command.quantity() + " × "
                                        + command.sku() + " is out of stock — the line waits and is allocated when"
                                        + " stock arrives");
                            }
                            quantity.reset();
                        })
                        .onFailure(this::clearResult)
                        .start());
    }

    /**
     * Sends CancelLine: the order's line of this SKU is cancelled, allocated or waiting; the waiting
     * lines the freed stock took are told once ({@link MoveMessages}).
     */
    public void cancelLine() {
        orderId.touch();
        sku.touch();
        if (!canCancel.get()) {
            return;
        }
        work.attempt(() -> new CancelLine(orderId.value().orElseThrow(), sku.value().orElseThrow()))
                .ifPresent(command -> work.task(progress -> bus.handle(command))
                        .onSuccess(consequences -> {
                            show(Outcome.CANCELLED, "Order " + command.orderId() + ": the line of "
                                    + command.sku() + " is cancelled");
                            moves.tell(consequences, null);
                        })
                        .onFailure(this::clearResult)
                        .start());
    }

    /** Fills the form from a waiting line, to cancel it or allocate more. */
    public void pick(WaitingLineItem row) {
        if (row != null) {
            orderId.textProperty().set(row.orderId());
            sku.textProperty().set(row.sku());
            quantity.textProperty().set(Integer.toString(row.quantity()));
        }
    }

    /** Recomputes "waited" for every waiting line (called every half minute). */
    public void tick() {
        showWaiting(lastWaiting);
    }

    /** A command failed: its sentence is on the error line, and no result shows. */
    private void clearResult(String failure) {
        show(Outcome.NONE, "");
    }

    private void show(Outcome kind, String text) {
        outcome.set(kind);
        result.set(text);
    }

    private void showWaiting(TablePager.Loaded<WaitingRow, WaitingQuery.Column, LineFilter, WaitingQuery.Totals> loaded) {
        showWaiting(loaded.page().rows());
        WaitingQuery.Totals totals = loaded.totals();
        NumberFormat format = NumberFormat.getIntegerInstance();
        String lines = format.format(totals.lines()) + (totals.lines() == 1 ? " line" : " lines");
        if (loaded.filter().isEmpty()) {
            waitingSummary.set(totals.lines() == 0 ? NO_LINE_WAITS
                    : lines + (totals.lines() == 1 ? " waits" : " wait") + " for stock (" + format.format(totals.units())
                    + " units). They are allocated automatically when a batch arrives or grows.");
            waitingPlaceholder.set(NO_LINE_WAITS);
        } else {
            waitingSummary.set(lines + " of those waiting for stock match the filter (" + format.format(totals.units())
                    + " units).");
            waitingPlaceholder.set("No waiting line matches the filter. Clear it to see every waiting line.");
        }
    }

    private void showWaiting(List<WaitingRow> rows) {
        lastWaiting = rows;
        Instant now = Instant.now();
        waiting.setAll(rows.stream().map(row -> WaitingLineItem.of(row, now)).toList());
    }

    private void showSkus(List<SkuTotals> totals) {
        knownSkus = totals.stream().map(SkuTotals::sku).collect(Collectors.toUnmodifiableSet());
        sku.check();
    }

    public Set<String> knownSkus() {
        return knownSkus;
    }

    public Field<String> orderId() {
        return orderId;
    }

    public Field<String> sku() {
        return sku;
    }

    public Field<Integer> quantity() {
        return quantity;
    }

    public BooleanBinding canAllocateProperty() {
        return canAllocate;
    }

    public BooleanBinding canCancelProperty() {
        return canCancel;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ObservableList<WaitingLineItem> waiting() {
        return waiting;
    }

    public ReadOnlyStringProperty waitingSummaryProperty() {
        return waitingSummary.getReadOnlyProperty();
    }

    /** What the empty waiting list says: no line waits, or none matches the filter. */
    public ReadOnlyStringProperty waitingPlaceholderProperty() {
        return waitingPlaceholder.getReadOnlyProperty();
    }

    /** The waiting list's filters: the start of the order id and of the SKU, or with * for any text. */
    public StringProperty waitingOrderFilterProperty() {
        return waitingOrderFilter;
    }

    public StringProperty waitingSkuFilterProperty() {
        return waitingSkuFilter;
    }

    /** The waiting list's filters as they stand: with {@link #waitingSortProperty}, what the list shows ({@code WaitingQuery.forEach} streams it all). */
    public LineFilter waitingFilter() {
        return new LineFilter(waitingOrderFilter.get(), waitingSkuFilter.get());
    }

    /** The waiting list's order: a header click sets it. */
    public ObjectProperty<Sort<WaitingQuery.Column>> waitingSortProperty() {
        return waitingPager.sortProperty();
    }

    /** The waiting list's pager: first, previous, next, last page and "Rows 1–200 of 3,400". */
    public TablePager<WaitingRow, WaitingQuery.Column, LineFilter, WaitingQuery.Totals> waitingPages() {
        return waitingPager;
    }
}
