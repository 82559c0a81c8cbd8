package com.allocationdesk.allocation.queries;

import com.allocationdesk.allocation.adapters.AppOnStore;
import com.allocationdesk.allocation.adapters.StoreKind;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.AllocateLines;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyset paging over every sortable column of the three listings, on each store: walking the pages
 * forwards (next), backwards from the last page (previous), seeking from a row, and counting the rows
 * before one all give exactly the full ORDER BY, sliced; ties (many equal quantities, SKUs that differ
 * only in case, batches in the warehouse) and filters (prefix and {@code *} contains) included. The
 * expected order is computed here in Java from all rows.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class KeysetListingsIT {
    static final int PAGE = 7;
    static final List<String> SKUS = List.of("LAMP", "LAMPSHADE", "TABLE", "BIG-LAMP", "lamp");

    @Parameter
    StoreKind kind;
    @TempDir
    Path dir;
    private AppOnStore desk;
    private Bootstrap app;

    @BeforeEach
    void start() {
        desk = AppOnStore.start(kind, dir);
        app = desk.app();
        MessageBus bus = app.get(MessageBus.class);
        for (int i = 0; i < 30; i++) {
            String sku = SKUS.get(i % SKUS.size());
            LocalDate eta = i % 3 == 0 ? null : LocalDate.of(2027, 1, 1 + i % 4);
            bus.handle(new CreateBatch((i % 2 == 0 ? "b-" : "B-") + "%02d".formatted(i), sku, 100 + (i % 4) * 10, eta));
        }
        bus.handle(new AllocateLines(IntStream.range(0, 60).mapToObj(i -> new Allocate(
                (i / 20 % 2 == 0 ? "o-" : "O-") + (i % 20), SKUS.get((i / 20 + i) % SKUS.size()), 1 + i % 4)).toList()));
        bus.handle(new CreateBatch("W-1", "WAIT", 1, null));
        bus.handle(new CreateBatch("W-2", "waitshade", 1, null));
        for (int i = 0; i < 24; i++) {
            bus.handle(new Allocate((i % 2 == 0 ? "w-" : "W-") + (i % 12), i / 12 == 0 ? "WAIT" : "waitshade", 2 + i % 3));
        }
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void allocationsOverEverySortColumnAndFilter() {
        AllocationsQuery query = app.get(AllocationsQuery.class);
        List<AllocationRow> all = new ArrayList<>();
        query.forEach(all::add);
        assertThat(all).hasSizeGreaterThan(40);
        Comparator<AllocationRow> tie = Comparator.comparing(AllocationRow::orderId).thenComparing(AllocationRow::sku);
        for (AllocationsQuery.Column column : AllocationsQuery.Column.values()) {
            Comparator<AllocationRow> order = switch (column) {
                case ORDER -> Comparator.comparing((AllocationRow r) -> upper(r.orderId())).thenComparing(tie);
                case SKU -> Comparator.comparing((AllocationRow r) -> upper(r.sku())).thenComparing(tie);
                case QUANTITY -> Comparator.comparingInt(AllocationRow::quantity).thenComparing(tie);
                case BATCH -> Comparator.comparing(AllocationRow::batchReference).thenComparing(tie);
            };
            for (LineFilter filter : List.of(LineFilter.NONE, new LineFilter(null, "lam"),
                    new LineFilter("o-1", null), new LineFilter(null, "*shade"),
                    new LineFilter("*-2", "*LAMP"), new LineFilter(null, "b*p"))) {
                Predicate<AllocationRow> matches = r -> matches(filter.order(), r.orderId()) && matches(filter.sku(), r.sku());
                for (Sort<AllocationsQuery.Column> sort : List.of(Sort.ascending(column), Sort.descending(column))) {
                    List<AllocationRow> expected = all.stream().filter(matches)
                            .sorted(sort.descending() ? order.reversed() : order).toList();
                    walk(query::page, query::countBefore, query::forEach, filter, sort, expected);
                    assertThat(query.count(filter)).isEqualTo(expected.size());
                }
            }
        }
    }

    @Test
    void batchesOverEverySortColumnAndFilter() {
        BatchesQuery query = app.get(BatchesQuery.class);
        List<BatchRow> all = query.list(null);
        Comparator<BatchRow> tie = Comparator.comparing(BatchRow::reference);
        for (BatchesQuery.Column column : BatchesQuery.Column.values()) {
            Comparator<BatchRow> order = switch (column) {
                case REFERENCE -> tie;
                case SKU -> Comparator.comparing((BatchRow r) -> upper(r.sku())).thenComparing(tie);
                case ETA -> Comparator.comparing(BatchRow::eta, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(tie);
                case PURCHASED -> Comparator.comparingInt(BatchRow::purchased).thenComparing(tie);
                case ALLOCATED -> Comparator.comparingInt(BatchRow::allocated).thenComparing(tie);
                case AVAILABLE -> Comparator.comparingInt(BatchRow::available).thenComparing(tie);
            };
            for (BatchesQuery.Filter filter : List.of(BatchesQuery.Filter.NONE, new BatchesQuery.Filter("lam"),
                    new BatchesQuery.Filter("*shade"), new BatchesQuery.Filter("*"), new BatchesQuery.Filter("nothing"))) {
                for (Sort<BatchesQuery.Column> sort : List.of(Sort.ascending(column), Sort.descending(column))) {
                    List<BatchRow> expected = all.stream().filter(r -> matches(filter.sku(), r.sku()))
                            .sorted(sort.descending() ? order.reversed() : order).toList();
                    walk(query::page, query::countBefore, query::forEach, filter, sort, expected);
                    assertThat(query.totals(filter)).isEqualTo(new BatchesQuery.Totals(expected.size(),
                            expected.stream().mapToLong(BatchRow::available).sum()));
                }
            }
        }
    }

    @Test
    void waitingLinesOverEverySortColumnAndFilter() {
        WaitingQuery query = app.get(WaitingQuery.class);
        List<WaitingRow> all = query.list(null);
        assertThat(all).hasSizeGreaterThan(15);
        Comparator<WaitingRow> tie = Comparator.comparing(WaitingRow::orderId).thenComparing(WaitingRow::sku);
        for (WaitingQuery.Column column : WaitingQuery.Column.values()) {
            Comparator<WaitingRow> order = switch (column) {
                case ORDER -> Comparator.comparing((WaitingRow r) -> upper(r.orderId())).thenComparing(tie);
                case SKU -> Comparator.comparing((WaitingRow r) -> upper(r.sku())).thenComparing(tie);
                case QUANTITY -> Comparator.comparingInt(WaitingRow::quantity).thenComparing(tie);
                case SINCE -> Comparator.comparing(WaitingRow::since).thenComparing(tie);
            };
            for (LineFilter filter : List.of(LineFilter.NONE, new LineFilter("w-1", null),
                    new LineFilter(null, "*SHADE"), new LineFilter("*-3", "wa"))) {
                Predicate<WaitingRow> matches = r -> matches(filter.order(), r.orderId()) && matches(filter.sku(), r.sku());
                for (Sort<WaitingQuery.Column> sort : List.of(Sort.ascending(column), Sort.descending(column))) {
                    List<WaitingRow> expected = all.stream().filter(matches)
                            .sorted(sort.descending() ? order.reversed() : order).toList();
                    walk(query::page, query::countBefore, query::forEach, filter, sort, expected);
                    assertThat(query.totals(filter)).isEqualTo(new WaitingQuery.Totals(expected.size(),
                            expected.stream().mapToLong(WaitingRow::quantity).sum()));
                }
            }
        }
    }

    @Test
    void aPercentOrUnderscoreIsAPlainCharacterAndAStarAloneMatchesAll() {
        AllocationsQuery query = app.get(AllocationsQuery.class);
        assertThat(query.count(new LineFilter("%", null))).isZero();
        assertThat(query.count(new LineFilter("*_", null))).isZero();
        assertThat(query.count(new LineFilter("*", "*"))).isEqualTo(query.count(LineFilter.NONE));
    }

    interface Pages<R, C extends Enum<C>, F> {
        Page<R> page(F filter, Sort<C> sort, Seek seek, int limit);
    }

    interface Positions<C extends Enum<C>, F> {
        int countBefore(F filter, Sort<C> sort, Page.Key key);
    }

    interface Streams<R, C extends Enum<C>, F> {
        void forEach(F filter, Sort<C> sort, Consumer<R> consumer);
    }

    private static <R, C extends Enum<C>, F> void walk(Pages<R, C, F> pages, Positions<C, F> positions,
                                                      Streams<R, C, F> streams, F filter, Sort<C> sort, List<R> expected) {
        String what = sort.text() + " " + filter;
        List<R> forwards = new ArrayList<>();
        List<Page<R>> walked = new ArrayList<>();
        Page<R> page = pages.page(filter, sort, Seek.first(), PAGE);
        while (!page.isEmpty()) {
            walked.add(page);
            forwards.addAll(page.rows());
            page = pages.page(filter, sort, Seek.after(page.last()), PAGE);
        }
        assertThat(forwards).as("next, next, … " + what).containsExactlyElementsOf(expected);

        List<R> backwards = new ArrayList<>();
        page = pages.page(filter, sort, Seek.last(), PAGE);
        assertThat(page.rows()).as("the last page " + what)
                .containsExactlyElementsOf(expected.subList(Math.max(0, expected.size() - PAGE), expected.size()));
        while (!page.isEmpty()) {
            backwards.addAll(0, page.rows());
            page = pages.page(filter, sort, Seek.before(page.first()), PAGE);
        }
        assertThat(backwards).as("last, previous, previous, … " + what).containsExactlyElementsOf(expected);

        int position = 0;
        for (Page<R> seen : walked) {
            assertThat(positions.countBefore(filter, sort, seen.first())).as("the position of a page " + what).isEqualTo(position);
            assertThat(pages.page(filter, sort, Seek.from(seen.first()), PAGE).rows()).as("a page read again " + what)
                    .containsExactlyElementsOf(seen.rows());
            position += seen.rows().size();
        }
        List<R> streamed = new ArrayList<>();
        streams.forEach(filter, sort, streamed::add);
        assertThat(streamed).as("every row streamed " + what).containsExactlyElementsOf(expected);
    }

    private static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /** The filter's meaning, written independently: a prefix, or a pattern where * is anything. */
    private static boolean matches(String filter, String value) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String regex = String.join(".*", java.util.Arrays.stream(upper(filter.strip()).split("\\*", -1))
                .map(Pattern::quote).toList()) + ".*";
        return Pattern.compile(regex, Pattern.DOTALL).matcher(upper(value)).matches();
    }

}
