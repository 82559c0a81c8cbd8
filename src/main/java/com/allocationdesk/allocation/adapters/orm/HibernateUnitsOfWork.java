package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalEventLog;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalInboxReceipts;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalReadModel;
import com.allocationdesk.allocation.servicelayer.DatabaseUnavailable;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import org.hibernate.SessionFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The write side over a {@link Store}: boots Hibernate (about a second of CPU on a cold JVM) and
 * hands out one {@link HibernateUnitOfWork} per call, each with its own read-model writer and event
 * log.
 * <p>
 * The read side does not need Hibernate: queries run over {@link Store#dataSource()} as soon as the
 * store is open, so the window shows data and a read-only subcommand answers while Hibernate is
 * still booting ({@link #bootInBackground()}). The first unit of work waits for it. It closes
 * before its store ({@link Store#closeFirst}).
 */
public final class HibernateUnitsOfWork implements UnitOfWork.Factory, AutoCloseable {
    private final Store store;
    private final TransactionalReadModel.Factory readModel;
    private final TransactionalEventLog.Factory eventLog;
    private final TransactionalInboxReceipts.Factory inbox;
    /** Hibernate, booting or booted; null until {@link #bootInBackground()} or the first unit of work. */
    private CompletableFuture<SessionFactory> sessionFactory;
    private boolean closed;

    private HibernateUnitsOfWork(Store store, TransactionalReadModel.Factory readModel,
                                 TransactionalEventLog.Factory eventLog, TransactionalInboxReceipts.Factory inbox) {
        this.store = store;
        this.readModel = readModel;
        this.eventLog = eventLog;
        this.inbox = inbox;
    }

    /**
     * The units of work over {@code store}, each writing the read tables with {@code readModel},
     * the event log with {@code eventLog} and the inbox's receipts with {@code inbox}, all on its
     * own connection; closed when the store closes. Nothing boots until asked.
     */
    public static HibernateUnitsOfWork over(Store store, TransactionalReadModel.Factory readModel,
                                            TransactionalEventLog.Factory eventLog,
                                            TransactionalInboxReceipts.Factory inbox) {
        HibernateUnitsOfWork units = new HibernateUnitsOfWork(store, readModel, eventLog, inbox);
        store.closeFirst(units);
        return units;
    }

    /**
     * Starts Hibernate on a background thread, unless it has started already. Call this as soon
     * as commands are to be expected, so the first one does not wait the whole boot.
     */
    public synchronized void bootInBackground() {
        if (sessionFactory != null || closed) {
            return;
        }
        CompletableFuture<SessionFactory> booting = new CompletableFuture<>();
        Thread boot = new Thread(() -> {
            try {
                booting.complete(boot());
            } catch (RuntimeException e) {
                booting.completeExceptionally(e);
            }
        }, "hibernate-boot");
        boot.setDaemon(true);
        sessionFactory = booting;
        boot.start();
    }

    /** Whether the write side has been asked to start (by {@link #bootInBackground()} or a unit of work). */
    public synchronized boolean started() {
        return sessionFactory != null;
    }

    /**
     * A fresh unit of work; the bus starts one per handler call. A store that cannot lend a
     * connection now (a server that went away) says so as the commit would ({@code CommitGate.failure}).
     */
    @Override
    public UnitOfWork start() {
        store.commitGate().beforeTransaction();
        SessionFactory sessions = sessionFactory();
        try {
            return new HibernateUnitOfWork(sessions, store.commitGate(), readModel, eventLog, inbox);
        } catch (RuntimeException e) {
            throw store.commitGate().failure(e);
        }
    }

    private SessionFactory sessionFactory() {
        CompletableFuture<SessionFactory> booting;
        synchronized (this) {
            if (closed) {
                throw new DatabaseUnavailable("The database " + store.name() + " is closed");
            }
            bootInBackground();
            booting = sessionFactory;
        }
        try {
            return booting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private SessionFactory boot() {
        try {
            return SessionFactories.build(store.dataSource());
        } catch (RuntimeException e) {
            throw new DatabaseUnavailable("Cannot use the database " + store.name()
                    + ": its tables do not match this version of Allocation Desk (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Closes Hibernate. A short run may end while Hibernate is still booting: this waits for it, so
     * that no thread of ours touches the store after it shut down.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        SessionFactory booted = sessionFactory == null ? null
                : sessionFactory.handle((factory, failure) -> factory).join();
        if (booted != null) {
            booted.close();
        }
    }
}
