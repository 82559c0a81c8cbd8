package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.domain.commands.Deallocate;
import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.domain.commands.RebuildViews;
import com.allocationdesk.allocation.domain.commands.ServeWaitingLines;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.BatchQuantityChanged;
import com.allocationdesk.allocation.domain.events.Deallocated;
import com.allocationdesk.allocation.domain.events.LineCancelled;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.Notifications;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;
import com.allocationdesk.allocation.servicelayer.handlers.AllocateHandler;
import com.allocationdesk.allocation.servicelayer.handlers.AllocateLinesHandler;
import com.allocationdesk.allocation.servicelayer.handlers.ChangeBatchQuantityHandler;
import com.allocationdesk.allocation.servicelayer.handlers.CreateBatchHandler;
import com.allocationdesk.allocation.servicelayer.handlers.CreateBatchesHandler;
import com.allocationdesk.allocation.servicelayer.handlers.DeallocateHandler;
import com.allocationdesk.allocation.servicelayer.handlers.MarkNotificationsReadHandler;
import com.allocationdesk.allocation.servicelayer.handlers.NotifyOutOfStockHandler;
import com.allocationdesk.allocation.servicelayer.handlers.ReadModelProjection;
import com.allocationdesk.allocation.servicelayer.handlers.RebuildViewsHandler;
import com.allocationdesk.allocation.servicelayer.handlers.ServeWaitingLinesHandler;

import java.time.Clock;

/**
 * The handler registry of the write side: which handler takes which command, and who listens to
 * which event. The application and the tests build their bus from here, so both run the same
 * wiring; adapters (real or fake) come in as arguments.
 */
public final class CoreHandlers {
    private CoreHandlers() {
    }

    /** A bus builder with every write-side handler registered; callers may add listeners and then build. */
    public static MessageBus.Builder bus(UnitOfWork.Factory unitsOfWork, Notifications notifications, Clock clock) {
        ReadModelProjection views = new ReadModelProjection(clock);
        return MessageBus.builder(unitsOfWork)
                .command(CreateBatch.class, new CreateBatchHandler())
                .command(CreateBatches.class, new CreateBatchesHandler())
                .command(Allocate.class, new AllocateHandler(clock))
                .command(AllocateLines.class, new AllocateLinesHandler(clock))
                .command(ChangeBatchQuantity.class, new ChangeBatchQuantityHandler(clock))
                .command(Deallocate.class, new DeallocateHandler())
                .command(RebuildViews.class, new RebuildViewsHandler())
                .command(ServeWaitingLines.class, new ServeWaitingLinesHandler())
                .command(MarkNotificationsRead.class, new MarkNotificationsReadHandler())
                .event(OutOfStock.class, new NotifyOutOfStockHandler(notifications))
                .projection(BatchCreated.class, views::batchCreated)
                .projection(BatchQuantityChanged.class, views::batchQuantityChanged)
                .projection(Allocated.class, views::allocated)
                .projection(Deallocated.class, views::deallocated)
                .projection(LineCancelled.class, views::lineCancelled)
                .projection(OutOfStock.class, views::outOfStock);
    }
}
