package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.Consequences;
import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeLineQuantity;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.PlannerInput;
import com.allocationdesk.allocation.domain.commands.RebuildReadModel;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.OrderLineStatusRow;
import com.allocationdesk.allocation.queries.OrderStatusQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** The subcommands that change stock or allocations; each sends one command over the bus. */
final class WriteSubcommands {
    private WriteSubcommands() {
    }

    /**
     * Tells the planner what the change did to other lines (lines a shrinking batch moved, waiting
     * lines served), one sentence a line after the subcommand's own line; nothing when it did nothing.
     *
     * @param batchReference the batch the change was to (named in the moves), or null
     */
    static void tell(PrintWriter out, Consequences consequences, String batchReference) {
        consequences.describe(batchReference).forEach(out::println);
        out.flush();
    }

    /** A QTY argument, read as a CSV cell and a window field are ({@link PlannerInput}); a refusal is picocli's. */
    private abstract static class QuantityArgument implements ITypeConverter<Integer> {
        abstract int parse(String text);

        @Override
        public Integer convert(String text) {
            try {
                return parse(text);
            } catch (DomainException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** QTY of a line or a new batch. */
    static final class PositiveQuantity extends QuantityArgument {
        @Override
        int parse(String text) {
            return PlannerInput.positiveQuantity(text);
        }
    }

    /** QTY of {@code change-quantity}: zero allowed (the batch is lost). */
    static final class NonNegativeQuantity extends QuantityArgument {
        @Override
        int parse(String text) {
            return PlannerInput.nonNegativeQuantity(text);
        }
    }

    /** QTY of {@code change-line}: zero or less is a cancel, and the planner is told so. */
    static final class LineQuantity extends QuantityArgument {
        @Override
        int parse(String text) {
            return PlannerInput.lineQuantity(text);
        }
    }

    @Command(name = "add-batch", mixinStandardHelpOptions = true,
            description = "Add a batch of stock: in the warehouse, or expected on --eta.")
    static final class AddBatchSubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "REF", description = "Batch reference (unique).")
        private String reference;
        @Parameters(index = "1", paramLabel = "SKU")
        private String sku;
        @Parameters(index = "2", paramLabel = "QTY", converter = PositiveQuantity.class)
        private int quantity;
        @Option(names = "--eta", paramLabel = "YYYY-MM-DD", description = "Expected arrival; omit for warehouse stock.")
        private String eta;

        @Override
        protected int execute(Bootstrap app) {
            CreateBatch command = new CreateBatch(reference, sku, quantity, PlannerInput.eta(eta));
            Consequences consequences = app.get(MessageBus.class).handle(command);
            PrintWriter out = out();
            out.println("Added batch " + command.reference() + ": " + command.quantity() + " x " + command.sku()
                    + (command.eta() == null ? ", in the warehouse" : ", expected " + command.eta()));
            tell(out, consequences, command.reference());
            return ExitCode.OK;
        }
    }

    @Command(name = "allocate", mixinStandardHelpOptions = true,
            description = {"Allocate an order line; prints the chosen batch reference.",
                    "Exit code 3 when no batch can take it: the line waits for stock."})
    static final class AllocateSubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "ORDERID")
        private String orderId;
        @Parameters(index = "1", paramLabel = "SKU")
        private String sku;
        @Parameters(index = "2", paramLabel = "QTY", converter = PositiveQuantity.class)
        private int quantity;

        @Override
        protected int execute(Bootstrap app) {
            Allocate command = new Allocate(orderId, sku, quantity);
            Optional<String> batch = app.get(MessageBus.class).handle(command);
            if (batch.isEmpty()) {
                Terminal.tell(spec.commandLine().getErr(), "Out of stock: no batch of " + command.sku() + " can take "
                        + command.quantity() + "; order " + command.orderId() + " waits for stock (notification recorded)");
                return ExitCode.OUT_OF_STOCK;
            }
            say(batch.get());
            return ExitCode.OK;
        }
    }

    @Command(name = "cancel-line", aliases = "deallocate", mixinStandardHelpOptions = true,
            description = "Cancel an order's line of a SKU (allocated or waiting); it is not reallocated.")
    static final class CancelLineSubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "ORDERID")
        private String orderId;
        @Parameters(index = "1", paramLabel = "SKU")
        private String sku;

        @Override
        protected int execute(Bootstrap app) {
            CancelLine command = new CancelLine(orderId, sku);
            Consequences consequences = app.get(MessageBus.class).handle(command);
            PrintWriter out = out();
            out.println("Cancelled order " + command.orderId() + "'s line of " + command.sku());
            tell(out, consequences, null);
            return ExitCode.OK;
        }
    }

    @Command(name = "change-line", mixinStandardHelpOptions = true,
            description = {"Change the quantity of an order's line of a SKU (allocated or waiting); it keeps its place",
                    "in the queue. A line that no longer fits its batch moves to another or waits; stock it frees",
                    "goes to waiting lines. 0 is refused: cancel the line instead."})
    static final class ChangeLineSubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "ORDERID")
        private String orderId;
        @Parameters(index = "1", paramLabel = "SKU")
        private String sku;
        @Parameters(index = "2", paramLabel = "QTY", converter = LineQuantity.class)
        private int quantity;

        @Override
        protected int execute(Bootstrap app) {
            ChangeLineQuantity command = new ChangeLineQuantity(orderId, sku, quantity);
            Consequences consequences = app.get(MessageBus.class).handle(command);
            PrintWriter out = out();
            app.get(OrderStatusQuery.class).of(command.orderId()).stream()
                    .filter(line -> line.sku().equals(command.sku())).findFirst()
                    .ifPresent(line -> out.println("Order " + command.orderId() + "'s line of " + command.sku() + " is now "
                            + line.quantity() + " units, " + (line.state() == OrderLineStatusRow.State.WAITING
                            ? "waiting for stock: position " + line.position() + " in the " + line.sku() + " queue"
                            : "in " + line.batchReference())));
            tell(out, new Consequences(List.of(), consequences.served()), null);
            return ExitCode.OK;
        }
    }

    @Command(name = "change-quantity", mixinStandardHelpOptions = true,
            description = {"Correct a batch's purchased quantity (0: the batch is lost).",
                    "Lines it can no longer hold move to other batches or wait."})
    static final class ChangeQuantitySubcommand extends Subcommand {
        @Parameters(index = "0", paramLabel = "REF")
        private String reference;
        @Parameters(index = "1", paramLabel = "QTY", converter = NonNegativeQuantity.class)
        private int quantity;

        @Override
        protected int execute(Bootstrap app) {
            ChangeBatchQuantity command = new ChangeBatchQuantity(reference, quantity);
            Consequences consequences = app.get(MessageBus.class).handle(command);
            PrintWriter out = out();
            app.get(BatchesQuery.class).byReference(command.reference()).ifPresent(b ->
                    out.println("Batch " + b.reference() + " now has " + b.purchased() + " x " + b.sku() + ": "
                            + b.allocated() + " allocated, " + b.available() + " available"));
            tell(out, consequences, command.reference());
            return ExitCode.OK;
        }
    }

    @Command(name = "rebuild-views", mixinStandardHelpOptions = true,
            description = "Recompute every read table from the stock and allocations, in one transaction.")
    static final class RebuildViewsSubcommand extends Subcommand {
        @Override
        protected boolean repairsReadModel() {
            return true;
        }

        @Override
        protected int execute(Bootstrap app) {
            app.get(MessageBus.class).handle(new RebuildReadModel());
            say("Views rebuilt");
            return ExitCode.OK;
        }
    }
}
