package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.queries.AllocationRow;
import com.allocationdesk.allocation.queries.AllocationsQuery;
import com.allocationdesk.allocation.queries.LineFilter;
import com.allocationdesk.allocation.queries.Page;
import com.allocationdesk.allocation.queries.Seek;
import com.allocationdesk.allocation.queries.Sort;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bench item 10 (issue 15): keyset paging of the Allocations table's listing at 1,000,000 rows,
 * sorted by quantity descending (the sort a planner looking for the biggest lines asks for): the
 * first page, the last page (read in the reverse order), and a page in the middle (after a row's
 * key), each of 200 rows through {@link AllocationsQuery#page}, p50 and p99, on the HSQLDB file.
 */
final class KeysetBench {
    private static final int ROWS = Integer.getInteger("bench.keysetRows", 1_000_000);
    private static final int PAGE = 200;

    private final Path work;
    private final Consumer<String> line;
    private final Consumer<List<Stats.Figure>> table;

    KeysetBench(Path work, Consumer<String> line, Consumer<List<Stats.Figure>> table) {
        this.work = work;
        this.line = line;
        this.table = table;
    }

    void run() throws Exception {
        int queries = Integer.getInteger("bench.keysetQueries", 2_000);
        line.accept("");
        line.accept(String.format("## 10. Keyset paging at %,d rows", ROWS));
        line.accept("");
        line.accept(String.format("`AllocationsQuery.page(no filter, QUANTITY DESCENDING, seek, 200)`: what the Allocations"
                + " table reads for its first page, its last page (the reverse order, turned round) and the page after a"
                + " row in the middle, over %,d rows of `read_allocations` (quantities 1 to 1,000, so many ties, broken by"
                + " order id and SKU) seeded with JDBC into the HSQLDB file; %,d reads of each per run after 500 of warm-up."
                + " The pager's count is a separate query and not in these figures.", ROWS, queries));
        Path db = work.resolve("keyset").resolve("desk");
        long seedStart = System.nanoTime();
        try (Database database = Database.open(db)) {
            try (Connection c = database.dataSource().getConnection();
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference) VALUES (?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < ROWS; i++) {
                    insert.setString(1, Seeder.order(i));
                    insert.setString(2, Seeder.sku(i % 10_000));
                    insert.setInt(3, 1 + (int) ((i * 7_919L) % 1_000));
                    insert.setString(4, "B" + Seeder.sku(i % 10_000));
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                    }
                    if (i % 50_000 == 49_999) {
                        c.commit();
                    }
                }
                if (ROWS % 5_000 != 0) {
                    insert.executeBatch();
                }
                c.commit();
            }
            line.accept("");
            line.accept("Seeding took " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - seedStart) + " s.");
            AllocationsQuery query = new AllocationsQuery(database.dataSource());
            Sort<AllocationsQuery.Column> sort = Sort.descending(AllocationsQuery.Column.QUANTITY);
            LineFilter all = LineFilter.NONE;
            Page<AllocationRow> firstPage = query.page(all, sort, Seek.first(), PAGE);
            Page<AllocationRow> lastPage = query.page(all, sort, Seek.last(), PAGE);
            if (firstPage.rows().get(0).quantity() != 1_000 || lastPage.rows().get(PAGE - 1).quantity() != 1) {
                throw new IllegalStateException("the listing is not sorted by quantity descending");
            }
            // a key half way: the row at position ROWS / 2, found by walking once
            Page.Key middle = firstPage.last();
            for (int p = 1; p < ROWS / PAGE / 2; p++) {
                middle = query.page(all, sort, Seek.after(middle), PAGE).last();
            }
            Page.Key half = middle;
            for (int i = 0; i < 500; i++) {
                query.page(all, sort, Seek.first(), PAGE);
                query.page(all, sort, Seek.last(), PAGE);
                query.page(all, sort, Seek.after(half), PAGE);
            }
            Stats.Figure first50 = new Stats.Figure("first page, p50", "ms");
            Stats.Figure first99 = new Stats.Figure("first page, p99", "ms (target < 5)");
            Stats.Figure last50 = new Stats.Figure("last page, p50", "ms");
            Stats.Figure last99 = new Stats.Figure("last page, p99", "ms (target < 5)");
            Stats.Figure middle50 = new Stats.Figure("page after the middle row, p50", "ms");
            Stats.Figure middle99 = new Stats.Figure("page after the middle row, p99", "ms");
            for (int run = 0; run < Bench.RUNS; run++) {
                long[] f = new long[queries];
                long[] l = new long[queries];
                long[] m = new long[queries];
                for (int i = 0; i < queries; i++) {
                    long t0 = System.nanoTime();
                    query.page(all, sort, Seek.first(), PAGE);
                    long t1 = System.nanoTime();
                    query.page(all, sort, Seek.last(), PAGE);
                    long t2 = System.nanoTime();
                    query.page(all, sort, Seek.after(half), PAGE);
                    long t3 = System.nanoTime();
                    f[i] = t1 - t0;
                    l[i] = t2 - t1;
                    m[i] = t3 - t2;
                }
                first50.add(Stats.percentile(f, 50) / 1e6);
                first99.add(Stats.percentile(f, 99) / 1e6);
                last50.add(Stats.percentile(l, 50) / 1e6);
                last99.add(Stats.percentile(l, 99) / 1e6);
                middle50.add(Stats.percentile(m, 50) / 1e6);
                middle99.add(Stats.percentile(m, 99) / 1e6);
                Bench.OUT.printf("  run %d: first p99 %.2f ms, last p99 %.2f ms, middle p99 %.2f ms%n", run,
                        Stats.percentile(f, 99) / 1e6, Stats.percentile(l, 99) / 1e6, Stats.percentile(m, 99) / 1e6);
            }
            table.accept(List.of(first50, first99, last50, last99, middle50, middle99));
        }
    }
}
