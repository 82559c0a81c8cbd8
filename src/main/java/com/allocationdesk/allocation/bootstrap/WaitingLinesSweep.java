package com.allocationdesk.allocation.bootstrap;

import com.allocationdesk.allocation.domain.commands.ServeWaitingLines;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.WaitingQuery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The recovery sweep run once when the write side starts: finds the SKUs where a line waits beside
 * free stock it fits (one query on the read tables, no Hibernate) and sends each a
 * {@link ServeWaitingLines}. The domain never leaves such a line behind; a database written by an
 * older version, whose reallocations ran one unit of work per line and could be cut short by a
 * crash, may hold some. On a sound database it costs the one query and writes nothing.
 */
final class WaitingLinesSweep {
    private static final Logger log = LoggerFactory.getLogger(WaitingLinesSweep.class);

    private WaitingLinesSweep() {
    }

    /** Returns how many waiting lines were placed. Failures are logged, never thrown: the sweep runs again at the next start. */
    static int run(WaitingQuery waiting, MessageBus bus) {
        long started = System.nanoTime();
        List<String> skus;
        try {
            skus = waiting.skusWithALineThatFitsFreeStock();
        } catch (RuntimeException e) {
            log.warn("Start-up sweep: could not look for waiting lines beside free stock", e);
            return 0;
        }
        int placed = 0;
        for (String sku : skus) {
            try {
                int served = bus.handle(new ServeWaitingLines(sku));
                placed += served;
                log.warn("Start-up sweep: {} waiting line(s) of {} placed in free stock they fitted"
                        + " (left waiting by an earlier run)", served, sku);
            } catch (RuntimeException e) {
                log.warn("Start-up sweep: could not serve the waiting lines of {}", sku, e);
            }
        }
        log.info("Start-up sweep: {} SKU(s) with a waiting line beside free stock, {} line(s) placed, in {} ms",
                skus.size(), placed, (System.nanoTime() - started) / 1_000_000);
        return placed;
    }
}
