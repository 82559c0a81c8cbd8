package com.allocationdesk.allocation.servicelayer;

import com.allocationdesk.allocation.domain.commands.Command;

/** Carries out one kind of command. Exceptions reach the sender unchanged. */
@FunctionalInterface
public interface CommandHandler<C extends Command<R>, R> {
    R handle(C command, HandlerContext context);
}
