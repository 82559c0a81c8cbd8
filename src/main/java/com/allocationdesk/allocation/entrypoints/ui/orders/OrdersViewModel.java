package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.UnknownOrderLine;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.exports.TableExport;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.TablePager;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Orders view: allocate an order line, change its quantity or cancel it, see where it went, and
 * the lines that wait for stock (they leave the list by themselves when new stock takes them).
 * Cancel asks first ({@link #askCancel}); a cancel and a quantity change are told in the strip of
 * {@link MoveMessages} with Undo (docs/decisions/0018: a cancelled line comes back as the newest line,
 * a changed one gets its old quantity and keeps its place in the queue).
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
    private final OrderStatusQuery orderStatus;
    private final BooleanBinding canChangeLine;

    /** The question Cancel line asks before it cancels: which line, how many, where it is. */
    public record CancelQuestion(String orderId, String sku, int quantity, String where) {
        /** E.g. "Cancel order ORD-1's line of 5 × LAMP, allocated to B-WH?". */
        public String text() {
            return "Cancel order " + orderId + "'s line of " + quantity + " × " + sku + ", " + where + "?";
        }
    }
    private final WaitingQuery waitingQuery;

    /** Without remembered settings (tests of this view model alone). */
    public OrdersViewModel(MessageBus bus, BackgroundRunner runner, WaitingQuery waitingQuery,
                           StockTotalsQuery totalsQuery, LiveUpdates live, MoveMessages moves,
                           OrderStatusQuery orderStatus) {
        this(bus, runner, waitingQuery, totalsQuery, live, moves, orderStatus, ViewSettings.none());
    }

    @Inject
    public OrdersViewModel(MessageBus bus, BackgroundRunner runner, WaitingQuery waitingQuery,
                           StockTotalsQuery totalsQuery, LiveUpdates live, MoveMessages moves,
                           OrderStatusQuery orderStatus, ViewSettings settings) {
        this.bus = bus;
        this.moves = moves;
        this.orderStatus = orderStatus;
        this.waitingQuery = waitingQuery;
        this.work = new WorkState(runner);
        this.canAllocate = Bindings.and(Field.allValid(orderId, sku, quantity), work.busyProperty().not());
        this.canCancel = Bindings.and(Field.allValid(orderId, sku), work.busyProperty().not());
        this.canChangeLine = canAllocate;
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
        if (!ready(canAllocate, orderId, sku, quantity)) {
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
     * Cancel line, first step: reads where the form's line is (off the FX thread) and hands the
     * question to {@code ask} (the controller's confirmation); nothing is cancelled until
     * {@link #confirmCancel}. A line the order does not have is told in the domain's words.
     */
    public void askCancel(Consumer<CancelQuestion> ask) {
        if (!ready(canCancel, orderId, sku)) {
            return;
        }
        String order = orderId.value().orElseThrow();
        String item = sku.value().orElseThrow();
        work.task(progress -> lineNow(order, item).orElseThrow(() -> new UnknownOrderLine(order, item)))
                .onSuccess(line -> ask.accept(new CancelQuestion(order, item, line.quantity(),
                        line.state() == OrderLineStatusRow.State.WAITING
                                ? "waiting for stock (position " + line.position() + ")"
                                : "allocated to " + line.batchReference())))
                .onFailure(this::clearResult)
                .start();
    }

    /**
     * Sends CancelLine for the line the planner confirmed: cancelled, allocated or waiting; told in
     * the strip with the waiting lines the freed stock took, and Undo (the line comes back as the
     * newest line).
     */
    public void confirmCancel(CancelQuestion question) {
        work.attempt(() -> new CancelLine(question.orderId(), question.sku()))
                .ifPresent(command -> work.task(progress -> bus.handle(command))
                        .onSuccess(consequences -> {
                            show(Outcome.CANCELLED, "Order " + command.orderId() + ": the line of "
                                    + command.sku() + " is cancelled");
                            moves.tellUndoable("Order " + question.orderId() + "'s line of " + question.quantity() + " × "
                                    + question.sku() + " cancelled", consequences, null, () -> undoCancel(question));
                        })
                        .onFailure(this::clearResult)
                        .start());
    }

    /** Undo of a cancel: the same line allocated again, as the newest line (it waits if it has to). */
    private void undoCancel(CancelQuestion question) {
        work.task(progress -> bus.handle(new Allocate(question.orderId(), question.sku(), question.quantity())))
                .onSuccess(batch -> moves.tellUndone(question.orderId() + " is back as a new line: " + question.quantity()
                        + " × " + question.sku() + batch.map(b -> " in " + b)
                        .orElse(" waits for stock at the end of the queue"), Consequences.NONE))
                .start();
    }

    /**
     * Sends ChangeLineQuantity with the form's quantity: the line keeps its place in the queue,
     * stays in its batch while it fits, else moves or waits; told with Undo (the old quantity back).
     */
    public void changeLine() {
        if (!ready(canChangeLine, orderId, sku, quantity)) {
            return;
        }
        work.attempt(() -> new ChangeLineQuantity(orderId.value().orElseThrow(), sku.value().orElseThrow(),
                        quantity.value().orElseThrow()))
                .ifPresent(command -> work.task(progress -> changeAndRead(command))
                        .onSuccess(changed -> {
                            String now = where(changed.after());
                            show(changed.after().state() == OrderLineStatusRow.State.WAITING ? Outcome.WAITING : Outcome.ALLOCATED,
                                    "Order " + command.orderId() + ": the line of " + command.sku() + " is now "
                                            + command.quantity() + " units (was " + changed.previous() + "), " + now);
                            if (changed.previous() != command.quantity()) {
                                moves.tellUndoable("Order " + command.orderId() + "'s line of " + command.sku()
                                                + " changed from " + changed.previous() + " to " + command.quantity(),
                                        changed.consequences(), null,
                                        () -> undoChange(command.orderId(), command.sku(), changed.previous()));
                            }
                            quantity.reset();
                        })
                        .onFailure(this::clearResult)
                        .start());
    }

    /** Undo of a quantity change: the old quantity, which keeps the line's place in the queue. */
    private void undoChange(String order, String item, int previous) {
        work.task(progress -> changeAndRead(new ChangeLineQuantity(order, item, previous)))
                .onSuccess(changed -> moves.tellUndone("Order " + order + "'s line of " + item + " is back to "
                        + previous + " units, " + where(changed.after()), changed.consequences()))
                .start();
    }

    /** What a line-quantity change did: the quantity before, what it moved, where the line is after. */
    private record LineChanged(int previous, Consequences consequences, OrderLineStatusRow after) {
    }

    /** Off the FX thread: the line's quantity before, the change, the line after. */
    private LineChanged changeAndRead(ChangeLineQuantity command) {
        OrderLineStatusRow before = lineNow(command.orderId(), command.sku())
                .orElseThrow(() -> new UnknownOrderLine(command.orderId(), command.sku()));
        Consequences consequences = bus.handle(command);
        OrderLineStatusRow after = lineNow(command.orderId(), command.sku()).orElse(before);
        return new LineChanged(before.quantity(), consequences, after);
    }

    /** The order's line of this SKU as it stands, allocated or waiting (a cancelled one is not a line). */
    private Optional<OrderLineStatusRow> lineNow(String order, String item) {
        return orderStatus.of(order).stream().filter(line -> line.sku().equals(item))
                .filter(line -> line.state() != OrderLineStatusRow.State.CANCELLED).findFirst();
    }

    private static String where(OrderLineStatusRow line) {
        return line.state() == OrderLineStatusRow.State.WAITING
                ? "waiting for stock (position " + line.position() + " in the " + line.sku() + " queue)"
                : "in " + line.batchReference();
    }

    /** Fills the form from a waiting line, to cancel it or allocate more. */
    public void pick(WaitingLineItem row) {
        if (row != null) {
            orderId.textProperty().set(row.orderId());
            sku.textProperty().set(row.sku());
            quantity.textProperty().set(Integer.toString(row.quantity()));
        }
    }

    /**
     * What File ▸ Export writes for the Waiting for stock list: every waiting line of its filters and
     * in its sort as they are now (all pages), streamed.
     */
    public TableExport<WaitingRow> exportWaiting() {
        LineFilter filter = waitingFilter();
        Sort<WaitingQuery.Column> sort = waitingSortProperty().get();
        return new TableExport<>("waiting line", "waiting lines", "waiting.csv", ExportColumns.WAITING,
                rows -> waitingQuery.forEach(filter, sort, rows), () -> waitingQuery.totals(filter).lines());
    }

    /** Recomputes "waited" for every waiting line (called every half minute). */
    public void tick() {
        showWaiting(lastWaiting);
    }

    /** Shows the messages of the fields an action needs; true when it can run now. */
    private static boolean ready(BooleanBinding can, Field<?>... fields) {
        for (Field<?> field : fields) {
            field.touch();
        }
        return can.get();
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
        String lines = DisplayFormats.number(totals.lines()) + (totals.lines() == 1 ? " line" : " lines");
        if (loaded.filter().isEmpty()) {
            waitingSummary.set(totals.lines() == 0 ? NO_LINE_WAITS
                    : lines + (totals.lines() == 1 ? " waits" : " wait") + " for stock (" + DisplayFormats.number(totals.units())
                    + " units). They are allocated automatically when a batch arrives or grows.");
            waitingPlaceholder.set(NO_LINE_WAITS);
        } else {
            waitingSummary.set(lines + " of those waiting for stock match the filter (" + DisplayFormats.number(totals.units())
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

    public BooleanBinding canChangeLineProperty() {
        return canChangeLine;
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
