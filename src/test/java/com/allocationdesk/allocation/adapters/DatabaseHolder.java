package com.allocationdesk.allocation.adapters;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The "other process" of {@link LockingIT}: opens the database, commits one batch, signals that
 * by creating the ready file, and waits to be killed.
 */
public final class DatabaseHolder {
    private DatabaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.open(Path.of(args[0]));
        HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build()
                .handle(new CreateBatch("b1", "LAMP", 10, null));
        Files.createFile(Path.of(args[1]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
