package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.NotificationRow;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import com.allocationdesk.allocation.queries.WaitingRow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;


/** The subcommands that read the read model: an aligned table, or JSON with {@code --json}. */
final class ReadSubcommands {
    private ReadSubcommands() {
    }

    /** A subcommand that only reads: it never starts the write side. */
    abstract static class ReadOnly extends Subcommand {
        @Override
        protected final boolean readsOnly() {
            return true;
        }
    }

    @Command(name = "allocations", mixinStandardHelpOptions = true, description = "Show an order's allocated lines.")
    static final class AllocationsSubcommand extends ReadOnly {
        private static final Listing<AllocationRow> LISTING = Listing.<AllocationRow>of()
                .column("ORDER", "orderid", AllocationRow::orderId)
                .column("SKU", "sku", AllocationRow::sku)
                .column("QTY>", "qty", AllocationRow::quantity)
                .column("BATCH", "batchref", AllocationRow::batchReference);

        @Parameters(index = "0", paramLabel = "ORDERID")
        private String orderId;
        @Option(names = "--json", description = "Print [{\"orderid\",\"sku\",\"qty\",\"batchref\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            LISTING.print(out(), app.get(AllocationsQuery.class).forOrder(orderId), json);
            return ExitCode.OK;
        }
    }

    @Command(name = "batches", mixinStandardHelpOptions = true,
            description = "Show batches: warehouse stock first, then by ETA.")
    static final class BatchesSubcommand extends ReadOnly {
        private static final Listing<BatchRow> LISTING = Listing.<BatchRow>of()
                .column("REF", "ref", BatchRow::reference)
                .column("SKU", "sku", BatchRow::sku)
                .column("ETA", "eta", b -> b.eta() == null ? null : b.eta().toString(),
                        b -> b.eta() == null ? "warehouse" : b.eta())
                .column("PURCHASED>", "purchased", BatchRow::purchased)
                .column("ALLOCATED>", "allocated", BatchRow::allocated)
                .column("AVAILABLE>", "available", BatchRow::available);

        @Option(names = "--sku", paramLabel = "SKU", description = "Only SKUs starting with this (any case).")
        private String sku;
        @Option(names = "--json", description = "Print [{\"ref\",\"sku\",\"eta\",\"purchased\",\"allocated\",\"available\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            LISTING.print(out(), app.get(BatchesQuery.class).list(sku), json);
            return ExitCode.OK;
        }
    }

    @Command(name = "waiting", mixinStandardHelpOptions = true,
            description = "Show order lines waiting for stock, oldest first.")
    static final class WaitingSubcommand extends ReadOnly {
        private static final Listing<WaitingRow> LISTING = Listing.<WaitingRow>of()
                .column("ORDER", "orderid", WaitingRow::orderId)
                .column("SKU", "sku", WaitingRow::sku)
                .column("QTY>", "qty", WaitingRow::quantity)
                .column("WAITING SINCE", "since", w -> w.since().toString());

        @Option(names = "--sku", paramLabel = "SKU", description = "Only SKUs starting with this (any case).")
        private String sku;
        @Option(names = "--json", description = "Print [{\"orderid\",\"sku\",\"qty\",\"since\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            LISTING.print(out(), app.get(WaitingQuery.class).list(sku), json);
            return ExitCode.OK;
        }
    }

    @Command(name = "notifications", mixinStandardHelpOptions = true,
            description = {"Show the most recent out-of-stock alerts, newest first, with their state:",
                    "waiting while the line waits, then allocated to its batch or cancelled."})
    static final class NotificationsSubcommand extends ReadOnly {
        private static final Listing<NotificationRow> LISTING = Listing.<NotificationRow>of()
                .column("ID>", "id", NotificationRow::id)
                .column("AT", "at", n -> n.at().toString())
                .column("SKU", "sku", NotificationRow::sku)
                .column("ORDER", "orderid", NotificationRow::orderId)
                .column("QTY>", "qty", NotificationRow::quantity)
                .column("READ", "read", NotificationRow::read, n -> n.read() ? "yes" : "no")
                .column("STATE", "state", NotificationRow::state, NotificationRow::describe)
                .field("resolution", NotificationRow::resolution)
                .field("batch", NotificationRow::batch);

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
        private int limit;
        @Option(names = "--json", description = "Print [{\"id\",\"at\",\"sku\",\"orderid\",\"qty\",\"read\",\"state\",\"resolution\",\"batch\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            if (limit < 0) {
                throw new BadInput("--limit cannot be negative, was " + limit);
            }
            LISTING.print(out(), app.get(NotificationsQuery.class).recent(limit), json);
            return ExitCode.OK;
        }
    }
}
