package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats;
import com.allocationdesk.allocation.entrypoints.ui.support.Field;
import com.allocationdesk.allocation.entrypoints.ui.support.Inputs;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.Reloader;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import com.allocationdesk.allocation.queries.WaitingRow;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

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
    private final Reloader<List<WaitingRow>> waitingReloader;
    private final Reloader<List<SkuTotals>> skuReloader;
    private List<WaitingRow> lastWaiting = List.of();
    private final MoveMessages moves;

    @Inject
    public OrdersViewModel(MessageBus bus, BackgroundRunner runner, WaitingQuery waitingQuery,
                           StockTotalsQuery totalsQuery, LiveUpdates live, MoveMessages moves) {
        this.bus = bus;
        this.moves = moves;
        this.work = new WorkState(runner);
        this.canAllocate = Bindings.and(Field.allValid(orderId, sku, quantity), work.busyProperty().not());
        this.canCancel = Bindings.and(Field.allValid(orderId, sku), work.busyProperty().not());
        this.waitingReloader = new Reloader<>(runner, () -> waitingQuery.list(null), this::showWaiting, work::fail);
        this.skuReloader = new Reloader<>(runner, totalsQuery::perSku, this::showSkus, work::fail);
        live.onChange(LiveUpdates.Topic.WAITING, waitingReloader::reload);
        live.onChange(LiveUpdates.Topic.TOTALS, skuReloader::reload);
        for (Field<?> field : new Field<?>[] {orderId, sku, quantity}) {
            field.textProperty().addListener((o, a, b) -> work.clearError());
        }
    }

    public void reload() {
        skuReloader.reload();
        waitingReloader.reload();
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

    private void showWaiting(List<WaitingRow> rows) {
        lastWaiting = rows;
        Instant now = Instant.now();
        waiting.setAll(rows.stream().map(row -> WaitingLineItem.of(row, now)).toList());
        int units = rows.stream().mapToInt(WaitingRow::quantity).sum();
        waitingSummary.set(rows.isEmpty() ? "No line is waiting for stock."
                : DisplayFormats.number(rows.size()) + (rows.size() == 1 ? " line waits" : " lines wait") + " for stock ("
                + DisplayFormats.number(units) + (units == 1 ? " unit" : " units")
                + "). They are allocated automatically when a batch arrives or grows.");
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
}
