package com.allocationdesk.allocation.outbox;

/**
 * Where the relay keeps how far it got: the last {@code seq} it delivered, per outbox name. Stored
 * in the desk's database (table {@code outbox_progress}) by {@code adapters.outbox.JdbcOutboxProgress}.
 */
public interface OutboxProgress {
    /** The last seq delivered under {@code name}; 0 when nothing was yet. */
    long lastSeq(String name);

    /** Records that everything up to {@code lastSeq} was delivered under {@code name}; durable when it returns. */
    void store(String name, long lastSeq);
}
