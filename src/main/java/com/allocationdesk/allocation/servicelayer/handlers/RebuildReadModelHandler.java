package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;

import java.time.Clock;

/** Recomputes the read tables from the write model in one transaction (and makes the alerts' states true). */
public final class RebuildReadModelHandler implements CommandHandler<RebuildReadModel, Void> {
    private final Clock clock;

    public RebuildReadModelHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Void handle(RebuildReadModel command, HandlerContext context) {
        context.uow().readModel().rebuildFromWriteModel(clock.instant());
        context.uow().commit();
        return null;
    }
}
