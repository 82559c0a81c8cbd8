package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.bootstrap.CoreHandlers;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The child JVM of {@link CrashDurabilityIT}: opens the database, then sends commands one after
 * the other for ever, printing {@code SEND ...} before each and {@code ACK ...} once
 * {@code bus.handle} has returned (the moment a planner would be told "done"). The parent kills
 * it with SIGKILL at a random moment. Arguments: database path, run number.
 * <p>
 * Three SKUs with little stock, so lines are allocated, wait, and move when a batch shrinks
 * (every 10th command changes a batch's quantity, which cascades into reallocations).
 */
public final class AllocationStreamer {
    static final String[] SKUS = {"LAMP", "TABLE", "CHAIR"};

    private AllocationStreamer() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path path = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        Database database = Database.open(path);
        MessageBus bus = CoreHandlers.bus(database.unitsOfWork(), new FakeNotifications(), Clock.systemUTC()).build();
        for (String sku : SKUS) {
            create(bus, new CreateBatch(sku + "-warehouse", sku, 400, null));
            create(bus, new CreateBatch(sku + "-ship", sku, 300, LocalDate.of(2027, 1, 15)));
        }
        out.println("READY");
        out.flush();
        for (int i = 0; ; i++) {
            String sku = SKUS[i % SKUS.length];
            if (i % 10 == 9) {
                String reference = sku + "-warehouse";
                int quantity = 200 + ((run * 31 + i) % 200);
                out.println("SEND QTY " + reference + " " + quantity);
                out.flush();
                bus.handle(new ChangeBatchQuantity(reference, quantity));
                out.println("ACK QTY " + reference + " " + quantity);
            } else {
                String orderId = "r" + run + "-o" + i;
                int quantity = 1 + i % 3;
                out.println("SEND LINE " + orderId + " " + sku + " " + quantity);
                out.flush();
                Optional<String> batch = bus.handle(new Allocate(orderId, sku, quantity));
                out.println("ACK LINE " + orderId + " " + sku + " " + quantity + " " + batch.orElse("WAITING"));
            }
            out.flush();
        }
    }

    private static void create(MessageBus bus, CreateBatch command) {
        try {
            bus.handle(command);
        } catch (DuplicateBatch alreadyThere) {
            // created by an earlier run
        }
    }
}
