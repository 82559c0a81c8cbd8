package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.imports.ImportProblem;
import com.allocationdesk.allocation.entrypoints.imports.ImportReport;
import com.allocationdesk.allocation.entrypoints.imports.OrderImport;
import com.allocationdesk.allocation.entrypoints.ui.allocations.AllocationsViewModel;
import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogViewModel;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesViewModel;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersViewModel;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.support.InlineRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.OtherDesks;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.NotificationsQuery;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** View models with an inline runner over a real database: assert on their properties, no window. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewModelsIT {
    @TempDir
    static Path dir;
    Bootstrap app;
    MessageBus bus;
    final InlineRunner runner = new InlineRunner();
    final LiveUpdates live = new LiveUpdates(new EventBroadcaster());

    @BeforeAll
    void start() {
        app = AllocationDeskApp.builder(AppConfig.from(dir.resolve("vm").toString(), Map.of())).start();
        bus = app.get(MessageBus.class);
        bus.handle(new CreateBatch("B-1", "LAMP", 10, null));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Nested
    class AddingABatch {
        @Test
        void badInputIsExplainedAndNothingIsSent() {
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner, new MoveMessages());
            vm.reference().textProperty().set("B-X");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("twelve");
            vm.eta().textProperty().set("31/12/2025");

            assertThat(vm.quantity().error()).isEqualTo("Quantity must be a whole number, was 'twelve'");
            assertThat(vm.eta().error()).startsWith("ETA must be a date like 2027-01-31");
            assertThat(vm.form().canSubmitProperty().get()).isFalse();
            int before = runner.submitted;
            vm.submit();
            assertThat(runner.submitted).isEqualTo(before);
            assertThat(app.get(BatchesQuery.class).byReference("B-X")).isEmpty();
        }

        @Test
        void aValidBatchIsCreatedAndTheDialogIsDone() {
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner, new MoveMessages());
            vm.reference().textProperty().set("B-2");
            vm.sku().textProperty().set("CHAIR");
            vm.quantity().textProperty().set("5");
            vm.eta().textProperty().set("2019-05-01");   // a late shipment is fine

            vm.submit();

            assertThat(vm.form().doneProperty().get()).isTrue();
            assertThat(app.get(BatchesQuery.class).byReference("B-2")).isPresent();
        }

        @Test
        void aDuplicateReferenceShowsTheDomainMessage() {
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner, new MoveMessages());
            vm.reference().textProperty().set("B-1");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("3");

            vm.submit();

            assertThat(vm.form().doneProperty().get()).isFalse();
            assertThat(vm.form().errorMessageProperty().get()).contains("B-1");
            assertThat(vm.form().busyProperty().get()).isFalse();
        }
    }

    @Nested
    class AllocatingAnOrderLine {
        OrdersViewModel orders() {
            OrdersViewModel vm = new OrdersViewModel(bus, runner, app.get(WaitingQuery.class),
                    app.get(StockTotalsQuery.class), live, new MoveMessages(),
                    app.get(com.allocationdesk.allocation.queries.OrderStatusQuery.class));
            vm.reload();
            return vm;
        }

        @Test
        void anUnknownSkuIsFlaggedAsThePlannerTypes() {
            OrdersViewModel vm = orders();
            vm.sku().textProperty().set("NO-SUCH");
            assertThat(vm.sku().error()).startsWith("Unknown SKU NO-SUCH");
            assertThat(vm.canAllocateProperty().get()).isFalse();
        }

        @Test
        void theResultNamesTheBatchOrSaysTheLineWaits() {
            OrdersViewModel vm = orders();
            vm.orderId().textProperty().set("O-1");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("2");
            vm.allocate();
            assertThat(vm.resultProperty().get()).contains("allocated to batch B-1");
            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.ALLOCATED);

            vm.orderId().textProperty().set("O-BIG");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("500");
            vm.allocate();
            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.WAITING);
            vm.reload();
            assertThat(vm.waiting()).extracting(w -> w.orderId()).contains("O-BIG");

            vm.askCancel(vm::confirmCancel);
            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.CANCELLED);
            vm.reload();
            assertThat(vm.waiting()).extracting(w -> w.orderId()).doesNotContain("O-BIG");
        }

        @Test
        void cancellingALineWhoseStockAWaitingLineTakesSaysSoOnceWithTheBatch() {
            bus.handle(new CreateBatch("B-D", "DESK", 4, null));
            bus.handle(new com.allocationdesk.allocation.domain.commands.Allocate("O-D1", "DESK", 4));
            bus.handle(new com.allocationdesk.allocation.domain.commands.Allocate("O-D2", "DESK", 3));
            MoveMessages moves = new MoveMessages();
            OrdersViewModel vm = new OrdersViewModel(bus, runner, app.get(WaitingQuery.class),
                    app.get(StockTotalsQuery.class), live, moves,
                    app.get(com.allocationdesk.allocation.queries.OrderStatusQuery.class));
            vm.reload();
            vm.orderId().textProperty().set("O-D1");
            vm.sku().textProperty().set("DESK");
            vm.askCancel(vm::confirmCancel);

            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.CANCELLED);
            assertThat(moves.textProperty().get()).isEqualTo("Order O-D1's line of 4 × DESK cancelled; 1 waiting line placed: O-D2 in B-D");
            assertThat(moves.batchProperty().get()).isEqualTo("B-D");
            assertThat(moves.visibleProperty().get()).isTrue();
            assertThat(moves.canUndoProperty().get()).isTrue();
        }

        @Test
        void cancelAsksFirstNamingTheLineAndANoCancelsNothing() {
            OrdersViewModel vm = orders();
            bus.handle(new com.allocationdesk.allocation.domain.commands.Allocate("O-Q", "LAMP", 3));
            vm.orderId().textProperty().set("O-Q");
            vm.sku().textProperty().set("LAMP");
            java.util.List<OrdersViewModel.CancelQuestion> asked = new java.util.ArrayList<>();

            vm.askCancel(asked::add);

            assertThat(asked).singleElement().satisfies(q -> assertThat(q.text())
                    .isEqualTo("Cancel order O-Q's line of 3 × LAMP, allocated to B-1?"));
            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.NONE);
            vm.orderId().textProperty().set("O-NONE");
            vm.askCancel(asked::add);
            assertThat(asked).hasSize(1);
            assertThat(vm.errorMessageProperty().get()).isEqualTo("Order O-NONE has no line for SKU LAMP");
        }
    }

    @Nested
    class ImportingCsvFiles {
        MainWindowViewModel window() {
            return new MainWindowViewModel(bus, runner, app.get(StockTotalsQuery.class), live,
                    new ImportViewModel(runner, app.get(BatchImport.class), app.get(OrderImport.class), live),
                    app.get(NotificationsQuery.class), app.get(OtherDesks.class));
        }

        Path csv(String name, String... lines) throws IOException {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        }

        int allocated(String sku) {
            return app.get(AllocationsQuery.class).count("", sku);
        }

        @Test
        void batchesThenOrdersAreImportedAndSummed() throws IOException {
            MainWindowViewModel vm = window();
            List<double[]> progress = new ArrayList<>();
            vm.imports().progressProperty().addListener((obs, old, value) -> progress.add(new double[] {value.doubleValue()}));

            vm.imports().importBatches(csv("desk-batches.csv", "ref,sku,qty,eta", "D-1,DESK,5,", "D-2,DESK,3,2030-01-01"));
            assertThat(vm.imports().lastReportProperty().get().status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(vm.statusProperty().get()).startsWith("Imported 2 batches from ");

            vm.imports().importOrders(csv("desk-orders.csv", "orderid,sku,qty", "DO-1,DESK,4", "DO-2,DESK,3", "DO-3,DESK,9"));
            ImportReport report = vm.imports().lastReportProperty().get();
            assertThat(report.status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(report.summary()).endsWith("2 allocated, 1 out of stock (waiting)");
            assertThat(report.waiting()).isEqualTo(new ImportReport.Waiting(1, List.of("DESK")));
            assertThat(report.waitingSummary()).isEqualTo("Import of desk-orders.csv: 1 line waits for stock (DESK)");
            assertThat(allocated("DESK")).isEqualTo(2);
            assertThat(progress).extracting(p -> p[0]).contains(1.0);
            assertThat(vm.imports().importingProperty().get()).isFalse();
            assertThat(vm.imports().failureProperty().get()).isEmpty();
        }

        @Test
        void aFileWithBadRowsImportsNothingAndListsThemByLine() throws IOException {
            MainWindowViewModel vm = window();

            vm.imports().importBatches(csv("bad-batches.csv", "ref,sku,qty,eta", "BAD-1,SOFA,10,", "BAD-2,SOFA,ten,",
                    "BAD-3,SOFA,1,2030-13-01"));

            ImportReport report = vm.imports().lastReportProperty().get();
            assertThat(report.status()).isEqualTo(ImportReport.Status.REJECTED);
            assertThat(report.problems()).extracting(ImportProblem::toString).containsExactly(
                    "line 3: Quantity must be a whole number, was 'ten'",
                    "line 4: ETA must be a date like 2027-01-31, was '2030-13-01'");
            assertThat(report.summary()).endsWith("2 bad rows in " + dir.resolve("bad-batches.csv") + "; nothing was imported");
            assertThat(app.get(BatchesQuery.class).byReference("BAD-1")).isEmpty();
        }

        @Test
        void aFileThatCannotBeReadIsExplained() throws IOException {
            MainWindowViewModel vm = window();
            vm.imports().importOrders(csv("wrong.csv", "order,sku,qty", "x,DESK,1"));
            assertThat(vm.imports().failureProperty().get()).contains("the first line must be the header orderid,sku,qty");
            assertThat(vm.imports().importingProperty().get()).isFalse();
        }

        @Test
        void runningOutOfMemoryPartWayIsOneLineThatSaysWhatIsIn() throws IOException {
            bus.handle(new CreateBatch("MEM-1", "MEM", 10_000, null));
            StringBuilder lines = new StringBuilder("orderid,sku,qty\n");
            for (int i = 0; i < 1_200; i++) {
                lines.append("MO-").append(i).append(",MEM,1\n");
            }
            Path file = Files.writeString(dir.resolve("mem-orders.csv"), lines);
            MainWindowViewModel vm = window();
            runner.cancelWhen = (done, total) -> {
                if (total > 0 && done >= 500) {
                    throw new OutOfMemoryError("Java heap space");   // as the JVM would, after the first chunk
                }
                return false;
            };
            try {
                vm.imports().importOrders(file);
            } finally {
                runner.cancelWhen = (done, total) -> false;
            }

            assertThat(vm.imports().failureProperty().get()).isEqualTo("Could not import mem-orders.csv: There was not"
                    + " enough memory to finish (details are in the log). Those 500 rows are in, the others are not;"
                    + " import the same file again to finish it (the rows already in are not imported twice).");
            assertThat(vm.imports().importingProperty().get()).isFalse();
            assertThat(allocated("MEM")).isEqualTo(500);
            try (java.util.stream.Stream<Path> files = Files.list(app.databasePath().toAbsolutePath().getParent())) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".import-")))
                        .as("the temporary copy is deleted").isEmpty();
            }
        }

        @Test
        void aCancelledImportKeepsWholeChunksAndImportingAgainFinishesItWithoutDoubling() throws IOException {
            bus.handle(new CreateBatch("BULK-1", "BULK", 10_000, null));
            StringBuilder lines = new StringBuilder("orderid,sku,qty\n");
            for (int i = 0; i < 1_200; i++) {
                lines.append("BO-").append(i).append(",BULK,2\n");
            }
            Path file = Files.writeString(dir.resolve("bulk-orders.csv"), lines);
            MainWindowViewModel vm = window();
            runner.cancelWhen = (done, total) -> total > 0 && done >= 500;   // Cancel during the second chunk
            try {
                vm.imports().importOrders(file);
            } finally {
                runner.cancelWhen = (done, total) -> false;
            }

            ImportReport cancelled = vm.imports().lastReportProperty().get();
            assertThat(cancelled.status()).isEqualTo(ImportReport.Status.CANCELLED);
            assertThat(cancelled.imported()).isEqualTo(500);
            assertThat(cancelled.summary()).contains("after 500 of 1200 rows").contains("Import the same file again");
            assertThat(allocated("BULK")).isEqualTo(500);

            vm.imports().importOrders(file);

            assertThat(vm.imports().lastReportProperty().get().status()).isEqualTo(ImportReport.Status.DONE);
            assertThat(allocated("BULK")).isEqualTo(1_200);
            assertThat(app.get(BatchesQuery.class).byReference("BULK-1").orElseThrow().allocated()).isEqualTo(2_400);
        }
    }

    @Test
    void theBatchesViewSaysWhenItsFirstResultIsIn() {
        BatchesViewModel vm = new BatchesViewModel(app.get(BatchesQuery.class), runner, live);
        assertThat(vm.loadedProperty().get()).as("nothing read yet").isFalse();

        vm.skuFilterProperty().set("NO-SUCH-SKU");

        assertThat(vm.loadedProperty().get()).as("an empty result is a result").isTrue();
        assertThat(vm.rowCount()).isZero();
        vm.skuFilterProperty().set("LAMP");
        assertThat(vm.rowCount()).isEqualTo(vm.batches().size()).isPositive();
        assertThat(vm.loadedProperty().get()).isTrue();
    }

    @Test
    void aHiddenAllocationsViewCatchesUpOnceWhenShownInsteadOfOnEveryChange() {
        AllocationsViewModel vm = new AllocationsViewModel(app.get(AllocationsQuery.class), app.get(OrderStatusQuery.class), runner, live);
        vm.skuFilterProperty().set("HIDE");
        assertThat(vm.totalProperty().get()).isZero();
        bus.handle(new CreateBatch("B-HIDE", "HIDE", 10, null));
        vm.shownProperty().set(false);
        int queriesBefore = runner.submitted;

        bus.handle(new Allocate("H-1", "HIDE", 1));
        vm.reload();
        bus.handle(new Allocate("H-2", "HIDE", 1));
        vm.reload();

        assertThat(runner.submitted).as("no query while hidden").isEqualTo(queriesBefore);
        assertThat(vm.totalProperty().get()).isZero();
        vm.shownProperty().set(true);
        assertThat(runner.submitted).as("one query when shown").isEqualTo(queriesBefore + 1);
        assertThat(vm.totalProperty().get()).isEqualTo(2);
        vm.shownProperty().set(false);
        vm.shownProperty().set(true);
        assertThat(runner.submitted).as("nothing to catch up").isEqualTo(queriesBefore + 1);
    }

    @Test
    void allocationsArePagedSoLargeTablesStaySmooth() {
        bus.handle(new CreateBatch("B-PAGE", "PAGE", 10_000, null));
        bus.handle(new AllocateLines(IntStream.range(0, 450)
                .mapToObj(i -> new Allocate("P-%04d".formatted(i), "PAGE", 1)).toList()));
        AllocationsViewModel vm = new AllocationsViewModel(app.get(AllocationsQuery.class), app.get(OrderStatusQuery.class), runner, live);
        vm.skuFilterProperty().set("pag");

        assertThat(vm.rows()).hasSize(AllocationsViewModel.PAGE_SIZE);
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 1–200 of 450");
        vm.nextPage();
        assertThat(vm.rows().get(0).orderId()).isEqualTo("P-0200");
        vm.lastPage();
        assertThat(vm.pageTextProperty().get()).as("the last page: the last 200 rows").isEqualTo("Rows 251–450 of 450");
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.orderFilterProperty().set("P-000");
        assertThat(vm.totalProperty().get()).isEqualTo(10);
    }
}
