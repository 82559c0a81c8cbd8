package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.RebuildViews;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;

/** Recomputes the read tables from the write model in one transaction. */
public final class RebuildViewsHandler implements CommandHandler<RebuildViews, Void> {
    @Override
    public Void handle(RebuildViews command, HandlerContext context) {
        context.uow().views().rebuildFromWriteModel();
        context.uow().commit();
        return null;
    }
}
