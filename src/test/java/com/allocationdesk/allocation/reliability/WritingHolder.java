package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The first process of {@link LockFileIT}: opens the database, adds a batch, signals that it is
 * ready (the ready file), then allocates a line every 20 ms for ever, printing {@code ACK order}
 * after each one the bus acknowledged — except while the pause file exists (an idle window).
 */
public final class WritingHolder {
    private WritingHolder() {
    }

    public static void main(String[] args) throws Exception {
        Database database = Database.open(Path.of(args[0]));
        var bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build();
        bus.handle(new CreateBatch("b1", "LAMP", 1_000_000, null));
        Files.createFile(Path.of(args[1]));
        Path pause = Path.of(args[2]);
        for (int i = 0; ; i++) {
            while (Files.exists(pause)) {
                Thread.sleep(5);
            }
            String order = "held-" + i;
            bus.handle(new Allocate(order, "LAMP", 1));
            System.out.println("ACK " + order);
            System.out.flush();
            Thread.sleep(20);
        }
    }
}
