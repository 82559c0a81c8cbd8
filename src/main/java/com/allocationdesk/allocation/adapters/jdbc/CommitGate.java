package com.allocationdesk.allocation.adapters.jdbc;

/**
 * What a unit of work must pass to commit: the store's say on whether a commit may start (room on
 * the disk, the database still ours) and on whether it reached the disk. Implemented by
 * {@code adapters.db.Database} and {@code adapters.postgres.PostgresStore}; a unit of work never
 * acknowledges a commit the gate did not pass. The defaults are those of a store whose commits
 * are durable when they return and that lets units write at once.
 */
public interface CommitGate {
    /**
     * Called before a unit of work begins its transaction: a store that stopped after a write
     * failure comes back here once it can, or refuses with {@code DatabaseUnavailable}.
     */
    default void beforeTransaction() {
    }

    /** Throws {@code DatabaseUnavailable} when no change may be written now (too little disk space, say). */
    default void beforeWriting() {
    }

    /**
     * Runs the writes of a unit of work and its database commit ({@code HibernateUnitOfWork}
     * writes nothing before); throws {@code DatabaseUnavailable} when the commit did not reach the
     * disk (then nothing of it counts: the store goes back to its last durable state). A store
     * that lets one unit write at a time (the embedded one) runs it under its commit lock.
     */
    default void commit(Runnable commit) {
        commit.run();
    }

    /**
     * What a failure of the unit of work means for the planner: a file write failure of the store
     * (a full disk) becomes {@code DatabaseUnavailable} and sends the store back to its last durable
     * state; anything else is returned as it is.
     */
    default RuntimeException failure(RuntimeException e) {
        return e;
    }

    /**
     * The ledger's last number as committed now, for a unit of work about to number its entries
     * inside {@link #commit}: {@code readLast} reads it on a connection. From here until the unit's
     * transaction ends no other unit numbers entries, so numbers are gap-free and in commit order
     * (decisions 0013, 0016). The embedded store calls this under its commit lock, where the unit's
     * own connection sees every earlier commit: the default reads there. A server store, where
     * several processes commit, serialises the numbering its own way.
     */
    default long lastLedgerNumber(ConnectionRunner unit, ConnectionRunner.SqlCall<Long> readLast) {
        return unit.call(readLast);
    }

    /** For stores whose commits are durable when they return. */
    CommitGate NONE = new CommitGate() {
    };
}
