package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.LineQuantityChanged;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.HandlerContext;
import com.allocationdesk.allocation.servicelayer.ReadModelWriter;

import java.time.Clock;

/**
 * Keeps the read tables current: one method per event, each registered as a projection, so it
 * writes in the transaction of the change it mirrors.
 */
public final class ReadModelProjection {
    private final Clock clock;

    public ReadModelProjection(Clock clock) {
        this.clock = clock;
    }

    public void batchCreated(BatchCreated event, HandlerContext context) {
        context.uow().readModel().insertBatch(event.reference(), event.sku(), event.eta(), event.quantity());
    }

    public void batchQuantityChanged(BatchQuantityChanged event, HandlerContext context) {
        context.uow().readModel().setPurchased(event.reference(), event.quantity());
    }

    /**
     * Only a line that waited (served from the queue) or was given back in the same change can be in
     * {@code read_waiting}, and only one that waited has an open alert: a new line costs no DELETE and
     * no UPDATE that would find nothing.
     */
    public void allocated(Allocated event, HandlerContext context) {
        ReadModelWriter readModel = context.uow().readModel();
        if (event.waitedSince() != null || event.movedFrom() != null) {
            readModel.deleteWaiting(event.orderId(), event.sku());
        }
        readModel.insertAllocation(event.orderId(), event.sku(), event.quantity(), event.batchReference());
        readModel.addAllocated(event.batchReference(), event.quantity());
        if (event.waitedSince() != null) {
            readModel.resolveAlertAllocated(event.orderId(), event.sku(), event.batchReference(), clock.instant());
        }
    }

    public void deallocated(Deallocated event, HandlerContext context) {
        ReadModelWriter readModel = context.uow().readModel();
        readModel.deleteAllocation(event.orderId(), event.sku());
        readModel.addAllocated(event.batchReference(), -event.quantity());
        readModel.upsertWaiting(event.orderId(), event.sku(), event.quantity(), event.waitingSince());
    }

    public void lineCancelled(LineCancelled event, HandlerContext context) {
        ReadModelWriter readModel = context.uow().readModel();
        if (event.batchReference() == null) {
            readModel.deleteWaiting(event.orderId(), event.sku());
            readModel.resolveAlertCancelled(event.orderId(), event.sku(), clock.instant());
        } else {
            readModel.deleteAllocation(event.orderId(), event.sku());
            readModel.addAllocated(event.batchReference(), -event.quantity());
        }
    }

    /**
     * The line gets its new quantity where it was: in its batch (the batch's allocated total follows)
     * or in the queue (with its open alert). When it then leaves its batch, the {@code Deallocated}
     * and {@code Allocated} or {@code OutOfStock} recorded after this event move it, with the new
     * quantity.
     */
    public void lineQuantityChanged(LineQuantityChanged event, HandlerContext context) {
        ReadModelWriter readModel = context.uow().readModel();
        if (event.fromBatch() == null) {
            readModel.setWaitingQuantity(event.orderId(), event.sku(), event.quantity());
        } else {
            readModel.insertAllocation(event.orderId(), event.sku(), event.quantity(), event.fromBatch());
            readModel.addAllocated(event.fromBatch(), event.quantity() - event.previousQuantity());
        }
    }

    /**
     * The line waits, and the planner finds the alert later even if nobody was looking: one open
     * alert per waiting line, resolved when the line is allocated or cancelled.
     */
    public void outOfStock(OutOfStock event, HandlerContext context) {
        ReadModelWriter readModel = context.uow().readModel();
        readModel.upsertWaiting(event.orderId(), event.sku(), event.quantity(), event.since());
        readModel.openAlert(clock.instant(), event.sku(), event.orderId(), event.quantity());
    }
}
