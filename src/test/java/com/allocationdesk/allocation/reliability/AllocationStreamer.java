package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;

/**
 * The child JVM of {@link CrashDurabilityIT}: opens the database, then sends commands one after
 * the other for ever, printing {@code SEND ...} before each and {@code ACK ...} once
 * {@code bus.handle} has returned (the moment a planner would be told "done"). The parent kills
 * it with SIGKILL at a random moment. Arguments: database path, run number.
 * <p>
 * Three SKUs with two batches each and little stock, so lines are allocated, wait, and move when
 * a batch shrinks. Every 5th command changes the quantity of one of the SKU's two batches, drawn at
 * random: half of them cut it to 0–50, which gives back most of its lines at once (each is then
 * reallocated to the other batch, if it has room, or waits); the others set it to 100–1,500, which
 * frees stock for waiting lines (or gives lines back too, when it is below what the batch holds).
 * The parent aims a share of its kills at the moments right after such a change's {@code SEND}.
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
        MessageBus bus = HandlerRegistry.bus(Stores.unitsOfWork(database), new FakeNotifications(), Clock.systemUTC()).build();
        for (String sku : SKUS) {
            create(bus, new CreateBatch(sku + "-warehouse", sku, createdQuantity(sku + "-warehouse"), null));
            create(bus, new CreateBatch(sku + "-ship", sku, createdQuantity(sku + "-ship"), LocalDate.of(2027, 1, 15)));
        }
        Random random = new Random(run * 7_919L);
        out.println("READY");
        out.flush();
        for (int i = 0; ; i++) {
            String sku = SKUS[i % SKUS.length];
            if (i % 5 == 4) {
                String reference = sku + (random.nextBoolean() ? "-warehouse" : "-ship");
                int quantity = random.nextBoolean() ? random.nextInt(51) : 100 + random.nextInt(1_401);
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

    /** The quantity a batch starts with: 400 in the warehouse, 300 on the ship. */
    static int createdQuantity(String reference) {
        return reference.endsWith("-warehouse") ? 400 : 300;
    }

    private static void create(MessageBus bus, CreateBatch command) {
        try {
            bus.handle(command);
        } catch (DuplicateBatch alreadyThere) {
            // created by an earlier run
        }
    }
}
