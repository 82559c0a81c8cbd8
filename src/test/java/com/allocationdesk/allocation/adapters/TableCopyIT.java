package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.TableCopy;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every table of one file database copied into another, fresh one: the same rows, and the copy works on. */
@Timeout(120)
class TableCopyIT {
    @TempDir
    Path folder;

    @Test
    void theCopyHasEveryRowAndTheSameTotalsAndCarriesOn() throws Exception {
        try (Database source = Database.open(folder.resolve("source")); Database target = Database.open(folder.resolve("target"))) {
            MessageBus desk = bus(source);
            desk.handle(new CreateBatch("warehouse", "LAMP", 10, null));
            desk.handle(new CreateBatch("ship", "LAMP", 20, LocalDate.of(2027, 1, 15)));
            desk.handle(new Allocate("o1", "LAMP", 8));
            desk.handle(new Allocate("o2", "LAMP", 30)); // waits: an open alert
            desk.handle(new ChangeBatchQuantity("warehouse", 5)); // moves o1 to ship
            desk.handle(new CreateBatch("tables", "TABLE", 2, null));
            desk.handle(new Allocate("o3", "TABLE", 1));
            desk.handle(new CancelLine("o3", "TABLE"));

            Map<String, Long> copied;
            try (Connection from = source.dataSource().getConnection(); Connection to = target.dataSource().getConnection()) {
                assertThat(TableCopy.rowCounts(to).values()).as("a fresh target").containsOnly(0L);
                to.setAutoCommit(false);
                copied = TableCopy.copy(from, to);
                to.commit();
                assertThat(TableCopy.totals(to)).isEqualTo(TableCopy.totals(from));
            }
            assertThat(copied).containsKeys(TableCopy.TABLES.toArray(String[]::new));
            assertThat(copied.get("event_log")).isPositive();
            assertThat(copied.get("notifications")).isPositive();

            assertThat(TestData.rows(target, "SELECT batch_reference FROM allocations WHERE order_id = 'o1'"))
                    .containsExactly(java.util.List.of("ship"));
            MessageBus carriedOn = bus(target);
            carriedOn.handle(new CreateBatch("more", "LAMP", 40, null));
            assertThat(TestData.rows(target, "SELECT batch_reference FROM allocations WHERE order_id = 'o2'"))
                    .as("the waiting line copied is allocated when stock arrives").containsExactly(java.util.List.of("more"));
            assertThat(TestData.number(target, "SELECT COUNT(*) FROM notifications WHERE state = 'OPEN'")).isZero();
            carriedOn.handle(new Allocate("o4", "LAMP", 500));
            assertThat(TestData.number(target, "SELECT COUNT(*) FROM notifications WHERE state = 'OPEN'"))
                    .as("a new alert numbers itself after the copied ones").isEqualTo(1);
        }
    }

    private static MessageBus bus(Database database) {
        return HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build();
    }
}
