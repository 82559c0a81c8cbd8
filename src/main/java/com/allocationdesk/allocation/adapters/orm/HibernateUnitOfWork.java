package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalEventLog;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalInboxReceipts;
import com.allocationdesk.allocation.adapters.jdbc.TransactionalReadModel;
import com.allocationdesk.allocation.servicelayer.ConcurrentModification;
import com.allocationdesk.allocation.servicelayer.EventLogWriter;
import com.allocationdesk.allocation.servicelayer.InboxReceipts;
import com.allocationdesk.allocation.servicelayer.ProductRepository;
import com.allocationdesk.allocation.servicelayer.ReadModelWriter;
import com.allocationdesk.allocation.servicelayer.UnitOfWork;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * One Hibernate session and one database transaction. The allocated lines, the read tables and the
 * event log are written over the same JDBC connection, so they commit or roll back with the rest of
 * the write model. Closing without {@link #commit()} rolls back.
 */
public final class HibernateUnitOfWork implements UnitOfWork {
    private static final Logger log = LoggerFactory.getLogger(HibernateUnitOfWork.class);

    private final Session session;
    private final Transaction transaction;
    private final HibernateProductRepository products;
    private final TransactionalReadModel readModel;
    private final TransactionalEventLog eventLog;
    private final TransactionalInboxReceipts inbox;
    private final CommitGate gate;
    private boolean committed;

    /**
     * @param gate      the store's say on when a commit may start and whether it reached the disk
     * @param readModel makes this unit's read-model writer, on its connection
     * @param eventLog  makes this unit's event log, on its connection
     * @param inbox     makes this unit's inbox receipts, on its connection
     */
    HibernateUnitOfWork(SessionFactory sessionFactory, CommitGate gate, TransactionalReadModel.Factory readModel,
                        TransactionalEventLog.Factory eventLog, TransactionalInboxReceipts.Factory inbox) {
        this.gate = gate;
        this.session = sessionFactory.openSession();
        // commit() flushes once, explicitly; nothing here queries through Hibernate in between,
        // so no automatic flush is needed (and the commit's own would walk every entity again).
        session.setHibernateFlushMode(FlushMode.MANUAL);
        try {
            this.transaction = session.beginTransaction();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        ConnectionRunner connection = this::onConnection;
        this.products = new HibernateProductRepository(session, connection);
        this.readModel = readModel.on(connection);
        this.eventLog = eventLog.on(connection, gate);
        this.inbox = inbox.on(connection);
    }

    @Override
    public ProductRepository products() {
        return products;
    }

    @Override
    public ReadModelWriter readModel() {
        return readModel;
    }

    @Override
    public EventLogWriter eventLog() {
        return eventLog;
    }

    @Override
    public InboxReceipts inbox() {
        return inbox;
    }

    /**
     * Flushes and commits; the commit is durable when this returns. Throws
     * {@link ConcurrentModification} when another transaction changed one of our products first
     * (version check, serialization failure, or a concurrent insert of the same product), and
     * {@code DatabaseUnavailable} when the change cannot be written or did not reach the disk.
     * <p>
     * Every write of the unit of work happens here, inside the store's commit: until now it only
     * read, so it held no row lock another unit could wait for; when a write fails (a stale
     * version, say) the rows written before it are rolled back there too, before the next unit may
     * write (decision 0015). The log's entries are numbered inside as well, under the store's
     * commit lock: in commit order (decision 0013).
     */
    @Override
    public void commit() {
        try {
            gate.beforeWriting();
            gate.commit(() -> {
                try {
                    session.flush();
                    products.bumpUnchangedVersions();
                    products.flushBooks();
                    readModel.flush();
                    inbox.write();
                    eventLog.write();
                    transaction.commit();
                } catch (RuntimeException e) {
                    rollBack();
                    throw e;
                }
            });
            committed = true;
        } catch (RuntimeException e) {
            throw Conflicts.translate(gate.failure(e));
        }
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                rollBack();
            }
        } finally {
            session.close();
        }
    }

    private void rollBack() {
        try {
            if (transaction.getStatus().canRollback()) {
                transaction.rollback();
            }
        } catch (RuntimeException e) {
            log.warn("Rollback failed; the session is closed anyway", e);
        }
    }

    /**
     * Plain JDBC on this session's connection (allocated lines, read tables). A conflict it meets
     * leaves as {@link ConcurrentModification}; when a projection meets it, the bus's
     * projecting unit of work lets it through so the handler is re-run.
     */
    private <T> T onConnection(ConnectionRunner.SqlCall<T> work) {
        try {
            return session.doReturningWork(work::call);
        } catch (RuntimeException e) {
            throw Conflicts.translate(e);
        }
    }
}
