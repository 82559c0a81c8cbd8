package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.allocations.AllocationsViewModel;
import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogViewModel;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersViewModel;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import com.allocationdesk.allocation.views.AllocationsQuery;
import com.allocationdesk.allocation.views.BatchesQuery;
import com.allocationdesk.allocation.views.StockTotalsQuery;
import com.allocationdesk.allocation.views.WaitingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
        app = Bootstrap.start(AppConfig.from(dir.resolve("vm").toString(), Map.of()));
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
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner);
            vm.reference().textProperty().set("B-X");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("twelve");
            vm.eta().textProperty().set("31/12/2025");

            assertThat(vm.quantity().error()).isEqualTo("Not a number: twelve");
            assertThat(vm.eta().error()).startsWith("Not a valid date");
            assertThat(vm.canSubmitProperty().get()).isFalse();
            int before = runner.submitted;
            vm.submit();
            assertThat(runner.submitted).isEqualTo(before);
            assertThat(app.get(BatchesQuery.class).byReference("B-X")).isEmpty();
        }

        @Test
        void aValidBatchIsCreatedAndTheDialogIsDone() {
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner);
            vm.reference().textProperty().set("B-2");
            vm.sku().textProperty().set("CHAIR");
            vm.quantity().textProperty().set("5");
            vm.eta().textProperty().set("2019-05-01");   // a late shipment is fine

            vm.submit();

            assertThat(vm.doneProperty().get()).isTrue();
            assertThat(app.get(BatchesQuery.class).byReference("B-2")).isPresent();
        }

        @Test
        void aDuplicateReferenceShowsTheDomainMessage() {
            AddBatchDialogViewModel vm = new AddBatchDialogViewModel(bus, runner);
            vm.reference().textProperty().set("B-1");
            vm.sku().textProperty().set("LAMP");
            vm.quantity().textProperty().set("3");

            vm.submit();

            assertThat(vm.doneProperty().get()).isFalse();
            assertThat(vm.errorMessageProperty().get()).contains("B-1");
            assertThat(vm.busyProperty().get()).isFalse();
        }
    }

    @Nested
    class AllocatingAnOrderLine {
        OrdersViewModel orders() {
            OrdersViewModel vm = new OrdersViewModel(bus, runner, app.get(WaitingQuery.class),
                    app.get(StockTotalsQuery.class), live);
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

            vm.cancelLine();
            assertThat(vm.outcomeProperty().get()).isEqualTo(OrdersViewModel.Outcome.CANCELLED);
            vm.reload();
            assertThat(vm.waiting()).extracting(w -> w.orderId()).doesNotContain("O-BIG");
        }
    }

    @Test
    void allocationsArePagedSoLargeTablesStaySmooth() {
        bus.handle(new CreateBatch("B-PAGE", "PAGE", 10_000, null));
        bus.handle(new AllocateLines(IntStream.range(0, 450)
                .mapToObj(i -> new Allocate("P-%04d".formatted(i), "PAGE", 1)).toList()));
        AllocationsViewModel vm = new AllocationsViewModel(app.get(AllocationsQuery.class), runner, live);
        vm.skuFilterProperty().set("pag");

        assertThat(vm.rows()).hasSize(AllocationsViewModel.PAGE_SIZE);
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 1–200 of 450");
        vm.nextPage();
        assertThat(vm.rows().get(0).orderId()).isEqualTo("P-0200");
        vm.lastPage();
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 401–450 of 450");
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.orderFilterProperty().set("P-000");
        assertThat(vm.totalProperty().get()).isEqualTo(10);
    }
}
