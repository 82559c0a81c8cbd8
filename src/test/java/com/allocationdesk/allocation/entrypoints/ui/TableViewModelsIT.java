package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.entrypoints.ui.allocations.AllocationsViewModel;
import com.allocationdesk.allocation.entrypoints.ui.batches.BatchesViewModel;
import com.allocationdesk.allocation.entrypoints.ui.ledger.MoveMessages;
import com.allocationdesk.allocation.entrypoints.ui.orders.OrdersViewModel;
import com.allocationdesk.allocation.entrypoints.ui.orders.WaitingLineItem;
import com.allocationdesk.allocation.entrypoints.ui.support.InlineRunner;
import com.allocationdesk.allocation.entrypoints.ui.support.LiveUpdates;
import com.allocationdesk.allocation.entrypoints.ui.support.ViewSettings;
import com.allocationdesk.allocation.entrypoints.ui.support.WindowPlacement;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;
import com.allocationdesk.allocation.queries.OrderStatusQuery;
import com.allocationdesk.allocation.queries.Sort;
import com.allocationdesk.allocation.queries.StockTotalsQuery;
import com.allocationdesk.allocation.queries.WaitingQuery;
import com.allocationdesk.allocation.servicelayer.EventBroadcaster;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables' view models (issue 15): the sort over every row, keyset paging with a true pager,
 * the placeholder of a filter that matches nothing, and the sort, filters and tab remembered in
 * the window's settings file across a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableViewModelsIT {
    @TempDir
    static Path dir;
    Bootstrap app;
    MessageBus bus;
    final InlineRunner runner = new InlineRunner();
    final LiveUpdates live = new LiveUpdates(new EventBroadcaster());

    /** 450 allocations of SORT (quantities 1..9, many ties), 250 batches of BATCH-n, 30 lines waiting for WAIT. */
    @BeforeAll
    void start() {
        app = AllocationDeskApp.builder(AppConfig.from(dir.resolve("tables").toString(), Map.of())).start();
        bus = app.get(MessageBus.class);
        bus.handle(new CreateBatch("B-SORT", "SORT", 100_000, null));
        bus.handle(new AllocateLines(IntStream.range(0, 450)
                .mapToObj(i -> new Allocate("S-%04d".formatted(i), "SORT", 1 + (i * 7) % 9)).toList()));
        for (int i = 0; i < 250; i++) {
            bus.handle(new CreateBatch("BATCH-%03d".formatted(i), "PART" + (i % 5), 10 + (i * 13) % 50,
                    i % 4 == 0 ? null : LocalDate.of(2027, 1, 1).plusDays(i % 30)));
        }
        bus.handle(new CreateBatch("W-1", "WAIT", 1, null));
        for (int i = 0; i < 30; i++) {
            bus.handle(new Allocate("WO-%02d".formatted(i), "WAIT", 2 + i % 5));
        }
    }

    @AfterAll
    void stop() {
        app.close();
    }

    AllocationsViewModel allocations(ViewSettings settings) {
        return new AllocationsViewModel(app.get(AllocationsQuery.class), app.get(OrderStatusQuery.class), runner, live, settings);
    }

    @Test
    void aSortCoversEveryRowAndThePagerStaysTrue() {
        AllocationsViewModel vm = allocations(ViewSettings.none());
        vm.skuFilterProperty().set("sort");
        List<Integer> all = IntStream.range(0, 450).map(i -> 1 + (i * 7) % 9).boxed().sorted(Comparator.reverseOrder()).toList();

        vm.sortProperty().set(Sort.descending(AllocationsQuery.Column.QUANTITY));

        assertThat(vm.rows()).extracting(AllocationRow::quantity).containsExactlyElementsOf(all.subList(0, 200));
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 1–200 of 450");
        vm.nextPage();
        assertThat(vm.rows()).extracting(AllocationRow::quantity).containsExactlyElementsOf(all.subList(200, 400));
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 201–400 of 450");
        vm.nextPage();
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 401–450 of 450");
        assertThat(vm.canNextProperty().get()).isFalse();
        vm.previousPage();
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 201–400 of 450");
        vm.lastPage();
        assertThat(vm.pageTextProperty().get()).as("the last page is the last 200 rows").isEqualTo("Rows 251–450 of 450");
        assertThat(vm.rows()).extracting(AllocationRow::quantity).containsExactlyElementsOf(all.subList(250, 450));
        vm.previousPage();
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 51–250 of 450");
        vm.previousPage();
        assertThat(vm.pageTextProperty().get()).as("before row 51: a full first page").isEqualTo("Rows 1–200 of 450");
        assertThat(vm.canPreviousProperty().get()).isFalse();

        vm.lastPage();
        bus.handle(new Allocate("S-NEW", "SORT", 1));
        vm.reload();
        assertThat(vm.pageTextProperty().get()).as("a refresh reads the page from its first row and counts again")
                .isEqualTo("Rows 251–450 of 451");
        assertThat(vm.rows()).extracting(AllocationRow::orderId).as("ties by order id, descending too").contains("S-NEW");
        assertThat(vm.canNextProperty().get()).isTrue();
        vm.nextPage();
        assertThat(vm.pageTextProperty().get()).isEqualTo("Rows 451–451 of 451");
        assertThat(vm.rows()).extracting(AllocationRow::quantity).containsExactly(1);
        vm.sortProperty().set(Sort.ascending(AllocationsQuery.Column.QUANTITY));
        assertThat(vm.pageTextProperty().get()).as("a new sort starts at its first page").isEqualTo("Rows 1–200 of 451");
        assertThat(vm.rows().get(0).quantity()).isEqualTo(1);
    }

    @Test
    void aContainsFilterAndAFilterThatMatchesNothing() {
        AllocationsViewModel vm = allocations(ViewSettings.none());
        vm.orderFilterProperty().set("*-044");
        assertThat(vm.rows()).extracting(AllocationRow::orderId).containsExactly("S-0440", "S-0441", "S-0442",
                "S-0443", "S-0444", "S-0445", "S-0446", "S-0447", "S-0448", "S-0449");
        vm.orderFilterProperty().set("*zzz");
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.placeholderProperty().get()).isEqualTo("No allocations match.");

        BatchesViewModel batches = new BatchesViewModel(app.get(BatchesQuery.class), runner, live, ViewSettings.none());
        batches.skuFilterProperty().set("nothing-like-it");
        assertThat(batches.batches()).isEmpty();
        assertThat(batches.placeholderProperty().get())
                .isEqualTo("No batches match “nothing-like-it”. Clear the filter to see every batch.");
        batches.skuFilterProperty().set("*art3");
        assertThat(batches.summaryProperty().get()).startsWith("50 batches, ");
        assertThat(batches.batches()).extracting(BatchRow::sku).containsOnly("PART3");
    }

    @Test
    void theBatchesSortAndPageOverEveryBatch() {
        BatchesViewModel vm = new BatchesViewModel(app.get(BatchesQuery.class), runner, live, ViewSettings.none());
        vm.skuFilterProperty().set("part");
        assertThat(vm.pages().pageTextProperty().get()).isEqualTo("Rows 1–200 of 250");
        assertThat(vm.batches().get(0).eta()).as("the warehouse first, as the allocation prefers").isNull();

        vm.sortProperty().set(Sort.descending(BatchesQuery.Column.PURCHASED));

        List<Integer> purchased = IntStream.range(0, 250).map(i -> 10 + (i * 13) % 50).boxed()
                .sorted(Comparator.reverseOrder()).toList();
        assertThat(vm.batches()).extracting(BatchRow::purchased).containsExactlyElementsOf(purchased.subList(0, 200));
        vm.pages().last();
        assertThat(vm.batches()).extracting(BatchRow::purchased).containsExactlyElementsOf(purchased.subList(50, 250));
    }

    @Test
    void theWaitingListFiltersSortsAndPages() {
        OrdersViewModel vm = new OrdersViewModel(bus, runner, app.get(WaitingQuery.class), app.get(StockTotalsQuery.class),
                live, app.get(MoveMessages.class), app.get(com.allocationdesk.allocation.queries.OrderStatusQuery.class), ViewSettings.none());
        vm.reload();
        assertThat(vm.waiting()).hasSize(30);
        vm.waitingSortProperty().set(Sort.descending(WaitingQuery.Column.QUANTITY));
        assertThat(vm.waiting()).extracting(WaitingLineItem::quantity).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(vm.waiting().get(0).quantity()).isEqualTo(6);

        vm.waitingOrderFilterProperty().set("*-2");
        assertThat(vm.waiting()).extracting(WaitingLineItem::orderId)
                .containsExactlyInAnyOrder("WO-20", "WO-21", "WO-22", "WO-23", "WO-24", "WO-25",
                        "WO-26", "WO-27", "WO-28", "WO-29");
        assertThat(vm.waitingSummaryProperty().get()).startsWith("10 lines of those waiting for stock match the filter");
        vm.waitingSkuFilterProperty().set("lamp");
        assertThat(vm.waiting()).isEmpty();
        assertThat(vm.waitingPlaceholderProperty().get())
                .isEqualTo("No waiting line matches the filter. Clear it to see every waiting line.");
    }

    @Test
    void theSortFiltersAndTabAreRememberedAcrossARestart() throws Exception {
        Path file = dir.resolve("remembered").resolve("window.properties");
        WindowPlacement placement = new WindowPlacement(file);
        placement.update(Map.of("width", "1400"));
        ViewSettings before = new ViewSettings(placement);
        AllocationsViewModel first = allocations(before);
        first.sortProperty().set(Sort.descending(AllocationsQuery.Column.QUANTITY));
        first.skuFilterProperty().set("so");
        first.orderFilterProperty().set("*-01");
        BatchesViewModel batches = new BatchesViewModel(app.get(BatchesQuery.class), runner, live, before);
        batches.sortProperty().set(Sort.ascending(BatchesQuery.Column.AVAILABLE));
        before.put(ViewSettings.TAB, "allocationsTab");
        before.save();

        ViewSettings after = new ViewSettings(new WindowPlacement(file));
        AllocationsViewModel again = allocations(after);
        again.reload();

        assertThat(again.sortProperty().get()).isEqualTo(Sort.descending(AllocationsQuery.Column.QUANTITY));
        assertThat(again.skuFilterProperty().get()).isEqualTo("so");
        assertThat(again.orderFilterProperty().get()).isEqualTo("*-01");
        assertThat(again.rows()).extracting(AllocationRow::orderId).allMatch(id -> id.contains("-01"));
        assertThat(again.rows()).extracting(AllocationRow::quantity).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(new BatchesViewModel(app.get(BatchesQuery.class), runner, live, after).sortProperty().get())
                .isEqualTo(Sort.ascending(BatchesQuery.Column.AVAILABLE));
        assertThat(after.get(ViewSettings.TAB, "")).isEqualTo("allocationsTab");
        assertThat(Files.readString(file)).as("the placement's keys stay").contains("width=1400");
    }

    @Test
    void aSavedSortThatNamesNoColumnIsIgnored() {
        Path file = dir.resolve("odd").resolve("window.properties");
        new WindowPlacement(file).update(Map.of("allocations.sort", "DROP TABLE DESCENDING"));
        AllocationsViewModel vm = allocations(new ViewSettings(new WindowPlacement(file)));
        assertThat(vm.sortProperty().get()).isEqualTo(AllocationsQuery.DEFAULT_SORT);
    }
}
