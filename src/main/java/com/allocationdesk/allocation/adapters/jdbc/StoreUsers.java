package com.allocationdesk.allocation.adapters.jdbc;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What runs on a store's connections and closes before it ({@link Store#closeFirst}), last
 * registered first; the store guards it with its own lock.
 */
public final class StoreUsers {
    private final Deque<AutoCloseable> users = new ArrayDeque<>();

    public void add(AutoCloseable user) {
        users.push(user);
    }

    /** Closes every user, last registered first; the first failure is thrown once all were tried. */
    public void closeAll() {
        RuntimeException failed = null;
        while (!users.isEmpty()) {
            try {
                users.pop().close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
