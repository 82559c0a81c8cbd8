package com.allocationdesk.allocation.entrypoints.ui.exports;

import com.allocationdesk.allocation.entrypoints.exports.ExportColumns;
import com.allocationdesk.allocation.entrypoints.ui.support.InlineRunner;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.QueryFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Export's dialog state: progress, done, cancelled and failed, in the planner's words. */
class ExportViewModelTest {
    @TempDir
    Path dir;
    private final InlineRunner runner = new InlineRunner();
    private final ExportViewModel export = new ExportViewModel(runner);

    @Test
    void aFinishedExportSaysHowManyRowsWentWhereWithAFullBar() throws IOException {
        Path file = dir.resolve("allocations.csv");
        export.start(allocations(2_500, -1), file);
        assertThat(export.runningProperty().get()).isFalse();
        assertThat(export.progressProperty().get()).isEqualTo(1.0);
        assertThat(export.titleProperty().get()).isEqualTo("Exporting allocations to " + file);
        assertThat(export.textProperty().get()).isEqualTo("Exported " + NumberFormat.getIntegerInstance().format(2_500)
                + " allocations to " + file);
        assertThat(Files.readAllLines(file)).hasSize(2_501);
    }

    @Test
    void progressCountsTheRowsWrittenOfTheTotal() {
        Path file = dir.resolve("allocations.csv");
        List<String> seen = new java.util.ArrayList<>();
        export.textProperty().addListener((obs, old, text) -> seen.add(text));
        export.start(allocations(2_000, 2_000), file);
        NumberFormat format = NumberFormat.getIntegerInstance();
        assertThat(seen).contains("0 of " + format.format(2_000) + " allocations",
                format.format(1_000) + " of " + format.format(2_000) + " allocations");
    }

    @Test
    void cancelStopsTheExportWritesNothingAndLeavesTheOldFile() throws IOException {
        Path file = Files.writeString(dir.resolve("allocations.csv"), "the old export\n");
        runner.cancelWhen = (done, total) -> done >= 1_000;
        export.start(allocations(5_000, 5_000), file);
        assertThat(export.runningProperty().get()).isFalse();
        assertThat(export.textProperty().get()).isEqualTo("Export cancelled: nothing was written; " + file + " is left as it was.");
        assertThat(export.progressProperty().get()).isZero();
        assertThat(Files.readString(file)).isEqualTo("the old export\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("allocations.csv");
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsToldAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("allocations.csv");
        export.start(new TableExport<AllocationRow>("allocation", "allocations", "allocations.csv", ExportColumns.ALLOCATIONS,
                rows -> {
                    throw new QueryFailed("Could not read the read tables: connection lost", new java.sql.SQLException());
                }, () -> TableExport.UNKNOWN), file);
        assertThat(export.failedProperty().get()).isTrue();
        assertThat(export.textProperty().get()).endsWith("Nothing was exported.");
        assertThat(Files.exists(file)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static TableExport<AllocationRow> allocations(int n, long count) {
        List<AllocationRow> rows = IntStream.range(0, n).mapToObj(i -> new AllocationRow("O" + i, "S", 1, "B")).toList();
        return new TableExport<>("allocation", "allocations", "allocations.csv", ExportColumns.ALLOCATIONS, rows::forEach,
                () -> count);
    }
}
