package com.allocationdesk.allocation.adapters.jdbc;

import javax.sql.DataSource;

/**
 * An opened database: where the queries and the units of work get their connections, and what
 * every commit must pass. Opening one (locking, checking, migrating) is the implementation's job;
 * what runs on it (Hibernate's units of work, the queries) only sees this interface, so a second
 * kind of store (a database server) is a second implementation, not a branch in the first.
 * <p>
 * Today: {@code adapters.db.Database}, the embedded HSQLDB file.
 */
public interface Store extends AutoCloseable {
    /** Connections from the store's pool; each auto-commits unless the caller says otherwise. */
    DataSource dataSource();

    /** What a unit of work's commit must pass ({@link CommitGate#NONE} for a store whose commits are durable when they return). */
    CommitGate commitGate();

    /** For messages and logs: the file or server the store is. */
    String name();

    /**
     * Has {@code user} (something holding connections of this store, e.g. a booted ORM) closed
     * first when this store closes, so nothing of ours touches the store after it shut down.
     */
    void closeFirst(AutoCloseable user);

    /** Closes what was registered with {@link #closeFirst}, then the store; calling it again does nothing. */
    @Override
    void close();
}
