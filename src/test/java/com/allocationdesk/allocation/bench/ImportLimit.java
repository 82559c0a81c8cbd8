package com.allocationdesk.allocation.bench;

import com.allocationdesk.allocation.adapters.eventlog.DeskName;
import com.allocationdesk.allocation.adapters.eventlog.EventJson;
import com.allocationdesk.allocation.adapters.eventlog.JdbcEventLog;
import com.allocationdesk.allocation.adapters.jdbc.CommitGate;
import com.allocationdesk.allocation.adapters.jdbc.ConnectionRunner;
import com.allocationdesk.allocation.domain.events.Allocated;
import com.allocationdesk.allocation.domain.events.BatchCreated;
import com.allocationdesk.allocation.domain.events.Cause;
import com.allocationdesk.allocation.domain.events.Event;
import com.allocationdesk.allocation.domain.events.OutOfStock;
import com.allocationdesk.allocation.domain.events.Placement;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Item 4's limit (issue 16): {@code import-batches} and {@code import-orders} of the same CSV file in
 * plain JDBC, with the same rules and the same writes as the app, as fast as a good JDBC programmer
 * would make them. Like the app ({@code CsvImport}), the whole file is checked first (every row
 * parsed, keys unique in the file, each row against the database: one query per 500 rows), then
 * read again and imported in chunks of 500 rows, one durable commit each. Unlike the app it reads
 * the file itself twice instead of a private copy of it, keeps the file's keys in a hash set instead
 * of an external sort, and batches every statement of a kind (JDBC batches, {@code IN (UNNEST(?))}
 * look-ups of a whole chunk).
 * <p>
 * A chunk of batches reads the versions of its products and whether any of them has waiting lines
 * (a new batch would serve them: outside this limit, the bench has none). Its writes: INSERT of each
 * new product (version 0, line sequence 0), the version-checked UPDATE of each product already
 * there, INSERT of each batch and of its {@code read_batches} row, the last {@code seq} and one
 * {@code batch.created} entry per batch.
 * <p>
 * The writes of a chunk of order lines: the version-checked UPDATE of each product of the chunk (version
 * + 1, new line sequence), UPDATE of each batch that took lines (its allocated quantity), INSERT of each
 * allocation and of its {@code read_allocations} row, UPDATE of each such batch's {@code read_batches}
 * row (once per batch, its total), the last {@code seq} and one {@code line.allocated} entry per line
 * (payload built by {@link EventJson} from the same {@link Placement} the domain would record). A line
 * with no stock waits: INSERT into {@code waiting_lines} and {@code read_waiting}, an open alert in
 * {@code notifications}, a {@code line.out_of_stock} entry. A line already allocated with the same
 * quantity is left as it is (the app's idempotence); a line already waiting is outside this limit
 * (the bench never has one) and fails it.
 * <p>
 * {@link #fingerprint} tells two databases' states apart, so the bench proves the limit wrote what the
 * app wrote.
 */
final class ImportLimit {
    static final int CHUNK = 500;
    private static final Comparator<Stock> PREFERENCE = Comparator
            .comparing((Stock b) -> b.eta, Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(b -> b.reference);

    private final DataSource dataSource;
    private final String desk = DeskName.current();

    ImportLimit(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    // ------------------------------------------------------------------ batches

    private record NewBatch(String reference, String sku, int quantity, LocalDate eta) {
    }

    /** Imports a {@code ref,sku,qty,eta} file; returns the rows read. */
    long importBatches(Path file) throws IOException, SQLException {
        return importFile(file, 4, ImportLimit::batch, this::checkBatches, this::batchChunk);
    }

    private static NewBatch batch(String[] row) {
        return new NewBatch(id(row[0]), id(row[1]), positive(row[2]), row[3].isBlank() ? null : LocalDate.parse(row[3].strip()));
    }

    /** Every row parsed, references unique in the file and new or identical in the database. */
    private void checkBatches(Connection c, Path file) throws IOException, SQLException {
        Set<String> seen = new HashSet<>();
        List<NewBatch> rows = new ArrayList<>(CHUNK);
        try (BufferedReader in = open(file);
             PreparedStatement stored = c.prepareStatement(
                     "SELECT reference, sku, purchased_quantity, eta FROM batches WHERE reference IN (UNNEST(?))")) {
            for (String[] row = next(in, 4); row != null; row = next(in, 4)) {
                NewBatch batch = batch(row);
                if (!seen.add(batch.reference())) {
                    throw new IllegalStateException("batch " + batch.reference() + " twice in " + file);
                }
                rows.add(batch);
                if (rows.size() == CHUNK) {
                    existingBatches(c, stored, rows);
                    rows.clear();
                }
            }
            existingBatches(c, stored, rows);
        }
    }

    /** The chunk's batches already stored identically; throws for one stored otherwise. */
    private static Set<String> existingBatches(Connection c, PreparedStatement stored, List<NewBatch> rows) throws SQLException {
        Set<String> same = new HashSet<>();
        if (rows.isEmpty()) {
            return same;
        }
        Map<String, NewBatch> wanted = new HashMap<>();
        rows.forEach(b -> wanted.put(b.reference(), b));
        stored.setArray(1, array(c, wanted.keySet()));
        try (ResultSet rs = stored.executeQuery()) {
            while (rs.next()) {
                NewBatch w = wanted.get(rs.getString(1));
                Date eta = rs.getDate(4);
                if (!w.sku().equals(rs.getString(2)) || w.quantity() != rs.getInt(3)
                        || !Objects.equals(w.eta(), eta == null ? null : eta.toLocalDate())) {
                    throw new IllegalStateException("batch " + w.reference() + " is stored otherwise");
                }
                same.add(w.reference());
            }
        }
        return same;
    }

    private int batchChunk(Connection c, List<NewBatch> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        int size = chunk.size();
        Set<String> same;
        try (PreparedStatement stored = c.prepareStatement(
                "SELECT reference, sku, purchased_quantity, eta FROM batches WHERE reference IN (UNNEST(?))")) {
            same = existingBatches(c, stored, chunk);
        }
        Set<String> skus = new LinkedHashSet<>();
        chunk.forEach(b -> skus.add(b.sku()));
        Map<String, Long> versions = new HashMap<>();
        try (PreparedStatement products = c.prepareStatement("SELECT sku, version FROM products WHERE sku IN (UNNEST(?))")) {
            products.setArray(1, array(c, skus));
            try (ResultSet rs = products.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        // a new batch serves the SKU's waiting lines first: the limit reads whether there are any (the bench has none)
        try (PreparedStatement waiting = c.prepareStatement(
                "SELECT product_sku FROM waiting_lines WHERE product_sku IN (UNNEST(?)) LIMIT 1")) {
            waiting.setArray(1, array(c, skus));
            try (ResultSet rs = waiting.executeQuery()) {
                if (rs.next()) {
                    throw new IllegalStateException("lines wait for " + rs.getString(1) + ": outside this limit");
                }
            }
        }
        try (PreparedStatement insertProduct = c.prepareStatement(
                     "INSERT INTO products (sku, version, line_sequence) VALUES (?, 0, 0)");
             PreparedStatement bump = c.prepareStatement(
                     "UPDATE products SET version = version + 1 WHERE sku = ? AND version = ?");
             PreparedStatement insertBatch = c.prepareStatement("INSERT INTO batches"
                     + " (reference, sku, purchased_quantity, allocated_quantity, eta) VALUES (?, ?, ?, 0, ?)");
             PreparedStatement readRow = c.prepareStatement(
                     "INSERT INTO read_batches (reference, sku, eta, purchased, allocated) VALUES (?, ?, ?, ?, 0)")) {
            for (String sku : skus) {
                Long version = versions.get(sku);
                if (version == null) {
                    insertProduct.setString(1, sku);
                    add(insertProduct);
                } else {
                    bump.setString(1, sku);
                    bump.setLong(2, version);
                    add(bump);
                }
            }
            run(insertProduct);
            for (int updated : run(bump)) {
                if (updated != 1) {
                    throw new IllegalStateException("a product changed under the limit");
                }
            }
            List<Event> events = new ArrayList<>(size);
            for (NewBatch b : chunk) {
                if (same.contains(b.reference())) {
                    continue;
                }
                Date eta = b.eta() == null ? null : Date.valueOf(b.eta());
                insertBatch.setString(1, b.reference());
                insertBatch.setString(2, b.sku());
                insertBatch.setInt(3, b.quantity());
                insertBatch.setDate(4, eta);
                add(insertBatch);
                readRow.setString(1, b.reference());
                readRow.setString(2, b.sku());
                readRow.setDate(3, eta);
                readRow.setInt(4, b.quantity());
                add(readRow);
                events.add(new BatchCreated(b.reference(), b.sku(), b.quantity(), b.eta()));
            }
            run(insertBatch);
            run(readRow);
            log(c, events);
        }
        c.commit();
        chunk.clear();
        return size;
    }

    // ------------------------------------------------------------------ order lines

    private record Line(String orderId, String sku, int quantity) {
        String key() {
            return orderId + '\u0000' + sku;
        }
    }

    /** A batch of a product in the chunk, as the rule sees it. */
    private static final class Stock {
        final String reference;
        final LocalDate eta;
        final int purchased;
        int allocated;
        boolean taken;

        Stock(String reference, LocalDate eta, int purchased, int allocated) {
            this.reference = reference;
            this.eta = eta;
            this.purchased = purchased;
            this.allocated = allocated;
        }

        int available() {
            return purchased - allocated;
        }
    }

    /** A product of the chunk: its version and line sequence when read, its batches by preference. */
    private static final class Product {
        final long version;
        long lineSequence;
        int waiting;
        final List<Stock> batches = new ArrayList<>();

        Product(long version, long lineSequence) {
            this.version = version;
            this.lineSequence = lineSequence;
        }
    }

    /** Imports an {@code orderid,sku,qty} file; returns the lines read. */
    long importOrders(Path file) throws IOException, SQLException {
        return importFile(file, 3, ImportLimit::line, this::checkOrders, this::orderChunk);
    }

    private static Line line(String[] row) {
        return new Line(id(row[0]), id(row[1]), positive(row[2]));
    }

    /** Every row parsed, one line per order and SKU in the file, known SKUs, no clash with a line placed before. */
    private void checkOrders(Connection c, Path file) throws IOException, SQLException {
        Set<String> seen = new HashSet<>();
        List<Line> rows = new ArrayList<>(CHUNK);
        try (BufferedReader in = open(file);
             PreparedStatement known = c.prepareStatement("SELECT sku FROM products WHERE sku IN (UNNEST(?))");
             PreparedStatement placed = c.prepareStatement(
                     "SELECT order_id, sku, quantity FROM read_allocations WHERE order_id IN (UNNEST(?))"
                             + " UNION ALL SELECT order_id, sku, quantity FROM read_waiting WHERE order_id IN (UNNEST(?))")) {
            for (String[] row = next(in, 3); row != null; row = next(in, 3)) {
                Line line = line(row);
                if (!seen.add(line.key())) {
                    throw new IllegalStateException("order " + line.orderId() + " has two lines of " + line.sku() + " in " + file);
                }
                rows.add(line);
                if (rows.size() == CHUNK) {
                    checkAgainstStored(c, known, placed, rows);
                    rows.clear();
                }
            }
            checkAgainstStored(c, known, placed, rows);
        }
    }

    private static void checkAgainstStored(Connection c, PreparedStatement known, PreparedStatement placed, List<Line> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> skus = new HashSet<>();
        Map<String, Line> byKey = new HashMap<>();
        Set<String> orders = new HashSet<>();
        for (Line line : rows) {
            skus.add(line.sku());
            byKey.put(line.key(), line);
            orders.add(line.orderId());
        }
        known.setArray(1, array(c, skus));
        try (ResultSet rs = known.executeQuery()) {
            while (rs.next()) {
                skus.remove(rs.getString(1));
            }
        }
        if (!skus.isEmpty()) {
            throw new IllegalStateException("unknown SKUs " + skus);
        }
        Array orderIds = array(c, orders);
        placed.setArray(1, orderIds);
        placed.setArray(2, orderIds);
        try (ResultSet rs = placed.executeQuery()) {
            while (rs.next()) {
                Line line = byKey.get(rs.getString(1) + '\u0000' + rs.getString(2));
                if (line != null && line.quantity() != rs.getInt(3)) {
                    throw new IllegalStateException("order " + line.orderId() + " already has a line of " + line.sku());
                }
            }
        }
    }

    private int orderChunk(Connection c, List<Line> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        int size = chunk.size();
        Instant now = Instant.now();
        Set<String> skus = new LinkedHashSet<>();
        Set<String> orders = new HashSet<>();
        chunk.forEach(line -> {
            skus.add(line.sku());
            orders.add(line.orderId());
        });
        Array skuArray = array(c, skus);
        Array orderArray = array(c, orders);
        Map<String, Product> products = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT sku, version, line_sequence FROM products WHERE sku IN (UNNEST(?))")) {
            select.setArray(1, skuArray);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    products.put(rs.getString(1), new Product(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT sku, reference, eta, purchased_quantity, allocated_quantity"
                + " FROM batches WHERE sku IN (UNNEST(?))")) {
            select.setArray(1, skuArray);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Date eta = rs.getDate(3);
                    products.get(rs.getString(1)).batches.add(
                            new Stock(rs.getString(2), eta == null ? null : eta.toLocalDate(), rs.getInt(4), rs.getInt(5)));
                }
            }
        }
        products.values().forEach(p -> p.batches.sort(PREFERENCE));
        try (PreparedStatement select = c.prepareStatement(
                "SELECT product_sku, COUNT(*) FROM waiting_lines WHERE product_sku IN (UNNEST(?)) GROUP BY product_sku")) {
            select.setArray(1, skuArray);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    products.get(rs.getString(1)).waiting = rs.getInt(2);
                }
            }
        }
        Map<String, Integer> placed = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT order_id, sku, quantity FROM allocations WHERE order_id IN (UNNEST(?))"
                + " UNION ALL SELECT order_id, sku, -quantity FROM waiting_lines WHERE order_id IN (UNNEST(?))")) {
            select.setArray(1, orderArray);
            select.setArray(2, orderArray);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    placed.put(rs.getString(1) + '\u0000' + rs.getString(2), rs.getInt(3));
                }
            }
        }
        try (PreparedStatement bump = c.prepareStatement(
                     "UPDATE products SET version = version + 1, line_sequence = ? WHERE sku = ? AND version = ?");
             PreparedStatement batch = c.prepareStatement("UPDATE batches SET allocated_quantity = ? WHERE reference = ?");
             PreparedStatement allocation = c.prepareStatement(
                     "INSERT INTO allocations (batch_reference, order_id, sku, quantity, sequence) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement waiting = c.prepareStatement(
                     "INSERT INTO waiting_lines (product_sku, order_id, sku, quantity, since, sequence) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement readAllocation = c.prepareStatement(
                     "INSERT INTO read_allocations (order_id, sku, quantity, batch_reference) VALUES (?, ?, ?, ?)");
             PreparedStatement readBatch = c.prepareStatement("UPDATE read_batches SET allocated = allocated + ? WHERE reference = ?");
             PreparedStatement readWaiting = c.prepareStatement(
                     "INSERT INTO read_waiting (order_id, sku, quantity, since) VALUES (?, ?, ?, ?)");
             PreparedStatement alert = c.prepareStatement(
                     "INSERT INTO notifications (created_at, sku, order_id, quantity, state) VALUES (?, ?, ?, ?, 'OPEN')")) {
            OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            List<Event> events = new ArrayList<>(size);
            Map<Stock, Integer> taken = new LinkedHashMap<>();
            for (Line line : chunk) {
                Integer before = placed.get(line.key());
                if (before != null) {
                    if (before != line.quantity()) {
                        throw new IllegalStateException("line " + line.key() + " is placed otherwise");
                    }
                    continue; // allocated before: left as it is
                }
                Product product = products.get(line.sku());
                Stock chosen = product.batches.stream().filter(b -> b.available() >= line.quantity()).findFirst().orElse(null);
                long sequence = ++product.lineSequence;
                if (chosen != null) {
                    events.add(new Allocated(line.orderId(), line.sku(), line.quantity(), chosen.reference, chosen.eta,
                            placement(product, chosen, line.quantity()), Cause.planner(), null, null));
                    chosen.allocated += line.quantity();
                    taken.merge(chosen, line.quantity(), Integer::sum);
                    allocation.setString(1, chosen.reference);
                    allocation.setString(2, line.orderId());
                    allocation.setString(3, line.sku());
                    allocation.setInt(4, line.quantity());
                    allocation.setLong(5, sequence);
                    add(allocation);
                    readAllocation.setString(1, line.orderId());
                    readAllocation.setString(2, line.sku());
                    readAllocation.setInt(3, line.quantity());
                    readAllocation.setString(4, chosen.reference);
                    add(readAllocation);
                } else {
                    int largest = product.batches.stream().mapToInt(Stock::available).max().orElse(0);
                    events.add(new OutOfStock(line.orderId(), line.sku(), line.quantity(), now, ++product.waiting,
                            Math.max(0, largest), Cause.planner()));
                    waiting.setString(1, line.sku());
                    waiting.setString(2, line.orderId());
                    waiting.setString(3, line.sku());
                    waiting.setInt(4, line.quantity());
                    waiting.setObject(5, at);
                    waiting.setLong(6, sequence);
                    add(waiting);
                    readWaiting.setString(1, line.orderId());
                    readWaiting.setString(2, line.sku());
                    readWaiting.setInt(3, line.quantity());
                    readWaiting.setObject(4, at);
                    add(readWaiting);
                    alert.setObject(1, at);
                    alert.setString(2, line.sku());
                    alert.setString(3, line.orderId());
                    alert.setInt(4, line.quantity());
                    add(alert);
                }
            }
            for (Map.Entry<String, Product> p : products.entrySet()) {
                bump.setLong(1, p.getValue().lineSequence);
                bump.setString(2, p.getKey());
                bump.setLong(3, p.getValue().version);
                add(bump);
            }
            for (int updated : run(bump)) {
                if (updated != 1) {
                    throw new IllegalStateException("a product changed under the limit");
                }
            }
            for (Map.Entry<Stock, Integer> t : taken.entrySet()) {
                batch.setInt(1, t.getKey().allocated);
                batch.setString(2, t.getKey().reference);
                add(batch);
                readBatch.setInt(1, t.getValue());
                readBatch.setString(2, t.getKey().reference);
                add(readBatch);
            }
            run(batch);
            run(allocation);
            run(waiting);
            run(readBatch);
            run(readAllocation);
            run(readWaiting);
            run(alert);
            log(c, events);
        }
        c.commit();
        chunk.clear();
        return size;
    }

    /** What the domain records of the choice ({@code Product.placementOf}), taken before the line is placed. */
    private static Placement placement(Product product, Stock chosen, int quantity) {
        List<Placement.PassedOver> passedOver = new ArrayList<>();
        int passedOverMore = 0;
        List<String> tiedWith = new ArrayList<>();
        boolean before = true;
        for (Stock b : product.batches) {
            if (b == chosen) {
                before = false;
            } else if (before) {
                if (passedOver.size() < Placement.MAX_PASSED_OVER) {
                    passedOver.add(new Placement.PassedOver(b.reference, b.eta, b.available()));
                } else {
                    passedOverMore++;
                }
            } else if (Objects.equals(b.eta, chosen.eta) && b.available() >= quantity
                    && tiedWith.size() < Placement.MAX_PASSED_OVER) {
                tiedWith.add(b.reference);
            }
        }
        return new Placement(chosen.eta == null ? Placement.Rule.WAREHOUSE_FIRST : Placement.Rule.EARLIEST_ETA,
                passedOver, passedOverMore, tiedWith);
    }

    // ------------------------------------------------------------------ common

    /** The whole-file check of one kind of file ({@link #checkBatches}, {@link #checkOrders}). */
    @FunctionalInterface
    private interface FileCheck {
        void check(Connection c, Path file) throws IOException, SQLException;
    }

    /** The writes and commit of one chunk ({@link #batchChunk}, {@link #orderChunk}): its rows; it empties the chunk. */
    @FunctionalInterface
    private interface ChunkWrite<T> {
        int write(Connection c, List<T> chunk) throws SQLException;
    }

    /**
     * As {@code CsvImport} does: the whole file checked and that committed, then the file read again
     * in chunks of {@link #CHUNK} rows of {@code columns} fields, each written and committed.
     */
    private <T> long importFile(Path file, int columns, java.util.function.Function<String[], T> parse, FileCheck check,
            ChunkWrite<T> write) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            check.check(c, file);
            c.commit();
            long rows = 0;
            List<T> chunk = new ArrayList<>(CHUNK);
            try (BufferedReader in = open(file)) {
                for (String[] row = next(in, columns); row != null; row = next(in, columns)) {
                    chunk.add(parse.apply(row));
                    if (chunk.size() == CHUNK) {
                        rows += write.write(c, chunk);
                    }
                }
            }
            rows += write.write(c, chunk);
            c.setAutoCommit(true);
            return rows;
        }
    }

    /** The chunk's ledger entries, written by the app's own {@link JdbcEventLog} on the chunk's connection (numbered after the last). */
    private void log(Connection c, List<Event> events) {
        JdbcEventLog log = new JdbcEventLog(new On(c)::call, CommitGate.NONE, Clock.systemUTC(), desk);
        log.append(events);
        log.write();
    }

    /** One connection as a {@link ConnectionRunner}. */
    private record On(Connection connection) {
        <T> T call(ConnectionRunner.SqlCall<T> work) {
            try {
                return work.call(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The statements with rows added since they last ran: HSQLDB refuses to run an empty batch. */
    private final Set<PreparedStatement> filled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private void add(PreparedStatement statement) throws SQLException {
        statement.addBatch();
        filled.add(statement);
    }

    private int[] run(PreparedStatement statement) throws SQLException {
        return filled.remove(statement) ? statement.executeBatch() : new int[0];
    }

    private static Array array(Connection c, Set<String> values) throws SQLException {
        return c.createArrayOf("VARCHAR", values.toArray());
    }

    /** The file after its header line (which must be as expected: the app checks it too). */
    private static BufferedReader open(Path file) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        if (in.readLine() == null) {
            in.close();
            throw new IllegalStateException(file + " is empty");
        }
        return in;
    }

    /** The next row's {@code columns} fields (the bench's files have no quotes), or null at the end. */
    private static String[] next(BufferedReader in, int columns) throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        String[] row = text.split(",", -1);
        if (row.length != columns) {
            throw new IllegalStateException("expected " + columns + " columns: " + text);
        }
        return row;
    }

    private static String id(String text) {
        String id = text.strip();
        if (id.isEmpty() || id.length() > 64) {
            throw new IllegalStateException("bad id '" + text + "'");
        }
        return id;
    }

    private static int positive(String text) {
        int n = Integer.parseInt(text.strip());
        if (n <= 0) {
            throw new IllegalStateException("not a positive quantity: " + text);
        }
        return n;
    }

    // ------------------------------------------------------------------ the check

    /** The tables' contents, times left out; the log by its entries, not their numbers. */
    private static final String[] STATE = {
            "SELECT sku, version, line_sequence FROM products",
            "SELECT reference, sku, purchased_quantity, allocated_quantity, eta FROM batches",
            "SELECT batch_reference, order_id, sku, quantity, sequence FROM allocations",
            "SELECT product_sku, order_id, sku, quantity, sequence FROM waiting_lines",
            "SELECT reference, sku, eta, purchased, allocated, available FROM read_batches",
            "SELECT order_id, sku, quantity, batch_reference FROM read_allocations",
            "SELECT order_id, sku, quantity FROM read_waiting",
            "SELECT sku, order_id, quantity, is_read, state, resolution, resolved_batch FROM notifications",
            "SELECT type, version, desk, sku, order_id, batch_reference, payload FROM event_log",
            "SELECT COUNT(*), MIN(seq), MAX(seq) FROM event_log",
            "SELECT COUNT(*) FROM inbox_receipts",
    };

    /**
     * One line per table: its rows and a hash of their contents that does not depend on their order
     * (the sum of each row's SHA-256 prefix), so two databases can be compared without sorting.
     */
    static String fingerprint(DataSource dataSource) throws SQLException {
        StringBuilder out = new StringBuilder();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = dataSource.getConnection()) {
            for (String sql : STATE) {
                long rows = 0;
                long sum = 0;
                try (PreparedStatement select = c.prepareStatement(sql); ResultSet rs = select.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    StringBuilder row = new StringBuilder();
                    while (rs.next()) {
                        row.setLength(0);
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u0001');
                        }
                        byte[] d = sha.digest(row.toString().getBytes(StandardCharsets.UTF_8));
                        long h = 0;
                        for (int i = 0; i < 8; i++) {
                            h = (h << 8) | (d[i] & 0xff);
                        }
                        sum += h;
                        rows++;
                    }
                }
                out.append(String.format("%s: %d rows, #%016x%n", sql, rows, sum));
            }
        }
        return out.toString();
    }

    /** Throws, naming the tables that differ, unless both databases hold the same state. */
    static void requireSameState(DataSource app, DataSource limit) throws SQLException {
        String a = fingerprint(app);
        String l = fingerprint(limit);
        if (!a.equals(l)) {
            throw new IllegalStateException("The import limit did not write what the app wrote.\napp:\n" + a + "limit:\n" + l);
        }
    }
}
