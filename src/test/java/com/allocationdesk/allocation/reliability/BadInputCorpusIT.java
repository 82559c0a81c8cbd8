package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.entrypoints.cli.AllocationDeskCommand;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad-input corpus (issue 6, reliability 4): well over 100 malformed command lines and CSV files
 * through the command line in process ({@code CommandLine.execute}, as {@code CliIT} does), on a
 * database holding some stock. Every one must be rejected with exit code 2 and a short message a
 * planner can read (no stack trace, no class names, nothing on stdout), and leave the database
 * unchanged: a checksum of every table is taken each time the command line opens the database
 * and once more at the end, and all must equal the first.
 * <p>
 * No message may echo raw control characters (an ESC sequence typed into a field would then
 * re-colour or clear the planner's terminal): the command line shows them escaped (<code>&#92;u001B</code>).
 * They are also counted and reported as a separate figure.
 */
@Timeout(900)
class BadInputCorpusIT {
    private static final String NAME = "bad input";
    private static final String LONG = "x".repeat(65);
    private static final String VERY_LONG = "y".repeat(5000);
    private static final String ESC = "\u001b[2J\u001b[31m";

    @TempDir
    Path dir;
    private Path db;
    /** The checksums taken each time the command line opened the database, with the index of the case. */
    private final List<Map.Entry<Integer, Map<String, String>>> checksumsAtEachStart = new ArrayList<>();
    private int currentCase = -1;

    /**
     * What some cases' messages must say (a part of it), besides the checks every case gets: the
     * bugs fixed in {@code entrypoints} (a library class name, a raw escape sequence, a UTF-16
     * header with NUL bytes, trimmed control characters, foreign digits) are asserted here.
     */
    private final Map<String, String> expected = new LinkedHashMap<>();

    private Run cli(String... args) {
        return InProcessCli.onDatabase(db, config -> {
            Bootstrap app = AllocationDeskCommand.start(config);
            checksumsAtEachStart.add(Map.entry(currentCase, Tables.checksums(app.get(DataSource.class))));
            return app;
        }, args);
    }

    /** A case: a name, what to run, how many lines on stderr at most. */
    private record Case(String name, String[] args, int maxLines) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void args(String name, String... args) {
        cases.add(new Case(name, args, 1));
    }

    /** The message of the case added last must contain {@code part}. */
    private void expect(String part) {
        expected.put(cases.get(cases.size() - 1).name(), part);
    }

    private void batchesFile(String name, String badRow) throws IOException {
        csv(name, "import-batches", "ref,sku,qty,eta\ngood1,LAMP,5,\n" + badRow + "\n", StandardCharsets.UTF_8, 2);
    }

    private void ordersFile(String name, String badRow) throws IOException {
        csv(name, "import-orders", "orderid,sku,qty\ngood1,LAMP,1\n" + badRow + "\n", StandardCharsets.UTF_8, 2);
    }

    private void csv(String name, String subcommand, String content, Charset charset, int maxLines) throws IOException {
        bytes(name, subcommand, content.getBytes(charset), maxLines);
    }

    private void bytes(String name, String subcommand, byte[] content, int maxLines) throws IOException {
        Path file = dir.resolve("case" + cases.size() + ".csv");
        Files.write(file, content);
        cases.add(new Case(name, new String[] {subcommand, file.toString()}, maxLines));
    }

    private void corpus() throws IOException {
        // --- command-line arguments: quantities
        for (String qty : List.of("0", "-5", "ten", "1.5", "", "99999999999", "10000001", "1e3", "0x10", "2147483648", "-2147483649", "3 5")) {
            args("add-batch qty '" + qty + "'", "add-batch", "b9", "LAMP", qty);
        }
        for (String qty : List.of("0", "-1", "abc", "", "99999999999", "10000001", "+-3")) {
            args("allocate qty '" + qty + "'", "allocate", "o9", "LAMP", qty);
        }
        for (String qty : List.of("-1", "many", "", "4294967296", "10000001")) {
            args("change-quantity qty '" + qty + "'", "change-quantity", "warehouse", qty);
        }
        // ids: empty, blank, too long, control characters, unknown, duplicate, SQL-looking
        args("add-batch empty ref", "add-batch", "", "LAMP", "5");
        args("add-batch blank ref", "add-batch", "   ", "LAMP", "5");
        args("add-batch empty sku", "add-batch", "b9", "", "5");
        args("add-batch ref of 65 characters", "add-batch", LONG, "LAMP", "5");
        args("add-batch sku of 5000 characters", "add-batch", "b9", VERY_LONG, "5");
        args("add-batch ref with a bell", "add-batch", "b\u0007x", "LAMP", "5");
        args("add-batch ref with a newline", "add-batch", "b\nx", "LAMP", "5");
        args("add-batch ref with NUL", "add-batch", "b\u0000x", "LAMP", "5");
        args("add-batch ref with an escape sequence", "add-batch", "b" + ESC, "LAMP", "5");
        args("add-batch ref with a zero-width space", "add-batch", "b\u200Bx", "LAMP", "5");
        args("add-batch duplicate reference", "add-batch", "warehouse", "LAMP", "5");
        args("add-batch duplicate reference, SQL-looking qty", "add-batch", "warehouse", "LAMP", "5; DROP TABLE batches");
        args("allocate empty order id", "allocate", "", "LAMP", "1");
        args("allocate order id of 65 characters", "allocate", LONG, "LAMP", "1");
        args("allocate order id with a tab", "allocate", "o\t9", "LAMP", "1");
        args("allocate order id with an escape sequence", "allocate", ESC, "LAMP", "1");
        args("allocate unknown SKU", "allocate", "o9", "NOPE", "1");
        args("allocate SQL-looking SKU", "allocate", "o9", "LAMP' OR '1'='1", "1");
        args("allocate SQL-looking SKU 2", "allocate", "o9", "LAMP'; DELETE FROM batches; --", "1");
        args("allocate existing line with another quantity", "allocate", "o1", "LAMP", "3");
        args("allocate lower-case SKU (unknown)", "allocate", "o9", "lamp", "1");
        args("deallocate unknown order", "deallocate", "o7", "LAMP");
        args("deallocate unknown SKU", "deallocate", "o1", "NOPE");
        args("deallocate SQL-looking order id", "deallocate", "o1' OR '1'='1", "LAMP");
        args("deallocate empty order id", "deallocate", "", "LAMP");
        args("change-quantity unknown batch", "change-quantity", "nope", "3");
        args("change-quantity SQL-looking batch", "change-quantity", "warehouse' --", "3");
        args("change-quantity empty batch", "change-quantity", "", "3");
        // dates
        for (String eta : List.of("2027-02-30", "2027-13-01", "31/01/2027", "0000-01-01", "3000-01-01", "+12345-01-01",
                "2027-01-15T00:00", "tomorrow", "2027-1-5", "1899-12-31", "2027-02-29", ESC)) {
            args("add-batch eta '" + eta.replace("\u001b", "ESC") + "'", "add-batch", "b9", "LAMP", "5", "--eta", eta);
        }
        expect("was '\\u001B[2J\\u001B[31m'"); // the last date: the escape sequence, shown escaped
        args("add-batch eta with a right-to-left override", "add-batch", "b9", "LAMP", "5", "--eta", "2027\u202E-01-15");
        expect("was '2027\\u202E-01-15'");
        // ids with a control character at the end (the CSV reader used to trim it away silently)
        args("add-batch ref ending in a bell", "add-batch", "b9\u0007", "LAMP", "5");
        expect("contains control characters");
        // quantities in other scripts' digits: refused, the same way as in a CSV file
        args("add-batch qty in Arabic-Indic digits", "add-batch", "b9", "LAMP", "\u0663");
        expect("Quantity must be written with the digits 0-9, was '\u0663'");
        args("allocate qty in Arabic-Indic digits", "allocate", "o9", "LAMP", "\u0661\u0660");
        expect("Quantity must be written with the digits 0-9");
        args("change-quantity qty in full-width digits", "change-quantity", "warehouse", "\uFF15");
        expect("Quantity must be written with the digits 0-9");
        // shape of the command line
        args("add-batch missing quantity", "add-batch", "b9", "LAMP");
        args("add-batch extra argument", "add-batch", "b9", "LAMP", "5", "extra");
        args("allocate missing everything", "allocate");
        args("allocations missing order", "allocations");
        args("unknown option", "batches", "--colour");
        args("unknown subcommand", "frobnicate");
        args("unknown subcommand, SQL-looking", "'; DROP TABLE products; --");
        args("notifications limit not a number", "notifications", "--limit", "lots");
        args("eta option without value", "add-batch", "b9", "LAMP", "5", "--eta");
        args("import-orders missing file", "import-orders", dir.resolve("nope.csv").toString());
        args("import-batches of a folder", "import-batches", dir.toString());
        args("export into a missing folder", "export-allocations", dir.resolve("no/such/x.csv").toString());

        // --- issue 10: what a terminal without a UTF-8 locale passes (U+FFFD for each byte it cannot decode)
        args("allocate order id the terminal could not decode", "allocate", "\uFFFD\uFFFD-100", "LAMP", "1");
        expect("is not readable text in this terminal's character set");
        args("add-batch SKU the terminal could not decode", "add-batch", "b9", "L\uFFFDMP", "5");
        expect("use a UTF-8 locale, e.g. LANG=C.UTF-8");
        args("add-batch qty the terminal could not decode", "add-batch", "b9", "LAMP", "\uFFFD");
        expect("use a UTF-8 locale, e.g. LANG=C.UTF-8");
        args("deallocate order id the terminal could not decode", "deallocate", "\uFFFDo1", "LAMP");
        expect("use a UTF-8 locale, e.g. LANG=C.UTF-8");
        args("allocate 5000-character order id the terminal could not decode", "allocate", "\uFFFD" + VERY_LONG, "LAMP", "1");
        expect("is not readable text in this terminal's character set");
        // ids of only space-like or invisible characters
        for (String blank : List.of("\u00A0", "\u2007", "\u202F", "\u3000", "\u00A0 \u2007", "\u200B\u200C", "\uFEFF", "\u3164")) {
            args("add-batch ref of only " + escaped(blank), "add-batch", blank, "LAMP", "5");
            expect("Batch reference is required");
        }
        args("allocate order id of only no-break spaces", "allocate", "\u00A0\u00A0", "LAMP", "1");
        expect("Order id is required");
        args("allocate SKU of only a narrow no-break space", "allocate", "o9", "\u202F", "1");
        expect("SKU is required");
        // empty or blank option values: refused, never read as "not given"
        for (String blank : List.of("", " ", "\u00A0")) {
            args("add-batch --eta " + escaped("'" + blank + "'"), "add-batch", "b9", "LAMP", "5", "--eta", blank);
            expect("--eta needs a value");
            args("add-batch --eta=" + escaped("'" + blank + "'"), "add-batch", "b9", "LAMP", "5", "--eta=" + blank);
            expect("--eta needs a value");
            args("batches --sku " + escaped("'" + blank + "'"), "batches", "--sku", blank);
            expect("--sku needs a value");
            args("waiting --sku " + escaped("'" + blank + "'"), "waiting", "--sku", blank);
            expect("--sku needs a value");
        }
        args("notifications --limit ''", "notifications", "--limit", "");
        // the hidden --chunk of the imports
        Path goodOrders = dir.resolve("good-orders.csv");
        Files.writeString(goodOrders, "orderid,sku,qty\no20,LAMP,1\n");
        for (String chunk : List.of("0", "-1", "2147483647", "100001", "", "x")) {
            args("import-orders --chunk '" + chunk + "'", "import-orders", goodOrders.toString(), "--chunk", chunk);
            expect("rows per chunk must be a whole number from 1 to 100000");
            args("import-batches --chunk '" + chunk + "'", "import-batches", goodOrders.toString(), "--chunk", chunk);
        }
        // exports onto what is not a regular file
        Path fifo = dir.resolve("fifo.csv");
        try {
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).as("mkfifo").isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        args("export onto a named pipe", "export-allocations", fifo.toString());
        expect("it is a device, a named pipe or a socket, not a file");
        args("export onto a symbolic link to a named pipe", "export-allocations",
                Files.createSymbolicLink(dir.resolve("link-to-fifo.csv"), fifo).toString());
        expect("(a link to " + fifo + ")");
        args("export onto an empty folder", "export-allocations", Files.createDirectories(dir.resolve("empty.csv")).toString());
        expect("it is a folder, not a file");
        args("export onto a symbolic link to a missing folder", "export-allocations",
                Files.createSymbolicLink(dir.resolve("link-nowhere.csv"), dir.resolve("gone/x.csv")).toString());
        expect("does not exist");

        // --- CSV rows: one good row and one bad row; nothing may be imported
        for (String qty : List.of("0", "-1", "ten", "", "1.5", "99999999999", "10000001", "1,000")) {
            batchesFile("batch row qty '" + qty + "'", "b10,LAMP," + qty + ",");
        }
        batchesFile("batch row empty ref", ",LAMP,5,");
        batchesFile("batch row empty sku", "b10,,5,");
        batchesFile("batch row duplicate of the database with other details", "warehouse,LAMP,5,");
        batchesFile("batch row duplicate in the file", "good1,LAMP,5,");
        batchesFile("batch row ref of 65 characters", LONG + ",LAMP,5,");
        batchesFile("batch row sku of 5000 characters", "b10," + VERY_LONG + ",5,");
        batchesFile("batch row ref with a bell", "b\u0007x,LAMP,5,");
        batchesFile("batch row ref with an escape sequence", "b" + ESC + ",LAMP,5,");
        batchesFile("batch row SQL-looking ref, zero qty", "x'); DROP TABLE batches; --,LAMP,0,");
        for (String eta : List.of("2027-02-30", "2027-13-01", "15/01/2027", "0001-01-01", "3000-01-01", "soon")) {
            batchesFile("batch row eta '" + eta + "'", "b10,LAMP,5," + eta);
        }
        batchesFile("batch row too few columns", "b10,LAMP");
        batchesFile("batch row too many columns", "b10,LAMP,5,,extra");
        batchesFile("batch row unclosed quote (truncated)", "\"b10,LAMP,5,");
        expect("line 3: the file ends inside a quoted field");
        batchesFile("batch row text after a closing quote", "\"b10\"x,LAMP,5,");
        expect("line 3: a quoted field is not closed");
        // a control character at either end of an id is kept (not trimmed) and rejected
        batchesFile("batch row ref ending in a bell", "b10\u0007,LAMP,5,");
        expect("line 3: Batch reference contains control characters");
        batchesFile("batch row ref starting with a bell", "\u0007b10,LAMP,5,");
        expect("contains control characters");
        batchesFile("batch row sku ending in ESC", "b10,LAMP\u001b,5,");
        expect("contains control characters");
        batchesFile("batch row qty in Arabic-Indic digits", "b10,LAMP,\u0665,");
        expect("line 3: Quantity must be written with the digits 0-9, was '\u0665'");
        for (String qty : List.of("0", "-1", "abc", "", "99999999999", "10000001", "2.0")) {
            ordersFile("order row qty '" + qty + "'", "o20,LAMP," + qty);
        }
        ordersFile("order row unknown SKU", "o20,NOPE,1");
        ordersFile("order row SQL-looking SKU", "o20,LAMP' OR '1'='1,1");
        ordersFile("order row empty order id", ",LAMP,1");
        ordersFile("order row order id of 65 characters", LONG + ",LAMP,1");
        ordersFile("order row order id with NUL", "o\u0000x,LAMP,1");
        ordersFile("order row order id with an escape sequence", ESC + ",LAMP,1");
        ordersFile("order row duplicate in the file", "good1,LAMP,1");
        ordersFile("order row clashes with a placed line", "o1,LAMP,3");
        ordersFile("order row too few columns", "o20,LAMP");
        ordersFile("order row too many columns", "o20,LAMP,1,x");
        ordersFile("order row unclosed quote (truncated)", "\"o20,LAMP,1");
        expect("line 3: the file ends inside a quoted field");
        ordersFile("order row order id ending in a bell", "o20\u0007,LAMP,1");
        expect("line 3: Order id contains control characters");
        ordersFile("order row sku ending in a bell", "o20,LAMP\u0007,1");
        expect("contains control characters");
        ordersFile("order row order id of only no-break spaces", "\u00A0\u00A0,LAMP,1");
        expect("line 3: Order id is required");
        batchesFile("batch row SKU of only an ideographic space", "b10,\u3000,5,");
        expect("line 3: SKU is required");
        ordersFile("order row order id with U+FFFD (text damaged before it was saved)", "\uFFFD\uFFFD-100,LAMP,1");
        expect("line 3: Order id contains U+FFFD");
        ordersFile("order row qty in Arabic-Indic digits", "o20,LAMP,\u0663");
        expect("line 3: Quantity must be written with the digits 0-9, was '\u0663'");

        // --- whole files: headers, encodings, truncation, not text at all
        csv("batches: wrong header", "import-batches", "reference,sku,qty,eta\nb10,LAMP,5,\n", StandardCharsets.UTF_8, 1);
        csv("batches: columns in another order", "import-batches", "sku,ref,qty,eta\nLAMP,b10,5,\n", StandardCharsets.UTF_8, 1);
        csv("batches: an orders file", "import-batches", "orderid,sku,qty\no20,LAMP,1\n", StandardCharsets.UTF_8, 1);
        csv("orders: a batches file", "import-orders", "ref,sku,qty,eta\nb10,LAMP,5,\n", StandardCharsets.UTF_8, 1);
        csv("orders: no header", "import-orders", "o20,LAMP,1\no21,LAMP,1\n", StandardCharsets.UTF_8, 1);
        csv("orders: header in capitals", "import-orders", "ORDERID,SKU,QTY\no20,LAMP,1\n", StandardCharsets.UTF_8, 1);
        csv("orders: semicolon separated", "import-orders", "orderid;sku;qty\no20;LAMP;1\n", StandardCharsets.UTF_8, 1);
        csv("orders: empty file", "import-orders", "", StandardCharsets.UTF_8, 1);
        csv("batches: empty file", "import-batches", "", StandardCharsets.UTF_8, 1);
        csv("orders: blank lines only", "import-orders", "\n\n\n", StandardCharsets.UTF_8, 1);
        csv("orders: UTF-16 with BOM", "import-orders", "\uFEFForderid,sku,qty\no20,LAMP,1\n", StandardCharsets.UTF_16LE, 1);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("orders: UTF-16 big endian", "import-orders", "orderid,sku,qty\no20,LAMP,1\n", StandardCharsets.UTF_16, 1);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("batches: UTF-16 little endian without BOM", "import-batches", "ref,sku,qty,eta\nb10,LAMP,5,\n", StandardCharsets.UTF_16LE, 1);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("batches: UTF-16 big endian without BOM", "import-batches", "ref,sku,qty,eta\nb10,LAMP,5,\n", StandardCharsets.UTF_16BE, 1);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("batches: header with an empty name", "import-batches", "ref,,qty,eta\nb10,LAMP,5,\n", StandardCharsets.UTF_8, 1);
        expect("the first line must be the header ref,sku,qty,eta");
        csv("orders: truncated inside a quoted header", "import-orders", "\"orderid,sku,qty\n", StandardCharsets.UTF_8, 1);
        args("import-orders missing file with an escape sequence in its name", "import-orders",
                dir.resolve("nope" + ESC + ".csv").toString());
        expect("nope\\u001B[2J\\u001B[31m.csv");
        csv("batches: Latin-1 bytes", "import-batches", "ref,sku,qty,eta\nb10,LAMPÉ,5,\n", StandardCharsets.ISO_8859_1, 1);
        csv("orders: Latin-1 bytes", "import-orders", "orderid,sku,qty\nRenée,LAMP,1\n", StandardCharsets.ISO_8859_1, 1);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("orders: UTF-8 BOM, then a bad row", "import-orders", "\uFEFForderid,sku,qty\no20,LAMP,zero\n", StandardCharsets.UTF_8, 2);
        csv("orders: two BOMs", "import-orders", "\uFEFF\uFEFForderid,sku,qty\no20,LAMP,1\n", StandardCharsets.UTF_8, 1);
        bytes("batches: truncated inside a UTF-8 character", "import-batches",
                concat("ref,sku,qty,eta\nb10,LAMP,5,\nb11,LAMP".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3}), 2);
        csv("batches: truncated mid-row", "import-batches", "ref,sku,qty,eta\nb10,LAMP,5,\nb11,LA", StandardCharsets.UTF_8, 2);
        csv("orders: truncated mid-header", "import-orders", "orderid,sk", StandardCharsets.UTF_8, 1);
        bytes("orders: random bytes", "import-orders", randomBytes(4096), 1);
        bytes("orders: a gzip file", "import-orders", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3}, 1);
        bytes("batches: NUL bytes", "import-batches", "ref,sku,qty,eta\n\0\0\0,\0,\0,\0\n".getBytes(StandardCharsets.UTF_8), 2);
        expect("not a UTF-8 CSV file; save it as CSV UTF-8");
        csv("batches: CR line ends, bad qty", "import-batches", "ref,sku,qty,eta\rb10,LAMP,x,\r", StandardCharsets.UTF_8, 2);
    }

    @Test
    void everyMalformedInputIsRejectedReadablyAndChangesNothing() throws IOException {
        db = dir.resolve("data").resolve("desk");
        seed();
        corpus();
        checksumsAtEachStart.clear();
        Map<String, String> before = checksumAtRest();

        List<String> problems = new ArrayList<>();
        Map<String, Integer> rejectedWith = new LinkedHashMap<>();
        int stackTraces = 0;
        int rejected = 0;
        List<String> echoingControlCharacters = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            currentCase = i;
            Run run = cli(c.args());
            String err = run.err();
            boolean trace = err.contains("\tat ") || err.contains("Exception") || run.out().contains("\tat ")
                    || err.matches("(?s).*\\b(java|javax|org|picocli)\\.[a-z]+\\..*");
            stackTraces += trace ? 1 : 0;
            List<String> lines = err.lines().toList();
            boolean control = err.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\r');
            boolean readable = !err.isBlank() && run.out().isEmpty() && !trace && !control && lines.size() <= c.maxLines()
                    && lines.stream().allMatch(l -> l.length() <= 400);
            String part = expected.get(c.name());
            if (part != null && !err.contains(part)) {
                problems.add(c.name() + " -> stderr '" + printable(err) + "' does not say '" + printable(part) + "'");
            }
            if (run.code() == 2 && readable) {
                rejected++;
            } else {
                problems.add(c.name() + " -> exit " + run.code() + ", stdout '" + printable(run.out()) + "', stderr '"
                        + printable(err) + "'");
            }
            rejectedWith.merge("exit " + run.code(), 1, Integer::sum);
            if (!(run.code() == 2 && readable)) {
                failing.add(c.name() + " -> exit " + run.code() + ", stderr '" + printable(err).strip() + "'");
            }
            if (control) {
                echoingControlCharacters.add(c.name() + ": '" + printable(err) + "'");
            }
        }
        Map<String, String> after = checksumAtRest();
        // a case changed the database if the checksum at the next start (or at rest, at the end) differs
        List<String> changedBy = new ArrayList<>();
        Map<String, String> previous = before;
        int previousCase = -1;
        for (Map.Entry<Integer, Map<String, String>> sums : checksumsAtEachStart) {
            if (!sums.getValue().equals(previous)) {
                changedBy.add(previousCase < 0 ? "before the corpus" : cases.get(previousCase).name());
            }
            previous = sums.getValue();
            previousCase = sums.getKey();
        }
        if (!after.equals(previous)) {
            changedBy.add(cases.get(previousCase).name());
        }

        Figures.report(NAME, "cases", cases.size() + " (" + cases.stream().filter(c -> c.args()[0].startsWith("import")).count()
                + " CSV files, the rest command lines); exit codes " + rejectedWith);
        Figures.report(NAME, "rejected with a readable message (exit 2)", rejected + " of " + cases.size()
                + String.format(" (%.1f%%)", 100.0 * rejected / cases.size()));
        Figures.report(NAME, "stack traces or class names shown", stackTraces);
        Figures.report(NAME, "tables checked", before.size() + " " + before.keySet());
        Figures.report(NAME, "cases after which the database had changed", changedBy.size() + " " + changedBy
                + " (checksums of every table compared " + (checksumsAtEachStart.size() + 1) + " times)");
        failing.forEach(p -> Figures.report(NAME, "NOT REJECTED AS EXPECTED", p));
        Figures.report(NAME, "messages echoing raw control characters to the terminal", echoingControlCharacters.size());
        echoingControlCharacters.forEach(p -> Figures.report(NAME, "ECHOES CONTROL CHARACTERS", p));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        assertThat(expected.keySet()).as("expectations of cases that exist")
                .allMatch(name -> cases.stream().anyMatch(c -> c.name().equals(name)));
        assertThat(problems).as("cases not rejected with exit 2 and a readable (and the expected) message").isEmpty();
        assertThat(echoingControlCharacters).as("messages echoing raw control characters").isEmpty();
        assertThat(changedBy).as("cases that changed the database").isEmpty();
        assertThat(after).isEqualTo(before);
    }

    /** Some stock and one allocation, through the command line itself. */
    private void seed() {
        for (String[] args : List.of(
                new String[] {"add-batch", "warehouse", "LAMP", "10"},
                new String[] {"add-batch", "shipment", "LAMP", "20", "--eta", "2027-01-15"},
                new String[] {"allocate", "o1", "LAMP", "8"},
                new String[] {"allocate", "o2", "LAMP", "50"})) {
            Run run = cli(args);
            assertThat(run.code()).as(run.err()).isIn(0, 3);
        }
    }

    private Map<String, String> checksumAtRest() {
        try (Database database = Database.open(db)) {
            return Tables.checksums(database.dataSource());
        }
    }

    /** A case name with what cannot be seen written as U+XXXX. */
    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp < 0x7F && cp > ' ' || cp == '\'' ? String.valueOf((char) cp) : String.format("U+%04X", cp)));
        return b.toString();
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(300).forEach(cp -> {
            if (cp == '\n') {
                b.append("\\n");
            } else if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(6).nextBytes(bytes);
        return bytes;
    }
}
