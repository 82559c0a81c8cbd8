package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.views.BatchView;
import com.allocationdesk.allocation.views.BatchesQuery;

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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code import-batches FILE.csv}: checks the whole file first (header {@code ref,sku,qty,eta},
 * numbers, dates, ids, references unique in the file and new or identical in the database); if
 * any row is bad, imports nothing and lists every bad row. Then creates the batches in chunks, one
 * transaction each. Batches already there identically are skipped, so re-running an interrupted
 * import completes it.
 */
@Command(name = "import-batches", mixinStandardHelpOptions = true,
        description = "Import batches from a CSV file with the header ref,sku,qty,eta (eta may be empty).")
final class ImportBatches implements Callable<Integer> {
    static final List<String> HEADER = List.of("ref", "sku", "qty", "eta");

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
            BatchesQuery batches = app.get(BatchesQuery.class);
            List<String> errors = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            long[] alreadyThere = {0};
            long rows = CsvInput.read(file, HEADER, (line, row) -> {
                try {
                    if (row == null) {
                        throw new BadInput("expected 4 columns: ref,sku,qty,eta");
                    }
                    CreateBatch batch = new CreateBatch(row.get(0), row.get(1), CsvInput.quantity(row.get(2)),
                            WriteSubcommands.eta(row.get(3), ""));
                    Long first = seen.putIfAbsent(batch.reference(), line);
                    if (first != null) {
                        throw new BadInput("batch " + batch.reference() + " is already on line " + first);
                    }
                    Optional<BatchView> existing = batches.byReference(batch.reference());
                    if (existing.isPresent()) {
                        if (!isSame(existing.get(), batch)) {
                            throw new BadInput("batch " + batch.reference() + " already exists with other details ("
                                    + existing.get().purchased() + " x " + existing.get().sku() + ")");
                        }
                        alreadyThere[0]++;
                    }
                } catch (DomainException | BadInput e) {
                    errors.add("line " + line + ": " + e.getMessage());
                }
                progress.checked(line);
            });
            if (!errors.isEmpty()) {
                throw Progress.rejected(errors, file);
            }
            MessageBus bus = app.get(MessageBus.class);
            List<CreateBatch> pending = new ArrayList<>(chunk);
            long[] done = {0};
            long[] created = {0};
            CsvInput.read(file, HEADER, (line, row) -> {
                pending.add(new CreateBatch(row.get(0), row.get(1), CsvInput.quantity(row.get(2)),
                        WriteSubcommands.eta(row.get(3), "")));
                if (pending.size() >= chunk) {
                    created[0] += send(bus, pending);
                    done[0] += chunk;
                    progress.imported(done[0], rows);
                }
            });
            if (!pending.isEmpty()) {
                created[0] += send(bus, pending);
            }
            spec.commandLine().getOut().println("Imported " + created[0] + " batches from " + file
                    + (alreadyThere[0] > 0 ? " (" + alreadyThere[0] + " were already there)" : ""));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        });
    }

    private static int send(MessageBus bus, List<CreateBatch> pending) {
        int created = bus.handle(new CreateBatches(pending));
        pending.clear();
        return created;
    }

    private static boolean isSame(BatchView existing, CreateBatch wanted) {
        return existing.sku().equals(wanted.sku()) && existing.purchased() == wanted.quantity()
                && Objects.equals(existing.eta(), wanted.eta());
    }
}
