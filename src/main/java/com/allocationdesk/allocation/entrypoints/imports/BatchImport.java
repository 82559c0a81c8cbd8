package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.domain.DuplicateBatch;
import com.allocationdesk.allocation.domain.commands.PlannerInput;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.CreateBatches;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Imports batches from a CSV file with the header {@code ref,sku,qty,eta} (eta may be empty). The
 * whole file is checked first (numbers, dates, ids, references unique in the file and new or
 * identical in the database); if any row is bad, nothing is imported and the bad rows are
 * reported. The file is read once into a private copy, which is checked and imported
 * ({@link CsvImport}). Then the batches are created in chunks ({@link CreateBatches}, one transaction each).
 * Batches already there identically are skipped, so importing an interrupted file again completes it.
 * Used by the command line and the window.
 */
@Dependent
public class BatchImport {
    public static final List<String> HEADER = List.of("ref", "sku", "qty", "eta");

    private final MessageBus bus;
    private final BatchesQuery batches;
    private final Scratch scratch;

    @Inject
    public BatchImport(MessageBus bus, BatchesQuery batches, AppConfig config) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.batches = Objects.requireNonNull(batches, "batches");
        this.scratch = Scratch.nextTo(config.databasePath());
    }

    public ImportReport run(Path file, ImportProgress progress, BooleanSupplier cancelled) {
        return run(file, CsvImport.DEFAULT_CHUNK, progress, cancelled);
    }

    /** @param chunk rows per transaction */
    public ImportReport run(Path file, int chunk, ImportProgress progress, BooleanSupplier cancelled) {
        return run(file, chunk, progress, cancelled, ChunkDelivery.direct(bus));
    }

    /** The same, each chunk handed to the bus by {@code delivery} (the inbox: exactly once). */
    public ImportReport run(Path file, int chunk, ImportProgress progress, BooleanSupplier cancelled,
                            ChunkDelivery delivery) {
        return CsvImport.run(file, scratch, HEADER, chunk, new Rows(delivery), progress, cancelled, delivery);
    }

    private final class Rows implements CsvImport.Rows<CreateBatch> {
        private final ChunkDelivery delivery;
        private long alreadyThere;
        private long created;

        Rows(ChunkDelivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public CreateBatch parse(CSVRecord row) {
            return new CreateBatch(row.get(0), row.get(1), PlannerInput.positiveQuantity(row.get(2)), PlannerInput.eta(row.get(3)));
        }

        @Override
        public String key(CreateBatch batch) {
            return batch.reference();
        }

        @Override
        public String duplicate(String reference, long firstLine) {
            return "batch " + reference + " is already on line " + firstLine;
        }

        @Override
        public void checkStored(long line, CreateBatch batch) {
            Optional<BatchRow> existing = batches.byReference(batch.reference());
            if (existing.isPresent()) {
                if (!isSame(existing.get(), batch)) {
                    throw new DuplicateBatch(batch.reference(), existing.get().purchased(), existing.get().sku());
                }
                alreadyThere++;
            }
        }

        @Override
        public void send(List<CreateBatch> chunk, int number, boolean last) {
            created += delivery.deliver(new CreateBatches(chunk), number, last).orElse(0);
        }

        @Override
        public String summary(Path file, long rows) {
            return "Imported " + created + " batches from " + file
                    + (alreadyThere > 0 ? " (" + alreadyThere + " were already there)" : "");
        }
    }

    private static boolean isSame(BatchRow existing, CreateBatch wanted) {
        return existing.sku().equals(wanted.sku()) && existing.purchased() == wanted.quantity()
                && Objects.equals(existing.eta(), wanted.eta());
    }
}
