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

import java.io.PrintWriter;
import java.util.List;

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
        @Parameters(index = "0", paramLabel = "ORDERID")
        private String orderId;
        @Option(names = "--json", description = "Print [{\"orderid\",\"sku\",\"qty\",\"batchref\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            List<AllocationRow> rows = app.get(AllocationsQuery.class).forOrder(orderId);
            PrintWriter out = out();
            if (json) {
                Json.print(out, rows.stream().map(a -> Json.object("orderid", a.orderId(), "sku", a.sku(),
                        "qty", a.quantity(), "batchref", a.batchReference())).toList());
            } else {
                Table table = Table.of("ORDER", "SKU", "QTY>", "BATCH");
                rows.forEach(a -> table.row(a.orderId(), a.sku(), a.quantity(), a.batchReference()));
                table.print(out);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "batches", mixinStandardHelpOptions = true,
            description = "Show batches: warehouse stock first, then by ETA.")
    static final class BatchesSubcommand extends ReadOnly {
        @Option(names = "--sku", paramLabel = "SKU", description = "Only SKUs starting with this (any case).")
        private String sku;
        @Option(names = "--json", description = "Print [{\"ref\",\"sku\",\"eta\",\"purchased\",\"allocated\",\"available\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            List<BatchRow> rows = app.get(BatchesQuery.class).list(sku);
            PrintWriter out = out();
            if (json) {
                Json.print(out, rows.stream().map(b -> Json.object("ref", b.reference(), "sku", b.sku(),
                        "eta", b.eta() == null ? null : b.eta().toString(), "purchased", b.purchased(),
                        "allocated", b.allocated(), "available", b.available())).toList());
            } else {
                Table table = Table.of("REF", "SKU", "ETA", "PURCHASED>", "ALLOCATED>", "AVAILABLE>");
                rows.forEach(b -> table.row(b.reference(), b.sku(), b.eta() == null ? "warehouse" : b.eta(),
                        b.purchased(), b.allocated(), b.available()));
                table.print(out);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "waiting", mixinStandardHelpOptions = true,
            description = "Show order lines waiting for stock, oldest first.")
    static final class WaitingSubcommand extends ReadOnly {
        @Option(names = "--sku", paramLabel = "SKU", description = "Only SKUs starting with this (any case).")
        private String sku;
        @Option(names = "--json", description = "Print [{\"orderid\",\"sku\",\"qty\",\"since\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            List<WaitingRow> rows = app.get(WaitingQuery.class).list(sku);
            PrintWriter out = out();
            if (json) {
                Json.print(out, rows.stream().map(w -> Json.object("orderid", w.orderId(), "sku", w.sku(),
                        "qty", w.quantity(), "since", w.since().toString())).toList());
            } else {
                Table table = Table.of("ORDER", "SKU", "QTY>", "WAITING SINCE");
                rows.forEach(w -> table.row(w.orderId(), w.sku(), w.quantity(), w.since()));
                table.print(out);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "notifications", mixinStandardHelpOptions = true,
            description = "Show the most recent out-of-stock notifications, newest first.")
    static final class NotificationsSubcommand extends ReadOnly {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
        private int limit;
        @Option(names = "--json", description = "Print [{\"id\",\"at\",\"sku\",\"orderid\",\"qty\",\"read\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            if (limit < 0) {
                throw new BadInput("--limit cannot be negative, was " + limit);
            }
            List<NotificationRow> rows = app.get(NotificationsQuery.class).recent(limit);
            PrintWriter out = out();
            if (json) {
                Json.print(out, rows.stream().map(n -> Json.object("id", n.id(), "at", n.at().toString(),
                        "sku", n.sku(), "orderid", n.orderId(), "qty", n.quantity(), "read", n.read())).toList());
            } else {
                Table table = Table.of("ID>", "AT", "SKU", "ORDER", "QTY>", "READ");
                rows.forEach(n -> table.row(n.id(), n.at(), n.sku(), n.orderId(), n.quantity(), n.read() ? "yes" : "no"));
                table.print(out);
            }
            return ExitCode.OK;
        }
    }
}
