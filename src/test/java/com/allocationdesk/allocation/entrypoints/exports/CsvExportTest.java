package com.allocationdesk.allocation.entrypoints.exports;

import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.BatchRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV text of an export, and that a file is only ever complete or left as it was. */
class CsvExportTest {
    @TempDir
    Path dir;

    @Test
    void quotesCommasLineBreaksAndNonAsciiComeBackAsTheyWereWritten() throws IOException {
        List<AllocationRow> rows = List.of(
                new AllocationRow("ORD-1", "LAMP", 5, "B-1"),
                new AllocationRow("ORD \"quoted\", with comma", "CHAISE-ÉTÉ-椅子-🪑", 12, "line\nbreak\tand tab"),
                new AllocationRow("ORD-3", "X", 1, null));
        Path file = dir.resolve("allocations.csv");

        CsvExport.Outcome outcome = CsvExport.write(file, ExportColumns.ALLOCATIONS, rows::forEach, CsvExport.QUIET);

        assertThat(outcome).isEqualTo(new CsvExport.Outcome(file, 3, false));
        List<CSVRecord> records = read(file);
        assertThat(records.get(0).toList()).containsExactly("orderid", "sku", "qty", "batchref");
        assertThat(records.subList(1, records.size())).extracting(CSVRecord::toList).containsExactly(
                List.of("ORD-1", "LAMP", "5", "B-1"),
                List.of("ORD \"quoted\", with comma", "CHAISE-ÉTÉ-椅子-🪑", "12", "line\nbreak\tand tab"),
                List.of("ORD-3", "X", "1", ""));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("orderid,sku,qty,batchref\nORD-1,LAMP,5,B-1\n");
        assertThat(siblings()).containsExactly("allocations.csv");
    }

    @Test
    void batchesAreWrittenWithTheirEtaOrEmptyForWarehouseStock() throws IOException {
        List<BatchRow> rows = List.of(new BatchRow("B-WH", "LAMP", null, 10, 4, 6),
                new BatchRow("B-SHIP", "LAMP", LocalDate.of(2027, 1, 31), 20, 0, 20));
        Path file = dir.resolve("batches.csv");
        CsvExport.write(file, ExportColumns.BATCHES, rows::forEach, CsvExport.QUIET);
        assertThat(Files.readAllLines(file)).containsExactly("ref,sku,eta,purchased,allocated,available",
                "B-WH,LAMP,,10,4,6", "B-SHIP,LAMP,2027-01-31,20,0,20");
    }

    @Test
    void progressIsToldEveryThousandRowsAndAtTheEnd() {
        List<Long> told = new ArrayList<>();
        CsvExport.write(dir.resolve("many.csv"), ExportColumns.ALLOCATIONS, many(2_500)::forEach, new CsvExport.Listener() {
            @Override
            public void written(long rows) {
                told.add(rows);
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        });
        assertThat(told).containsExactly(1_000L, 2_000L, 2_500L);
    }

    @Test
    void aCancelledExportWritesNothingAndLeavesTheOldFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("allocations.csv"), "the old export\n");
        long[] seen = {0};
        CsvExport.Outcome outcome = CsvExport.write(file, ExportColumns.ALLOCATIONS, consumer -> many(10_000).forEach(row -> {
            seen[0]++;
            consumer.accept(row);
        }), new CsvExport.Listener() {
            @Override
            public void written(long rows) {
            }

            @Override
            public boolean cancelled() {
                return seen[0] > 1_500;
            }
        });
        assertThat(outcome.cancelled()).isTrue();
        assertThat(seen[0]).as("the query was left at once").isLessThan(1_600);
        assertThat(Files.readString(file)).isEqualTo("the old export\n");
        assertThat(siblings()).containsExactly("allocations.csv");
    }

    @Test
    void anExportThatFailsHalfwayLeavesTheOldFileAndNoPartialFile() throws IOException {
        Path file = Files.writeString(dir.resolve("allocations.csv"), "the old export\n");
        assertThatThrownBy(() -> CsvExport.write(file, ExportColumns.ALLOCATIONS, consumer -> {
            many(3_000).forEach(consumer);
            throw new java.io.UncheckedIOException(new FileSystemException(file.toString(), null, "No space left on device"));
        }, CsvExport.QUIET)).isInstanceOf(ExportFailed.class).hasMessage("Cannot write " + file + ": the disk is full");
        assertThat(Files.readString(file)).isEqualTo("the old export\n");
        assertThat(siblings()).containsExactly("allocations.csv");
    }

    @Test
    void aMissingFolderOrAFolderInPlaceOfTheFileIsRefusedInWords() throws IOException {
        Path missing = dir.resolve("no").resolve("such").resolve("x.csv");
        assertThatThrownBy(() -> CsvExport.write(missing, ExportColumns.ALLOCATIONS, List.<AllocationRow>of()::forEach,
                CsvExport.QUIET)).isInstanceOf(ExportFailed.class)
                .hasMessage("Cannot write " + missing + ": the folder " + missing.getParent() + " does not exist");
        Path folder = Files.createDirectory(dir.resolve("folder.csv"));
        assertThatThrownBy(() -> CsvExport.write(folder, ExportColumns.ALLOCATIONS, List.<AllocationRow>of()::forEach,
                CsvExport.QUIET)).hasMessage("Cannot write " + folder + ": it is a folder, not a file; give the name of a CSV file");
        assertThat(Files.isDirectory(folder)).isTrue();
    }

    @Test
    void theOperatingSystemsReasonIsToldInAFewWords() {
        assertThat(CsvExport.why(new FileSystemException("/x", null, "No space left on device"))).isEqualTo("the disk is full");
        assertThat(CsvExport.why(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(CsvExport.why(new FileSystemException("/x", null, "Read-only file system"))).isEqualTo("read-only file system");
        assertThat(CsvExport.why(new IOException())).isEqualTo("the disk could not be written");
    }

    private static List<AllocationRow> many(int n) {
        return IntStream.range(0, n).mapToObj(i -> new AllocationRow("O" + i, "S", 1, "B")).toList();
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !Files.isDirectory(dir.resolve(n))).sorted().toList();
        }
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.parse(reader).getRecords();
        }
    }
}
