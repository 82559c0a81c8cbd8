package com.allocationdesk.allocation.domain.messages;

/** What the message bus carries: a {@link com.allocationdesk.allocation.domain.commands.Command} or an {@link com.allocationdesk.allocation.domain.events.Event}. */
public interface Message {
}
