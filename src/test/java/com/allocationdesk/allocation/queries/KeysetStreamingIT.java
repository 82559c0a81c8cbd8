package com.allocationdesk.allocation.queries;

import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Keyset#forEach} streams a chunk at a time (the export's memory and the window's pulses,
 * bench item 11): with chunks smaller than the result, every row still comes exactly once and in the
 * sort, across chunk boundaries that fall inside runs of equal values, in both directions, with a
 * filter, and for a result that fills its last chunk exactly; and no statement reads more than a
 * chunk. A table of its own in a real database file, so the chunk size and the ties are this test's.
 */
class KeysetStreamingIT {
    enum Column { QUANTITY, NAME }

    record Row(int id, String name, int quantity) {
    }

    private static final int ROWS = 47;

    @TempDir
    Path dir;
    private JDBCDataSource database;
    private final AtomicInteger statements = new AtomicInteger();
    private Keyset<Row, Column> listing;
    private final List<Row> rows = new ArrayList<>();

    @BeforeEach
    void create() throws SQLException {
        database = new JDBCDataSource();
        database.setUrl("jdbc:hsqldb:file:" + dir.resolve("keyset") + ";shutdown=true");
        database.setUser("SA");
        database.setPassword("");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), quantity INT)");
            for (int id = 1; id <= ROWS; id++) {
                Row row = new Row(id, "n" + (id % 6), id % 4); // runs of 11-12 equal quantities
                rows.add(row);
                statement.execute("INSERT INTO t VALUES (" + id + ", '" + row.name() + "', " + row.quantity() + ")");
            }
        }
        listing = new Keyset<>(counting(database), "t", List.of("id", "name", "quantity"),
                rs -> new Row(rs.getInt(1), rs.getString(2), rs.getInt(3)),
                Map.of(Column.QUANTITY, List.of("quantity", "id"), Column.NAME, List.of("name", "id")));
    }

    @AfterEach
    void shutDown() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void everyRowOnceInTheSortAcrossChunkBoundariesInsideRunsOfTies() {
        Comparator<Row> byQuantity = Comparator.comparingInt(Row::quantity).thenComparingInt(Row::id);
        for (int chunk : new int[] {1, 5, 11, 46, 47, 48, Keyset.CHUNK}) {
            assertThat(streamed(Sql.where(), Sort.ascending(Column.QUANTITY), chunk)).as("ascending, chunks of " + chunk)
                    .containsExactlyElementsOf(rows.stream().sorted(byQuantity).toList());
            assertThat(streamed(Sql.where(), Sort.descending(Column.QUANTITY), chunk)).as("descending, chunks of " + chunk)
                    .containsExactlyElementsOf(rows.stream().sorted(byQuantity.reversed()).toList());
        }
    }

    @Test
    void aFilteredStreamHoldsOnlyTheMatchingRows() {
        Sql.Condition odd = Sql.where(new Sql.Condition("MOD(id, 2) = ?", List.of(1)));
        assertThat(streamed(odd, Sort.ascending(Column.NAME), 4))
                .containsExactlyElementsOf(rows.stream().filter(row -> row.id() % 2 == 1)
                        .sorted(Comparator.comparing(Row::name).thenComparingInt(Row::id)).toList());
    }

    @Test
    void eachStatementReadsOneChunkAndAFullLastChunkCostsOneMoreEmptyRead() {
        statements.set(0);
        streamed(Sql.where(), Sort.ascending(Column.QUANTITY), 10);
        assertThat(statements).as("47 rows in chunks of 10").hasValue(5);

        statements.set(0);
        streamed(Sql.where(), Sort.ascending(Column.QUANTITY), 47);
        assertThat(statements).as("47 rows in one full chunk, then an empty one").hasValue(2);
    }

    private List<Row> streamed(Sql.Condition filter, Sort<Column> sort, int chunk) {
        List<Row> seen = new ArrayList<>();
        listing.forEach(filter, sort, seen::add, chunk);
        return seen;
    }

    /** The data source, counting the connections taken: one per statement the listing runs. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
