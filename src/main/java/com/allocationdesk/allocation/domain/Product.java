package com.allocationdesk.allocation.domain;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineMove;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
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
 *       cancelled line, a line that shrank or left its batch, a batch that shrinks and gives lines
 *       back) serves the queue first come first served (oldest sequence first) before it returns, in the same unit of work. So a new line
 *       can only take stock that no waiting line fits: it never overtakes a line it competes
 *       with.</li>
 * </ul>
 * A database written before that invariant was kept (or by anything else) may hold a line waiting
 * beside stock it fits; {@link #serveWaitingLines()} repairs it.
 * What happened is recorded as events, collected by the unit of work for the message bus. Each
 * decision carries its reasons, decided here and nowhere else: why a line went to its batch
 * ({@link Placement}: the rule, the batches passed over with what they had), what set it off
 * ({@link Cause}), and, when a batch shrinks, where each line it gave back went ({@link LineMove}).
 * The methods that change stock also return those {@link Consequences} for the planner.
 * <p>
 * The allocated lines live in an {@link AllocationBook} that hands them out one order at a time,
 * so a product with a long history loads as fast as a new one. Its batches are in a
 * {@link BatchBook}, asked for only by the changes that need them; waiting lines (the backlog) are
 * held in full.
 */
public class Product {
    private String sku;
    private long version;
    /** Orders allocations and waiting lines: most recent last, first come first served. */
    private long lineSequence;
    private Set<WaitingLine> waitingLines = new HashSet<>();
    private final transient List<Event> events = new ArrayList<>();
    /**
     * Null until a repository attaches them to a product it loaded: then nothing can run by mistake
     * on no batches or no lines.
     */
    private transient BatchBook batches;
    private transient AllocationBook allocations;

    /** For persistence frameworks only; the repository then calls {@link #keepIn}. */
    protected Product() {
    }

    public Product(String sku) {
        this.sku = sku;
        this.batches = new InMemoryBatchBook();
        this.allocations = new InMemoryAllocationBook();
    }

    /**
     * For repositories: the books this product's batches and allocated lines are kept in from now
     * on. Batches and lines already held in memory (a new product) move into them.
     */
    public void keepIn(BatchBook batchBook, AllocationBook allocationBook) {
        if (batches instanceof InMemoryBatchBook held) {
            held.all().forEach(batchBook::add);
        }
        if (allocations instanceof InMemoryAllocationBook held) {
            held.all().forEach(allocationBook::add);
        }
        this.batches = batchBook;
        this.allocations = allocationBook;
    }

    public String sku() {
        return sku;
    }

    /** Bumped by the persistence adapter on every change; it guards against concurrent changes. */
    public long version() {
        return version;
    }

    /** Every batch, in order of preference: warehouse stock first, then the earliest ETA. */
    public List<Batch> batches() {
        return batchBook().all().stream().sorted(Batch.PREFERENCE).toList();
    }

    public Optional<Batch> batch(String reference) {
        return batchBook().find(reference);
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

    /**
     * Adds a batch; waiting lines it can take are placed in it (or elsewhere) at once, and returned.
     * With no line waiting, the product's other batches are not needed, and not asked for.
     */
    public Consequences addBatch(String reference, int quantity, LocalDate eta) {
        batchBook().add(new Batch(reference, sku, quantity, eta));
        events.add(new BatchCreated(reference, sku, quantity, eta));
        return new Consequences(List.of(), allocateWaitingLines(Cause.batchAdded(reference), Map.of()));
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
            place(line, chosen.get(), Cause.planner(), null, waiting.map(WaitingLine::since).orElse(null));
            return Optional.of(chosen.get().reference());
        }
        WaitingLine queued = waiting.orElseGet(() -> enqueue(line, now, ++lineSequence));
        recordWaiting(queued, Cause.planner());
        return Optional.empty();
    }

    /**
     * Sets a batch's purchased quantity after damage, loss or a recount. When the batch is now
     * allocated beyond it, its most recently allocated lines leave it until it is not; each goes
     * back to the queue with its original place ({@link Deallocated} is recorded). Then the queue
     * is served first come first served, in this same call: a line that fits another batch is
     * placed there at once ({@link Allocated}); a line given back that fits nowhere stays waiting
     * and {@link OutOfStock} is recorded, so the planner is told. A higher quantity serves the
     * queue too. {@link BatchQuantityChanged} names each line that left and where it went; the
     * result says the same, and which waiting lines were served.
     */
    public Consequences changeBatchQuantity(String reference, int quantity, Instant now) {
        Batch batch = batch(reference).orElseThrow(() -> new UnknownBatch(reference));
        int previous = batch.purchasedQuantity();
        batch.changePurchasedQuantity(quantity);
        Cause cause = Cause.quantityChanged(reference, previous, quantity);
        int changedAt = events.size();
        Map<String, WaitingLine> givenBack = new LinkedHashMap<>();
        if (batch.isOverAllocated()) {
            for (Allocation last : book().newestFirst(reference)) {
                unplace(last);
                givenBack.put(last.orderId(), enqueue(last.line(), now, last.sequence()));
                events.add(new Deallocated(last.orderId(), sku, last.quantity(), reference, now, cause));
                if (!batch.isOverAllocated()) {
                    break;
                }
            }
        }
        List<Allocated> served = List.of();
        if (quantity > previous || !givenBack.isEmpty()) {
            Map<String, String> movedFrom = new LinkedHashMap<>();
            givenBack.keySet().forEach(orderId -> movedFrom.put(orderId, reference));
            served = allocateWaitingLines(cause, movedFrom);
        }
        List<LineMove> moved = new ArrayList<>();
        for (WaitingLine line : givenBack.values()) {
            Optional<Allocation> placed = book().find(line.orderId());
            moved.add(placed.isPresent()
                    ? new LineMove(line.orderId(), line.quantity(), placed.get().batchReference(), null)
                    : new LineMove(line.orderId(), line.quantity(), null, positionOf(line)));
        }
        for (WaitingLine line : waitingLines()) {
            if (line.equals(givenBack.get(line.orderId()))) {
                recordWaiting(line, cause);
            }
        }
        events.add(changedAt, new BatchQuantityChanged(reference, sku, previous, quantity, moved));
        return new Consequences(moved,
                served.stream().filter(a -> !givenBack.containsKey(a.orderId())).toList());
    }

    /**
     * Cancels the order's line of this SKU, allocated or waiting. A cancelled line is not
     * reallocated; the stock it frees goes to waiting lines, which the result names.
     */
    public Consequences cancelLine(String orderId) {
        Optional<Allocation> allocated = book().find(orderId);
        if (allocated.isPresent()) {
            Allocation cancelled = allocated.get();
            unplace(cancelled);
            events.add(new LineCancelled(orderId, sku, cancelled.quantity(), cancelled.batchReference()));
            return new Consequences(List.of(), allocateWaitingLines(Cause.lineCancelled(orderId), Map.of()));
        }
        WaitingLine waiting = findWaiting(orderId).orElseThrow(() -> new UnknownOrderLine(orderId, sku));
        waitingLines.remove(waiting);
        events.add(new LineCancelled(orderId, sku, waiting.quantity(), null));
        return Consequences.NONE;
    }

    /**
     * Sets the quantity of the order's line of this SKU, allocated or waiting, keeping its place in
     * the queue (docs/decisions/0018). A waiting line stays where it is in the queue, with the same
     * "since"; if it now fits free stock it is served at once (older lines that still do not fit
     * stay ahead of it: the queue is served first come first served). An allocated line that still
     * fits its batch stays there with its sequence; when it shrank, the freed stock serves the queue.
     * One that no longer fits leaves its batch ({@link Deallocated}, with the new quantity), goes
     * back to the queue with its original sequence, and the queue is served: the line goes to the
     * preferred batch that has room, or waits ({@link OutOfStock}). {@link LineQuantityChanged} is
     * recorded first and says where the line now is. The same quantity again changes nothing.
     *
     * @param now when the line starts waiting, if it has to leave its batch and fits nowhere
     */
    public Consequences changeLineQuantity(String orderId, int quantity, Instant now) {
        if (quantity <= 0) {
            throw InvalidCommand.notALineQuantity(String.valueOf(quantity));
        }
        Optional<Allocation> allocated = book().find(orderId);
        if (allocated.isPresent()) {
            return changeAllocatedQuantity(allocated.get(), quantity, now);
        }
        WaitingLine waiting = findWaiting(orderId).orElseThrow(() -> new UnknownOrderLine(orderId, sku));
        if (waiting.quantity() == quantity) {
            return Consequences.NONE;
        }
        Cause cause = Cause.lineQuantityChanged(orderId, waiting.quantity(), quantity);
        waitingLines.remove(waiting);
        WaitingLine changed = new WaitingLine(orderId, sku, quantity, waiting.since(), waiting.sequence());
        waitingLines.add(changed);
        int changedAt = events.size();
        List<Allocated> served = allocateWaitingLines(cause, Map.of());
        Optional<Allocation> placed = book().find(orderId);
        events.add(changedAt, new LineQuantityChanged(orderId, sku, waiting.quantity(), quantity, null,
                placed.map(Allocation::batchReference).orElse(null), placed.isPresent() ? null : positionOf(changed)));
        return new Consequences(List.of(), served);
    }

    private Consequences changeAllocatedQuantity(Allocation line, int quantity, Instant now) {
        int previous = line.quantity();
        if (previous == quantity) {
            return Consequences.NONE;
        }
        Batch batch = batch(line.batchReference()).orElseThrow();
        Cause cause = Cause.lineQuantityChanged(line.orderId(), previous, quantity);
        int changedAt = events.size();
        if (batch.availableQuantity() + previous >= quantity) {
            unplace(line);
            book().add(new Allocation(line.orderId(), sku, quantity, batch.reference(), line.sequence()));
            batch.take(quantity);
            List<Allocated> served = quantity < previous ? allocateWaitingLines(cause, Map.of()) : List.of();
            events.add(changedAt, new LineQuantityChanged(line.orderId(), sku, previous, quantity, batch.reference(),
                    batch.reference(), null));
            return new Consequences(List.of(), served);
        }
        unplace(line);
        WaitingLine back = enqueue(new OrderLine(line.orderId(), sku, quantity), now, line.sequence());
        events.add(new Deallocated(line.orderId(), sku, quantity, batch.reference(), now, cause));
        List<Allocated> served = allocateWaitingLines(cause, Map.of(line.orderId(), batch.reference()));
        Optional<Allocation> placed = book().find(line.orderId());
        LineMove move = placed.isPresent()
                ? new LineMove(line.orderId(), quantity, placed.get().batchReference(), null)
                : new LineMove(line.orderId(), quantity, null, positionOf(back));
        if (placed.isEmpty()) {
            recordWaiting(back, cause);
        }
        events.add(changedAt, new LineQuantityChanged(line.orderId(), sku, previous, quantity, batch.reference(),
                move.toBatch(), move.waitingPosition()));
        return new Consequences(List.of(move),
                served.stream().filter(a -> !a.orderId().equals(line.orderId())).toList());
    }

    /**
     * Places every waiting line that fits free stock, first come first served, and returns how
     * many were placed. Nothing to do while the invariant holds; it repairs a product stored by
     * code that left a line waiting beside free stock (the start-up sweep sends it).
     */
    public int serveWaitingLines() {
        return allocateWaitingLines(Cause.repair(), Map.of()).size();
    }

    /**
     * Serves the queue first come first served; returns the events of the lines it placed.
     *
     * @param movedFrom the batch each line given back in this same change came from, by order id
     */
    private List<Allocated> allocateWaitingLines(Cause cause, Map<String, String> movedFrom) {
        List<Allocated> served = new ArrayList<>();
        for (WaitingLine waiting : waitingLines()) {
            preferredBatchFor(waiting.line()).ifPresent(batch -> {
                waitingLines.remove(waiting);
                String from = movedFrom.get(waiting.orderId());
                served.add(place(waiting.line(), batch, cause, from, from == null ? waiting.since() : null));
            });
        }
        return served;
    }

    private Optional<Batch> preferredBatchFor(OrderLine line) {
        return batches().stream().filter(b -> b.canAllocate(line)).findFirst();
    }

    private Allocated place(OrderLine line, Batch batch, Cause cause, String movedFrom, Instant waitedSince) {
        Placement placement = placementOf(line, batch);
        book().add(new Allocation(line.orderId(), sku, line.quantity(), batch.reference(), ++lineSequence));
        batch.take(line.quantity());
        Allocated allocated = new Allocated(line.orderId(), sku, line.quantity(), batch.reference(), batch.eta(),
                placement, cause, movedFrom, waitedSince);
        events.add(allocated);
        return allocated;
    }

    /**
     * How the rule played out for {@code chosen}, taken before the line is placed: every batch
     * before it in the order of preference was passed over (it had too little: the chosen one is
     * the first that has enough), and those after it with the same ETA that had enough too lost on
     * their reference.
     */
    private Placement placementOf(OrderLine line, Batch chosen) {
        List<Placement.PassedOver> passedOver = new ArrayList<>();
        int passedOverMore = 0;
        List<String> tiedWith = new ArrayList<>();
        boolean before = true;
        for (Batch batch : batches()) {
            if (batch.equals(chosen)) {
                before = false;
            } else if (before) {
                if (passedOver.size() < Placement.MAX_PASSED_OVER) {
                    passedOver.add(new Placement.PassedOver(batch.reference(), batch.eta(), batch.availableQuantity()));
                } else {
                    passedOverMore++;
                }
            } else if (Objects.equals(batch.eta(), chosen.eta()) && batch.canAllocate(line)
                    && tiedWith.size() < Placement.MAX_PASSED_OVER) {
                tiedWith.add(batch.reference());
            }
        }
        Placement.Rule rule = chosen.eta() == null ? Placement.Rule.WAREHOUSE_FIRST : Placement.Rule.EARLIEST_ETA;
        return new Placement(rule, passedOver, passedOverMore, tiedWith);
    }

    /** Records that a line waits: its place in the queue, and the most any batch has free. */
    private void recordWaiting(WaitingLine line, Cause cause) {
        int largestAvailable = batchBook().all().stream().mapToInt(Batch::availableQuantity).max().orElse(0);
        events.add(new OutOfStock(line.orderId(), sku, line.quantity(), line.since(), positionOf(line),
                Math.max(0, largestAvailable), cause));
    }

    /** 1 for the line served first. */
    private int positionOf(WaitingLine line) {
        return waitingLines().indexOf(line) + 1;
    }

    private void unplace(Allocation allocation) {
        book().remove(allocation);
        batch(allocation.batchReference()).orElseThrow().release(allocation.quantity());
    }

    private AllocationBook book() {
        return attached(allocations, "allocation book");
    }

    private BatchBook batchBook() {
        return attached(batches, "batch book");
    }

    private <T> T attached(T book, String name) {
        if (book == null) {
            throw new IllegalStateException("Product " + sku + " was loaded without its " + name);
        }
        return book;
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
        return "Product[" + sku + ", v" + version + "]";
    }
}
