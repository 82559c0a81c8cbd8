package com.allocationdesk.allocation.adapters.orm;

import com.allocationdesk.allocation.servicelayer.ConcurrentModification;

import org.hibernate.PessimisticLockException;
import org.hibernate.StaleStateException;
import org.hibernate.dialect.lock.OptimisticEntityLockException;
import org.hibernate.exception.LockAcquisitionException;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells "another unit of work changed the same product first" apart from every other persistence
 * failure, so the bus retries exactly the failures a retry can cure.
 */
final class Conflicts {
    /**
     * SQLSTATE class 40, "transaction rollback": a serialization failure or a deadlock victim, on
     * HSQLDB and on PostgreSQL (40001 at Repeatable Read when another desk changed a row since it was
     * read, 40P01).
     */
    private static final String TRANSACTION_ROLLBACK = "40";
    /** Both engines' unique violation; both name the constraint in the message (PostgreSQL in lower case). */
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * Keys that only a race can violate: the handlers look a product or batch up before creating
     * it, so a duplicate means another transaction inserted the same one after we looked. The
     * retry then finds it (and adds to the product, or reports the duplicate batch). Likewise the
     * product places an order's line once, so a duplicate line means another transaction placed
     * it first; the retry then sees it. And an inbox chunk's receipt is looked up before it is
     * stored, so a duplicate means another desk took the same chunk first: the retry finds its
     * receipt and does nothing.
     */
    private static final Set<String> RACED_KEYS =
            Set.of("PRODUCTS_PK", "BATCHES_PK", "ALLOCATIONS_LINE_UQ", "WAITING_LINES_LINE_UQ", "INBOX_RECEIPTS_PK");

    private Conflicts() {
    }

    /** The failure as {@link ConcurrentModification} when it is a conflict, else unchanged. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof ConcurrentModification || !isConflict(failure)) {
            return failure;
        }
        return new ConcurrentModification("Another change to the same product was saved first", failure);
    }

    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StaleStateException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof OptimisticEntityLockException
                    || cause instanceof LockAcquisitionException
                    || cause instanceof PessimisticLockException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConflict(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConflict(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            return false;
        }
        if (state.startsWith(TRANSACTION_ROLLBACK)) {
            return true;
        }
        String message = String.valueOf(sql.getMessage()).toUpperCase(Locale.ROOT);
        return state.equals(UNIQUE_VIOLATION) && RACED_KEYS.stream().anyMatch(message::contains);
    }
}
