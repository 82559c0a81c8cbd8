package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.OutOfStock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The aggregate: all batches of one SKU and the order lines waiting for it. Every change to stock
 * or allocations goes through here, so its invariants hold at the end of each method:
 * <ul>
 *   <li>an order id names at most one line of this SKU, and that line sits in exactly one place:
 *       one batch, or the waiting queue;</li>
 *   <li>no batch is allocated beyond its purchased quantity;</li>
 *   <li><b>no waiting line fits free stock</b>: no line in the queue is as small as what some batch
 *       still has available. Every method that frees stock (a new batch, a raised quantity, a
 *       cancelled line, a batch that shrinks and gives lines back) serves the queue first come first
 *       served (oldest sequence first) before it returns, in the same unit of work. So a new line
 *       can only take stock that no waiting line fits: it never overtakes a line it competes
 *       with.</li>
 * </ul>
 * A database written before that invariant was kept (or by anything else) may hold a line waiting
 * beside stock it fits; {@link #serveWaitingLines()} repairs it.
 * What happened is recorded as events, collected by the unit of work for the message bus.
 * <p>
 * The allocated lines live in an {@link AllocationBook} that hands them out one order at a time,
 * so a product with a long history loads as fast as a new one. Batches (a handful) and waiting
 * lines (the backlog) are held in full.
 */
public class Product {
    private String sku;
    private long version;
    /** Orders allocations and waiting lines: most recent last, first come first served. */
    private long lineSequence;
    private List<Batch> batches = new ArrayList<>();
    private Set<WaitingLine> waitingLines = new HashSet<>();
    private final transient List<Event> events = new ArrayList<>();
    /** Null until a repository attaches one to a product it loaded: then nothing can run by mistake on no lines. */
    private transient AllocationBook allocations;

    /** For persistence frameworks only; the repository then calls {@link #keepAllocationsIn}. */
    protected Product() {
    }

    public Product(String sku) {
        this.sku = sku;
        this.allocations = new InMemoryAllocationBook();
    }

    /**
     * For repositories: the book this product's allocated lines are kept in from now on. Lines
     * already held in memory (a new product) move into it.
     */
    public void keepAllocationsIn(AllocationBook book) {
        if (allocations instanceof InMemoryAllocationBook held) {
            held.all().forEach(book::add);
        }
        this.allocations = book;
    }

    public String sku() {
        return sku;
    }

    /** Bumped by the persistence adapter on every change; it guards against concurrent changes. */
    public long version() {
        return version;
    }

    public List<Batch> batches() {
        return batches.stream().sorted(Batch.PREFERENCE).toList();
    }

    public Optional<Batch> batch(String reference) {
        return batches.stream().filter(b -> b.reference().equals(reference)).findFirst();
    }

    /** The lines allocated to a batch of this product, oldest first. */
    public List<Allocation> allocationsIn(String batchReference) {
        List<Allocation> lines = new ArrayList<>(book().newestFirst(batchReference));
        Collections.reverse(lines);
        return lines;
    }

    /** Backorders, first come first served. */
    public List<WaitingLine> waitingLines() {
        return waitingLines.stream().sorted(Comparator.comparingLong(WaitingLine::sequence)).toList();
    }

    /** Events recorded since the last call; the list is handed over and cleared. */
    public List<Event> pullEvents() {
        List<Event> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    public void addBatch(String reference, int quantity, LocalDate eta) {
        if (batch(reference).isPresent()) {
            throw new DuplicateBatch(reference);
        }
        batches.add(new Batch(reference, sku, quantity, eta));
        events.add(new BatchCreated(reference, sku, quantity, eta));
        allocateWaitingLines();
    }

    /**
     * Places the line in the preferred batch that can take it and returns that batch's reference.
     * Allocating the same line again returns the same batch. When no batch can take it, the line
     * waits for stock, {@link OutOfStock} is recorded and the result is empty. A new line never
     * overtakes a waiting one: since no waiting line fits free stock (the invariant above), the
     * stock it takes is stock none of them could have had.
     *
     * @param now when the line starts waiting, if it has to
     */
    public Optional<String> allocate(OrderLine line, Instant now) {
        requireThisSku(line.sku());
        Optional<Allocation> allocated = book().find(line.orderId());
        if (allocated.isPresent()) {
            Allocation existing = allocated.get();
            if (existing.quantity() != line.quantity()) {
                throw new LineAlreadyPlaced(existing.line(), "allocated to batch " + existing.batchReference());
            }
            return Optional.of(existing.batchReference());
        }
        Optional<WaitingLine> waiting = findWaiting(line.orderId());
        if (waiting.isPresent() && waiting.get().quantity() != line.quantity()) {
            throw new LineAlreadyPlaced(waiting.get().line(), "waiting for stock");
        }
        Optional<Batch> chosen = preferredBatchFor(line);
        if (chosen.isPresent()) {
            waiting.ifPresent(waitingLines::remove);
            place(line, chosen.get());
            return Optional.of(chosen.get().reference());
        }
        WaitingLine queued = waiting.orElseGet(() -> enqueue(line, now, ++lineSequence));
        events.add(new OutOfStock(line.orderId(), sku, line.quantity(), queued.since()));
        return Optional.empty();
    }

    /**
     * Sets a batch's purchased quantity after damage, loss or a recount. When the batch is now
     * allocated beyond it, its most recently allocated lines leave it until it is not; each goes
     * back to the queue with its original place ({@link Deallocated} is recorded). Then the queue
     * is served first come first served, in this same call: a line that fits another batch is
     * placed there at once ({@link Allocated}); a line given back that fits nowhere stays waiting
     * and {@link OutOfStock} is recorded, so the planner is told. A higher quantity serves the
     * queue too.
     */
    public void changeBatchQuantity(String reference, int quantity, Instant now) {
        Batch batch = batch(reference).orElseThrow(() -> new UnknownBatch(reference));
        int previous = batch.purchasedQuantity();
        batch.changePurchasedQuantity(quantity);
        events.add(new BatchQuantityChanged(reference, sku, previous, quantity));
        Set<WaitingLine> givenBack = new HashSet<>();
        if (batch.isOverAllocated()) {
            for (Allocation last : book().newestFirst(reference)) {
                unplace(last);
                givenBack.add(enqueue(last.line(), now, last.sequence()));
                events.add(new Deallocated(last.orderId(), sku, last.quantity(), reference, now));
                if (!batch.isOverAllocated()) {
                    break;
                }
            }
        }
        if (quantity > previous || !givenBack.isEmpty()) {
            allocateWaitingLines();
        }
        for (WaitingLine line : waitingLines()) {
            if (givenBack.contains(line)) {
                events.add(new OutOfStock(line.orderId(), sku, line.quantity(), line.since()));
            }
        }
    }

    /**
     * Cancels the order's line of this SKU, allocated or waiting. A cancelled line is not
     * reallocated; the stock it frees goes to waiting lines.
     */
    public OrderLine cancelLine(String orderId) {
        Optional<Allocation> allocated = book().find(orderId);
        if (allocated.isPresent()) {
            Allocation cancelled = allocated.get();
            unplace(cancelled);
            events.add(new LineCancelled(orderId, sku, cancelled.quantity(), cancelled.batchReference()));
            allocateWaitingLines();
            return cancelled.line();
        }
        WaitingLine waiting = findWaiting(orderId).orElseThrow(() -> new UnknownOrderLine(orderId, sku));
        waitingLines.remove(waiting);
        events.add(new LineCancelled(orderId, sku, waiting.quantity(), null));
        return waiting.line();
    }

    /**
     * Places every waiting line that fits free stock, first come first served, and returns how
     * many were placed. Nothing to do while the invariant holds; it repairs a product stored by
     * code that left a line waiting beside free stock (the start-up sweep sends it).
     */
    public int serveWaitingLines() {
        int waitingBefore = waitingLines.size();
        allocateWaitingLines();
        return waitingBefore - waitingLines.size();
    }

    private void allocateWaitingLines() {
        for (WaitingLine waiting : waitingLines()) {
            preferredBatchFor(waiting.line()).ifPresent(batch -> {
                waitingLines.remove(waiting);
                place(waiting.line(), batch);
            });
        }
    }

    private Optional<Batch> preferredBatchFor(OrderLine line) {
        return batches.stream().sorted(Batch.PREFERENCE).filter(b -> b.canAllocate(line)).findFirst();
    }

    private void place(OrderLine line, Batch batch) {
        book().add(new Allocation(line.orderId(), sku, line.quantity(), batch.reference(), ++lineSequence));
        batch.take(line.quantity());
        events.add(new Allocated(line.orderId(), sku, line.quantity(), batch.reference()));
    }

    private void unplace(Allocation allocation) {
        book().remove(allocation);
        batch(allocation.batchReference()).orElseThrow().release(allocation.quantity());
    }

    private AllocationBook book() {
        if (allocations == null) {
            throw new IllegalStateException("Product " + sku + " was loaded without its allocation book");
        }
        return allocations;
    }

    private WaitingLine enqueue(OrderLine line, Instant since, long sequence) {
        WaitingLine waiting = new WaitingLine(line.orderId(), sku, line.quantity(), since, sequence);
        waitingLines.add(waiting);
        return waiting;
    }

    private Optional<WaitingLine> findWaiting(String orderId) {
        return waitingLines.stream().filter(w -> w.orderId().equals(orderId)).findFirst();
    }

    private void requireThisSku(String lineSku) {
        if (!sku.equals(lineSku)) {
            throw new InvalidSku(lineSku);
        }
    }

    @Override
    public String toString() {
        return "Product[" + sku + ", v" + version + ", " + batches.size() + " batches, "
                + waitingLines.size() + " waiting]";
    }
}
