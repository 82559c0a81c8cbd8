package com.allocationdesk.allocation.servicelayer.handlers;

import com.allocationdesk.allocation.domain.commands.MarkNotificationsRead;
import com.allocationdesk.allocation.servicelayer.CommandHandler;
import com.allocationdesk.allocation.servicelayer.HandlerContext;

/** Marks every stored notification as read. */
public final class MarkNotificationsReadHandler implements CommandHandler<MarkNotificationsRead, Void> {
    @Override
    public Void handle(MarkNotificationsRead command, HandlerContext context) {
        context.uow().readModel().markNotificationsRead();
        context.uow().commit();
        return null;
    }
}
