package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.views.OrderLinesQuery;
import com.allocationdesk.allocation.views.SkuTotals;
import com.allocationdesk.allocation.views.StockTotalsQuery;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code import-orders FILE.csv}: checks the whole file first (header {@code orderid,sku,qty},
 * numbers, ids, known SKUs, one line per order and SKU, no clash with a line already placed with
 * another quantity); if any row is bad, allocates nothing and lists every bad row. Then allocates
 * in chunks, one transaction each ({@link AllocateLines}). Allocation is idempotent, so re-running
 * an interrupted import finishes it without doubling anything.
 */
@Command(name = "import-orders", mixinStandardHelpOptions = true,
        description = {"Allocate every order line of a CSV file with the header orderid,sku,qty.",
                "Prints how many lines were allocated and how many wait for stock."})
final class ImportOrders implements Callable<Integer> {
    static final List<String> HEADER = List.of("orderid", "sku", "qty");

    @ParentCommand
    private AllocationDeskCommand root;
    @Spec
    private CommandSpec spec;
    @Parameters(index = "0", paramLabel = "FILE.csv")
    private Path file;
    @Option(names = "--chunk", paramLabel = "N", defaultValue = "500", hidden = true)
    private int chunk;

    @Override
    public Integer call() {
        return root.run(spec, app -> {
            Progress progress = new Progress(spec.commandLine().getErr());
            Set<String> knownSkus = app.get(StockTotalsQuery.class).perSku().stream().map(SkuTotals::sku)
                    .collect(Collectors.toSet());
            List<String> errors = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            long rows;
            try (OrderLinesQuery.Lookup placed = app.get(OrderLinesQuery.class).lookup()) {
                rows = CsvInput.read(file, HEADER, (line, row) -> {
                    try {
                        if (row == null) {
                            throw new BadInput("expected 3 columns: orderid,sku,qty");
                        }
                        Allocate allocate = new Allocate(row.get(0), row.get(1), CsvInput.quantity(row.get(2)));
                        if (!knownSkus.contains(allocate.sku())) {
                            throw new BadInput("unknown SKU " + allocate.sku() + ": add a batch of it first");
                        }
                        Long first = seen.putIfAbsent(allocate.orderId() + '\u0000' + allocate.sku(), line);
                        if (first != null) {
                            throw new BadInput("order " + allocate.orderId() + " already has a line of "
                                    + allocate.sku() + " on line " + first);
                        }
                        OptionalInt existing = placed.quantityOf(allocate.orderId(), allocate.sku());
                        if (existing.isPresent() && existing.getAsInt() != allocate.quantity()) {
                            throw new BadInput("order " + allocate.orderId() + " already has " + existing.getAsInt()
                                    + " of " + allocate.sku() + ": deallocate it first to change the quantity");
                        }
                    } catch (DomainException | BadInput e) {
                        errors.add("line " + line + ": " + e.getMessage());
                    }
                    progress.checked(line);
                });
            }
            seen.clear();
            if (!errors.isEmpty()) {
                throw Progress.rejected(errors, file);
            }
            MessageBus bus = app.get(MessageBus.class);
            List<Allocate> pending = new ArrayList<>(chunk);
            long[] tally = new long[3]; // done, allocated, waiting
            CsvInput.read(file, HEADER, (line, row) -> {
                pending.add(new Allocate(row.get(0), row.get(1), CsvInput.quantity(row.get(2))));
                if (pending.size() >= chunk) {
                    send(bus, pending, tally);
                    progress.imported(tally[0], rows);
                }
            });
            if (!pending.isEmpty()) {
                send(bus, pending, tally);
            }
            spec.commandLine().getOut().println("Imported " + tally[0] + " order lines from " + file + ": "
                    + tally[1] + " allocated, " + tally[2] + " out of stock (waiting)");
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        });
    }

    private static void send(MessageBus bus, List<Allocate> pending, long[] tally) {
        List<Optional<String>> results = bus.handle(new AllocateLines(pending));
        tally[0] += results.size();
        results.forEach(batch -> tally[batch.isPresent() ? 1 : 2]++);
        pending.clear();
    }
}
