package com.allocationdesk.allocation.entrypoints.ui.ledger;

import com.allocationdesk.allocation.domain.commands.PlannerInput;
import com.allocationdesk.allocation.entrypoints.ui.support.BackgroundRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.WorkState;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.HistorySentences;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The ledger dialog: an order (every line: where it stands and why, and the order's history), one
 * line of an order (its status and its own entries), or a batch (its history). The same words as
 * the command line's {@code order} and {@code history}; read off the FX thread.
 */
@Dependent
public class LedgerViewModel {
    /** The newest entries shown (the command line's {@code history --limit} reaches 10,000). */
    static final int LIMIT = 500;

    private record Ledger(List<OrderLineStatusRow> lines, List<String> history) {
    }

    private final OrderStatusQuery orders;
    private final EventLogQuery log;
    private final HistorySentences sentences;
    private final WorkState work;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyBooleanWrapper linesShown = new ReadOnlyBooleanWrapper(this, "linesShown", false);
    private final ReadOnlyStringWrapper orderId = new ReadOnlyStringWrapper(this, "orderId", "");
    private final ObservableList<OrderLineItem> lines = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();

    private final LiveUpdates live;
    /** What is on screen, to read again when the desk changes (any desk's command, an import). */
    private Runnable shown = () -> { };
    private final Runnable refresh = this::refresh;
    private final List<AutoCloseable> following = new java.util.ArrayList<>();
    private boolean refreshing;

    @Inject
    public LedgerViewModel(OrderStatusQuery orders, EventLogQuery log, HistorySentences sentences, BackgroundRunner runner,
                           LiveUpdates live) {
        this.orders = orders;
        this.log = log;
        this.sentences = sentences;
        this.work = new WorkState(runner);
        this.live = live;
    }

    /** Reads what is shown again whenever stock or allocations change, until {@link #stopFollowing()}. */
    public void startFollowing() {
        if (following.isEmpty()) {
            for (LiveUpdates.Topic topic : List.of(LiveUpdates.Topic.ALLOCATIONS, LiveUpdates.Topic.WAITING,
                    LiveUpdates.Topic.BATCHES)) {
                following.add(live.onChange(topic, refresh));
            }
        }
    }

    /** The dialog closed: no more reading. */
    public void stopFollowing() {
        for (AutoCloseable subscription : following) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        following.clear();
    }

    /** Reads the same order, line or batch again, keeping the old rows until the new ones are there. */
    void refresh() {
        refreshing = true;
        try {
            shown.run();
        } finally {
            refreshing = false;
        }
    }

    /** Every line of the order the planner typed, and its history; an id the desk refuses is the error line. */
    public void showOrder(String typed) {
        shown = () -> showOrder(typed);
        work.attempt(() -> PlannerInput.id(typed, "order id")).ifPresent(id -> {
            title.set("Order " + id);
            orderId.set(id);
            linesShown.set(true);
            read(progress -> new Ledger(orders.of(id), sentences.tell(log.forOrder(id, LIMIT))), ledger -> {
                summary.set(ledger.lines().isEmpty()
                        ? "No order " + id + ": no line of it was ever placed, waits or was cancelled."
                        : describe(ledger.lines()));
            });
        });
    }

    /** One line of an order: its status and the order's entries about its SKU. */
    public void showLine(String order, String sku) {
        shown = () -> showLine(order, sku);
        title.set("Order " + order + ", line of " + sku);
        orderId.set(order);
        linesShown.set(true);
        read(progress -> new Ledger(orders.of(order).stream().filter(line -> line.sku().equals(sku)).toList(),
                        sentences.tell(log.forLine(order, sku, LIMIT))),
                ledger -> summary.set(ledger.lines().isEmpty() ? "No line of " + sku + " in order " + order + "."
                        : describe(ledger.lines())));
    }

    /** A batch's history. */
    public void showBatch(String reference) {
        shown = () -> showBatch(reference);
        title.set("Batch " + reference);
        orderId.set("");
        linesShown.set(false);
        read(progress -> new Ledger(List.of(), sentences.tell(log.forBatch(reference, LIMIT))),
                ledger -> summary.set(ledger.history().isEmpty() ? "No history for batch " + reference + "."
                        : ledger.history().size() + (ledger.history().size() == 1 ? " entry" : " entries")
                        + ", newest last."));
    }

    private interface Shown {
        void accept(Ledger ledger);
    }

    private void read(BackgroundRunner.Work<Ledger> query, Shown then) {
        if (!refreshing) {
            summary.set("Reading the ledger…");
            lines.clear();
            history.clear();
        }
        work.task(query)
                .onSuccess(ledger -> {
                    lines.setAll(ledger.lines().stream().map(OrderLineItem::of).toList());
                    history.setAll(ledger.history());
                    then.accept(ledger);
                })
                .onFailure(sentence -> summary.set(""))
                .start();
    }

    /** "2 lines: 1 allocated, 1 waits for stock." */
    static String describe(List<OrderLineStatusRow> rows) {
        long allocated = rows.stream().filter(r -> r.state() == OrderLineStatusRow.State.ALLOCATED).count();
        long waiting = rows.stream().filter(r -> r.state() == OrderLineStatusRow.State.WAITING).count();
        long cancelled = rows.stream().filter(r -> r.state() == OrderLineStatusRow.State.CANCELLED).count();
        List<String> parts = new java.util.ArrayList<>();
        if (allocated > 0) {
            parts.add(allocated + " allocated");
        }
        if (waiting > 0) {
            parts.add(waiting + (waiting == 1 ? " waits" : " wait") + " for stock");
        }
        if (cancelled > 0) {
            parts.add(cancelled + " cancelled");
        }
        return rows.size() + (rows.size() == 1 ? " line: " : " lines: ") + String.join(", ", parts)
                + ". History below, newest last.";
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the dialog found, in one sentence (or the CLI's "No order X: …"). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** True for an order or a line (the lines table shows), false for a batch. */
    public ReadOnlyBooleanProperty linesShownProperty() {
        return linesShown.getReadOnlyProperty();
    }

    /** The order shown, empty for a batch. */
    public ReadOnlyStringProperty orderIdProperty() {
        return orderId.getReadOnlyProperty();
    }

    public ObservableList<OrderLineItem> lines() {
        return lines;
    }

    /** One sentence per entry, newest last. */
    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return work.busyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return work.errorMessageProperty();
    }
}
