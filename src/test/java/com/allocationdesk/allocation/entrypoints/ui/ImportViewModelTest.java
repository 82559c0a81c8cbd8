package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.PartlyImported;
import com.allocationdesk.allocation.entrypoints.imports.UnusableInput;
import com.allocationdesk.allocation.entrypoints.ui.support.InlineRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window's import state machine over scripted importers: what the planner sees at each step. */
class ImportViewModelTest {
    private static final Path FILE = Path.of("/data/orders.csv");

    private final InlineRunner runner = new InlineRunner();
    private final List<String> status = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<Double> bars = new ArrayList<>();
    /** What the order importer does when run; each test scripts it. */
    private ImportViewModel.Importer orders = (file, progress, cancelled) -> {
        throw new AssertionError("not scripted");
    };
    private ImportViewModel vm;

    @BeforeEach
    void create() {
        vm = new ImportViewModel(runner, (file, progress, cancelled) -> done(file, 2, "Imported 2 batches from " + file),
                (file, progress, cancelled) -> orders.run(file, progress, cancelled));
        vm.onStatus(status::add);
        vm.textProperty().addListener((obs, old, now) -> texts.add(now));
        vm.progressProperty().addListener((obs, old, now) -> bars.add(now.doubleValue()));
    }

    static ImportReport done(Path file, long rows, String summary) {
        return new ImportReport(ImportReport.Status.DONE, file, rows, rows, List.of(), summary);
    }

    @Test
    void anImportTellsEachStepAndEndsWithItsSummary() {
        orders = (file, progress, cancelled) -> {
            assertThat(vm.importingProperty().get()).as("importing while it runs").isTrue();
            progress.checked(1);
            progress.checked(2);
            progress.imported(1, 2);
            progress.imported(2, 2);
            return done(file, 2, "Imported 2 order lines from " + file + ": 2 allocated");
        };

        vm.importOrders(FILE);

        assertThat(status).containsExactly("Importing order lines from orders.csv…",
                "Imported 2 order lines from " + FILE + ": 2 allocated");
        assertThat(texts).containsExactly("Checking orders.csv…", "Checking orders.csv: 1 rows",
                "Checking orders.csv: 2 rows", "Importing orders.csv: 1 of 2 rows", "Importing orders.csv: 2 of 2 rows", "");
        assertThat(bars).containsExactly(0.5, 1.0, -1.0);
        assertThat(vm.importingProperty().get()).isFalse();
        assertThat(vm.lastReportProperty().get().status()).isEqualTo(ImportReport.Status.DONE);
        assertThat(vm.failureProperty().get()).isEmpty();
    }

    @Test
    void anEmptyFileIsWhollyImportedAtOnce() {
        orders = (file, progress, cancelled) -> {
            progress.imported(0, 0);
            return done(file, 0, "Imported 0 order lines");
        };
        vm.importOrders(FILE);
        assertThat(bars).containsExactly(1.0, -1.0);
    }

    @Test
    void cancelStopsAfterTheChunkAndIsToldOnce() {
        runner.holding = true;
        orders = (file, progress, cancelled) -> {
            progress.imported(500, 1200);
            long imported = cancelled.getAsBoolean() ? 500 : 1200;
            progress.imported(1000, 1200);   // a report after Cancel does not overwrite "Cancelling…"
            return new ImportReport(ImportReport.Status.CANCELLED, file, 1200, imported, List.of(),
                    "Import cancelled after " + imported + " of 1200 rows");
        };
        vm.importOrders(FILE);
        assertThat(vm.importingProperty().get()).isTrue();

        vm.cancel();
        vm.cancel();   // a second press changes nothing

        assertThat(vm.cancellingProperty().get()).isTrue();
        assertThat(vm.textProperty().get()).isEqualTo("Cancelling orders.csv…");
        runner.releaseNext();

        assertThat(texts).containsExactly("Checking orders.csv…", "Cancelling orders.csv…", "");
        assertThat(vm.cancellingProperty().get()).isFalse();
        assertThat(vm.importingProperty().get()).isFalse();
        assertThat(vm.lastReportProperty().get().imported()).isEqualTo(500);
        assertThat(status).last().isEqualTo("Import cancelled after 500 of 1200 rows");
    }

    @Test
    void aSecondImportWhileOneRunsIsIgnoredAndCancelWhenIdleDoesNothing() {
        vm.cancel();
        assertThat(vm.cancellingProperty().get()).isFalse();

        runner.holding = true;
        orders = (file, progress, cancelled) -> done(file, 1, "Imported 1 order line");
        vm.importOrders(FILE);
        vm.importBatches(Path.of("batches.csv"));

        assertThat(runner.held()).isEqualTo(1);
        assertThat(status).containsExactly("Importing order lines from orders.csv…");
        runner.releaseNext();
        vm.importBatches(Path.of("batches.csv"));
        assertThat(runner.held()).isEqualTo(1);
    }

    @Test
    void aFileThatCannotBeReadIsOneSentenceOnTheStatusBarAndInTheFailure() {
        orders = (file, progress, cancelled) -> {
            throw new UnusableInput("the first line must be the header orderid,sku,qty");
        };

        vm.importOrders(FILE);

        String sentence = "Could not import orders.csv: the first line must be the header orderid,sku,qty";
        assertThat(vm.failureProperty().get()).isEqualTo(sentence);
        assertThat(status).last().isEqualTo(sentence);
        assertThat(vm.importingProperty().get()).isFalse();
        assertThat(vm.textProperty().get()).isEmpty();
        assertThat(vm.lastReportProperty().get()).isNull();
    }

    @Test
    void aFailureTheImportCouldNotExplainSaysWhichRowsAreIn() {
        orders = (file, progress, cancelled) -> {
            progress.imported(500, 1200);
            throw new OutOfMemoryError("Java heap space");
        };

        vm.importOrders(FILE);

        assertThat(vm.failureProperty().get()).isEqualTo("Could not import orders.csv: There was not enough memory"
                + " to finish (details are in the log). " + PartlyImported.whatIsIn(500));
    }

    @Test
    void aNewImportForgetsHowTheLastOneEnded() {
        orders = (file, progress, cancelled) -> {
            throw new UnusableInput("no such file");
        };
        vm.importOrders(FILE);
        assertThat(vm.failureProperty().get()).isNotEmpty();

        runner.holding = true;
        vm.importBatches(Path.of("batches.csv"));

        assertThat(vm.failureProperty().get()).isEmpty();
        assertThat(vm.lastReportProperty().get()).isNull();
        assertThat(vm.progressProperty().get()).isEqualTo(-1.0);
        assertThat(vm.textProperty().get()).isEqualTo("Checking batches.csv…");
        runner.releaseNext();
        assertThat(vm.lastReportProperty().get().summary()).isEqualTo("Imported 2 batches from batches.csv");
    }
}
