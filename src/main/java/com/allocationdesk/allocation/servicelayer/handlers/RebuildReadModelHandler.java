package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;

/** Recomputes the read tables from the write model in one transaction. */
public final class RebuildReadModelHandler implements CommandHandler<RebuildReadModel, Void> {
    @Override
    public Void handle(RebuildReadModel command, HandlerContext context) {
        context.uow().readModel().rebuildFromWriteModel();
        context.uow().commit();
        return null;
    }
}
