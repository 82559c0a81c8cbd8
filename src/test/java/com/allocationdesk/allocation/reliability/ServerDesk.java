package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.Stores;
import com.allocationdesk.allocation.adapters.postgres.PostgresStore;
import com.allocationdesk.allocation.adapters.postgres.ServerAddress;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.servicelayer.FakeNotifications;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.servicelayer.RetryPolicy;
import com.allocationdesk.allocation.servicelayer.handlers.HandlerRegistry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A desk in a child JVM of {@link SeveralDesksIT}, on the test's PostgreSQL server: allocates lines
 * of one SKU one after the other, printing {@code SEND ID} before each and {@code ACK ID BATCH} once
 * the bus returned (what a planner would be told), {@code FAIL ID} when it could not be saved (the
 * server away), then tries the same line again (allocating a line twice is a no-op). At the end,
 * {@code DONE RETRIES n}: the conflicts its bus retried.
 * <p>
 * Arguments (the password in {@code PGPASSWORD}, as a desk takes it): server address
 * ({@code postgresql://…}), user, desk name, order-id prefix, SKU, number
 * of lines (-1: for ever).
 */
public final class ServerDesk {
    private ServerDesk() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        ServerAddress address = ServerAddress.parse(args[0]);
        String prefix = args[3];
        String sku = args[4];
        int lines = Integer.parseInt(args[5]);
        AtomicInteger retries = new AtomicInteger();
        PostgresStore store = PostgresStore.open(address, args[1], System.getenv("PGPASSWORD"));
        MessageBus bus = HandlerRegistry.bus(Stores.unitsOfWorkOfDesk(store, args[2]), new FakeNotifications(),
                        Clock.systemUTC())
                .retryPolicy(new RetryPolicy(200, Duration.ofMillis(2), pause -> {
                    retries.incrementAndGet();
                    Thread.sleep(pause.toMillis());
                }))
                .build();
        out.println("READY");
        out.flush();
        for (int i = 0; lines < 0 || i < lines; i++) {
            String orderId = prefix + "-" + i;
            out.println("SEND " + orderId);
            out.flush();
            while (true) {
                try {
                    Optional<String> batch = bus.handle(new Allocate(orderId, sku, 1 + i % 3));
                    out.println("ACK " + orderId + " " + batch.orElse("WAITING"));
                    out.flush();
                    break;
                } catch (RuntimeException notSaved) {
                    out.println("FAIL " + orderId + " " + notSaved.getClass().getSimpleName());
                    out.flush();
                    Thread.sleep(100);
                }
            }
        }
        out.println("DONE RETRIES " + retries.get());
        out.flush();
        store.close();
    }
}
