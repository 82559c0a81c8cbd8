package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.PlannerInput;
import com.allocationdesk.allocation.queries.EventLogQuery;
import com.allocationdesk.allocation.queries.HistorySentences;
import com.allocationdesk.allocation.queries.LogEntryJson;
import com.allocationdesk.allocation.queries.LogEntryRow;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.util.List;

/**
 * The subcommands that read the planner's ledger (docs/EVENTS.md): {@code history} tells what the
 * desk did to an order, batch or SKU, {@code order} where each line of an order stands and why,
 * {@code events} hands the log to scripts. All only read; ids and numbers are checked while the
 * arguments are parsed, before the database is opened.
 */
final class LedgerSubcommands {
    private LedgerSubcommands() {
    }

    /** An id as every other subcommand takes it ({@link PlannerInput#id}), checked while parsing. */
    abstract static class Id implements ITypeConverter<String> {
        private final String what;

        Id(String what) {
            this.what = what;
        }

        @Override
        public String convert(String text) {
            try {
                return PlannerInput.id(text, what);
            } catch (DomainException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class OrderId extends Id {
        OrderId() {
            super("order id");
        }
    }

    static final class BatchReference extends Id {
        BatchReference() {
            super("batch reference");
        }
    }

    static final class Sku extends Id {
        Sku() {
            super("SKU");
        }
    }

    /** {@code --limit} of {@code history}: 1 to {@value #MAX}. */
    static final class HistoryLimit implements ITypeConverter<Integer> {
        static final int MAX = 10_000;

        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 1, MAX, "--limit");
        }
    }

    /** {@code --limit} of {@code events}: 1 to {@value #MAX}. */
    static final class EventsLimit implements ITypeConverter<Integer> {
        static final int MAX = 100_000;

        @Override
        public Integer convert(String text) {
            return wholeNumber(text, 1, MAX, "--limit");
        }
    }

    /** {@code --after}: a sequence number, 0 (from the start) or more. */
    static final class Sequence implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            String number = text.strip();
            if (number.matches("[0-9]{1,18}")) {
                return Long.parseLong(number);
            }
            throw new TypeConversionException("--after must be a sequence number, 0 or more, was '" + text + "'");
        }
    }

    /** {@code --json} of {@code history} and {@code events}: the entries as docs/EVENTS.md "An entry" lists them ({@link LogEntryJson}). */
    private static void printEntries(Subcommand subcommand, List<LogEntryRow> entries) {
        Json.print(subcommand.out(), entries.stream().map(LogEntryJson::object).toList());
    }

    private static int wholeNumber(String text, int min, int max, String what) {
        String number = text.strip();
        if (number.matches("[0-9]{1,9}")) {
            int value = Integer.parseInt(number);
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw new TypeConversionException(what + " must be a whole number from " + min + " to " + max
                + ", was '" + text + "'");
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"Tell what the desk did to an order, a batch or a SKU, one sentence per entry, newest last.",
                    "Times are the desk's local time."})
    static final class HistorySubcommand extends ReadSubcommands.ReadOnly {
        static final class Subject {
            @Option(names = "--order", paramLabel = "ORDERID", converter = OrderId.class, description = "An order's history.")
            String orderId;
            @Option(names = "--batch", paramLabel = "REF", converter = BatchReference.class, description = "A batch's history.")
            String batch;
            @Option(names = "--sku", paramLabel = "SKU", converter = Sku.class, description = "A SKU's history (exact SKU).")
            String sku;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Subject subject;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", converter = HistoryLimit.class,
                description = "The last N entries (default ${DEFAULT-VALUE}, at most " + HistoryLimit.MAX + ").")
        private int limit;
        @Option(names = "--json", description = "Print the entries as docs/EVENTS.md describes them:"
                + " [{\"seq\",\"type\",\"version\",\"at\",\"desk\",\"sku\",\"order\",\"batch\",\"data\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            EventLogQuery log = app.get(EventLogQuery.class);
            List<LogEntryRow> entries;
            String about;
            if (subject.orderId != null) {
                entries = log.forOrder(subject.orderId, limit);
                about = "order " + subject.orderId;
            } else if (subject.batch != null) {
                entries = log.forBatch(subject.batch, limit);
                about = "batch " + subject.batch;
            } else {
                entries = log.forSku(subject.sku, limit);
                about = "SKU " + subject.sku;
            }
            if (json) {
                printEntries(this, entries);
            } else if (entries.isEmpty()) {
                say("No history for " + about + ".");
            } else {
                app.get(HistorySentences.class).tell(entries).forEach(this::say);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "order", mixinStandardHelpOptions = true,
            description = "Show every line of an order: allocated (batch, ETA, since when and why), waiting"
                    + " (since when, place in the queue, stock free) or cancelled.")
    static final class OrderSubcommand extends ReadSubcommands.ReadOnly {
        private static final Listing<OrderLineStatusRow> LISTING = Listing.<OrderLineStatusRow>of()
                .column("SKU", "sku", OrderLineStatusRow::sku)
                .column("QTY>", "qty", OrderLineStatusRow::quantity)
                .column("STATE", "state", r -> r.state().name().toLowerCase(java.util.Locale.ROOT))
                .column("BATCH", "batch", OrderLineStatusRow::batchReference)
                .column("ETA", "eta", r -> r.eta() == null ? null : r.eta().toString(),
                        r -> r.state() == OrderLineStatusRow.State.ALLOCATED && r.eta() == null ? "warehouse" : r.eta())
                .column("SINCE", "since", r -> r.since() == null ? null : r.since().toString(),
                        r -> r.since() == null ? null : r.since().toString())
                .column("POSITION>", "position", OrderLineStatusRow::position)
                .column("LARGEST FREE>", "largestAvailable", OrderLineStatusRow::largestAvailable)
                .column("WHY", "why", OrderLineStatusRow::why);

        @Parameters(index = "0", paramLabel = "ORDERID", converter = OrderId.class)
        private String orderId;
        @Option(names = "--json", description = "Print [{\"sku\",\"qty\",\"state\",\"batch\",\"eta\",\"since\","
                + "\"position\",\"largestAvailable\",\"why\"}].")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            List<OrderLineStatusRow> lines = app.get(OrderStatusQuery.class).of(orderId);
            if (lines.isEmpty() && !json) {
                say("No order " + orderId + ": no line of it was ever placed, waits or was cancelled.");
            } else {
                LISTING.print(out(), lines, json);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Print the log for scripts: the entries after sequence number SEQ, in sequence order, as JSON.",
                    "To resume, pass the last seq you processed."})
    static final class EventsSubcommand extends ReadSubcommands.ReadOnly {
        @Option(names = "--after", paramLabel = "SEQ", required = true, converter = Sequence.class,
                description = "Entries with a larger sequence number (0: from the start).")
        private long after;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", converter = EventsLimit.class,
                description = "At most N entries (default ${DEFAULT-VALUE}, at most " + EventsLimit.MAX + ").")
        private int limit;
        @Option(names = "--json", description = "JSON is the only output of events; accepted for symmetry.")
        private boolean json;

        @Override
        protected int execute(Bootstrap app) {
            printEntries(this, app.get(EventLogQuery.class).after(after, limit));
            return ExitCode.OK;
        }
    }
}
