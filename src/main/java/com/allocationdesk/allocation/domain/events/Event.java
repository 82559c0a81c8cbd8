package com.allocationdesk.allocation.domain.events;

import com.allocationdesk.allocation.domain.messages.Message;

/** Something that happened, named in the past tense. Any number of handlers may react to it. */
public sealed interface Event extends Message
        permits BatchCreated, Allocated, Deallocated, LineCancelled, BatchQuantityChanged, OutOfStock,
                LineQuantityChanged {
}
