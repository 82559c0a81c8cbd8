package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.eventlog.JdbcEventLog;
import com.allocationdesk.allocation.adapters.inbox.JdbcInboxReceipts;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.orm.HibernateUnitsOfWork;
import com.allocationdesk.allocation.adapters.readmodel.JdbcReadModelWriter;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * For tests that open a {@link Store} without the application (a fresh one of each kind:
 * {@link StoreKind#fresh}): its units of work, wired as
 * {@code bootstrap.AppProducers} wires them (Hibernate over the store, the JDBC read-model writer and
 * event log),
 * booted once per open database and closed with it.
 */
public final class Stores {
    private static final Map<Store, HibernateUnitsOfWork> UNITS = new IdentityHashMap<>();

    private Stores() {
    }

    public static synchronized HibernateUnitsOfWork unitsOfWork(Store store) {
        return UNITS.computeIfAbsent(store, opened -> {
            opened.closeFirst(() -> forget(opened));
            return over(opened, "test@localhost");
        });
    }

    /**
     * Units of work of another desk on the same store: what they commit, the ledger names
     * {@code desk}. Closed with the store.
     */
    public static HibernateUnitsOfWork unitsOfWorkOfDesk(Store store, String desk) {
        HibernateUnitsOfWork units = over(store, desk);
        store.closeFirst(units);
        return units;
    }

    /** As {@code bootstrap.AppProducers} wires them, the ledger naming {@code desk}. */
    private static HibernateUnitsOfWork over(Store store, String desk) {
        return HibernateUnitsOfWork.over(store, JdbcReadModelWriter::new, JdbcEventLog.factory(Clock.systemUTC(), desk),
                JdbcInboxReceipts::new);
    }

    private static synchronized void forget(Store store) {
        UNITS.remove(store);
    }
}
