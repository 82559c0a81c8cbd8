package com.allocationdesk.allocation.entrypoints.imports;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.LineAlreadyPlaced;
import com.allocationdesk.allocation.domain.OrderLine;
import com.allocationdesk.allocation.domain.commands.PlannerInput;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.OrderLinesQuery;
import com.allocationdesk.allocation.queries.SkuTotals;
import com.allocationdesk.allocation.queries.StockTotalsQuery;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Allocates the order lines of a CSV file with the header {@code orderid,sku,qty}. The whole file is
 * checked first (numbers, ids, known SKUs, one line per order and SKU, no clash with a line already
 * placed with another quantity); if any row is bad, nothing is allocated and the bad rows are
 * reported. The file is read once into a private copy, which is checked and imported
 * ({@link CsvImport}). Then the lines are allocated in chunks ({@link AllocateLines}, one transaction each).
 * Allocation is idempotent, so importing an interrupted file again finishes it without doubling
 * anything. Used by the command line and the window.
 */
@Dependent
public class OrderImport {
    public static final List<String> HEADER = List.of("orderid", "sku", "qty");

    private final MessageBus bus;
    private final StockTotalsQuery totals;
    private final OrderLinesQuery orderLines;
    private final Scratch scratch;

    @Inject
    public OrderImport(MessageBus bus, StockTotalsQuery totals, OrderLinesQuery orderLines, AppConfig config) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.totals = Objects.requireNonNull(totals, "totals");
        this.orderLines = Objects.requireNonNull(orderLines, "orderLines");
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

    /** Ids never hold control characters ({@code Validation.id}), so this cannot be part of one. */
    private static final char KEY_SEPARATOR = '\u0000';

    private final class Rows implements CsvImport.Rows<Allocate> {
        private final ChunkDelivery delivery;
        private final Set<String> knownSkus = totals.perSku().stream().map(SkuTotals::sku).collect(Collectors.toSet());
        private OrderLinesQuery.Lookup placed = orderLines.lookup();
        private long allocated;
        private long waiting;
        private final Map<String, Long> waitingPerSku = new TreeMap<>();
        private long delivered;

        Rows(ChunkDelivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public Allocate parse(CSVRecord row) {
            return new Allocate(row.get(0), row.get(1), PlannerInput.positiveQuantity(row.get(2)));
        }

        @Override
        public void checkRow(Allocate allocate) {
            if (!knownSkus.contains(allocate.sku())) {
                throw new InvalidSku(allocate.sku());
            }
        }

        @Override
        public String key(Allocate allocate) {
            return allocate.orderId() + KEY_SEPARATOR + allocate.sku();
        }

        @Override
        public String duplicate(String key, long firstLine) {
            int separator = key.indexOf(KEY_SEPARATOR);
            return "order " + key.substring(0, separator) + " already has a line of " + key.substring(separator + 1)
                    + " on line " + firstLine;
        }

        @Override
        public void checkStored(long line, Allocate allocate) {
            OptionalInt existing = placed.quantityOf(allocate.orderId(), allocate.sku());
            if (existing.isPresent() && existing.getAsInt() != allocate.quantity()) {
                throw new LineAlreadyPlaced(new OrderLine(allocate.orderId(), allocate.sku(), existing.getAsInt()));
            }
        }

        @Override
        public void checked() {
            close();
        }

        @Override
        public void send(List<Allocate> chunk, int number, boolean last) {
            Optional<List<Optional<String>>> carriedOut = delivery.deliver(new AllocateLines(chunk), number, last);
            if (carriedOut.isEmpty()) {
                delivered += chunk.size();
                return;
            }
            List<Optional<String>> results = carriedOut.get();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).isPresent()) {
                    allocated++;
                } else {
                    waiting++;
                    waitingPerSku.merge(chunk.get(i).sku(), 1L, Long::sum);
                }
            }
        }

        @Override
        public ImportReport.Waiting waiting() {
            return ImportReport.Waiting.of(waitingPerSku);
        }

        @Override
        public String summary(Path file, long rows) {
            return "Imported " + rows + " order lines from " + file + ": " + allocated + " allocated, "
                    + waiting + " out of stock (waiting)"
                    + (delivered > 0 ? "; " + delivered + " had been taken before and were left as they were" : "");
        }

        @Override
        public void close() {
            if (placed != null) {
                placed.close();
                placed = null;
            }
        }
    }
}
