package com.allocationdesk.allocation.entrypoints.cli;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand end to end, in process, against a real database file in a temporary folder. */
class CliIT {
    @TempDir
    Path dir;
    private Path db;

    @BeforeEach
    void database() {
        db = dir.resolve("data").resolve("desk");
    }

    private Run cli(String... args) {
        return InProcessCli.onDatabase(db, args);
    }

    private Run raw(String... args) {
        return InProcessCli.run(AllocationDeskCommand::start, args);
    }

    private Run ok(String... args) {
        Run run = cli(args);
        assertThat(run.code()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
        return run;
    }

    /** Everything a planner could see, read straight from the tables, to prove nothing changed. */
    private String snapshot() {
        // the read tables may disagree: one test drifts them on purpose before rebuild-views repairs them
        try (Database database = Database.open(db, 0, true);
             Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement()) {
            StringBuilder all = new StringBuilder();
            for (String sql : List.of(
                    "SELECT * FROM read_batches ORDER BY reference",
                    "SELECT * FROM read_allocations ORDER BY order_id, sku",
                    "SELECT * FROM read_waiting ORDER BY order_id, sku",
                    "SELECT * FROM notifications ORDER BY id",
                    "SELECT reference, sku, purchased_quantity, allocated_quantity, eta FROM batches ORDER BY reference",
                    "SELECT batch_reference, order_id, sku, quantity FROM allocations ORDER BY order_id, sku",
                    "SELECT sku, order_id, quantity FROM waiting_lines ORDER BY order_id, sku")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rs.getObject(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
                all.append("--\n");
            }
            return all.toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assertRejected(Run run, int code, String message) {
        assertThat(run.code()).as("stderr: %s", run.err()).isEqualTo(code);
        assertThat(run.err()).contains(message);
        assertThat(run.err().lines().count()).as("one line on stderr: %s", run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    private void rejectsWithoutChange(int code, String message, String... args) {
        String before = snapshot();
        assertRejected(cli(args), code, message);
        assertThat(snapshot()).as("nothing changed after %s", List.of(args)).isEqualTo(before);
    }

    private void stock() {
        ok("add-batch", "warehouse", "LAMP", "10");
        ok("add-batch", "shipment", "LAMP", "20", "--eta", "2027-01-15");
    }

    @Nested
    class WorkedExample {
        @Test
        void addTwoBatchesAllocateChangeQuantityAndReadTheAllocations() {
            assertThat(ok("add-batch", "warehouse", "LAMP", "10").out()).contains("Added batch warehouse: 10 x LAMP");
            ok("add-batch", "shipment", "LAMP", "20", "--eta", "2027-01-15");

            assertThat(ok("allocate", "o1", "LAMP", "8").out()).isEqualTo("warehouse" + System.lineSeparator());
            assertThat(ok("change-quantity", "warehouse", "5").outLines()).containsExactly(
                    "Batch warehouse now has 5 x LAMP: 0 allocated, 5 available", "1 line moved off warehouse: 1 to shipment");

            Run allocations = ok("allocations", "o1");
            assertThat(allocations.outLines()).containsExactly("ORDER  SKU   QTY  BATCH", "o1     LAMP    8  shipment");
            assertThat(ok("allocations", "o1", "--json").out().strip())
                    .isEqualTo("[{\"orderid\":\"o1\",\"sku\":\"LAMP\",\"qty\":8,\"batchref\":\"shipment\"}]");
        }

        @Test
        void theDatabaseOptionMayFollowTheSubcommand() {
            Run run = raw("add-batch", "b1", "LAMP", "1", "--db", db.toString());
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(ok("batches", "--json").out()).contains("\"ref\":\"b1\"");
        }
    }

    @Nested
    class Reading {
        @Test
        void batchesListWarehouseStockFirstThenByEtaAsATableOrJson() {
            stock();
            ok("add-batch", "early", "TABLE", "3", "--eta", "2026-12-24");
            ok("allocate", "o1", "LAMP", "4");

            assertThat(ok("batches").outLines()).containsExactly(
                    "REF        SKU    ETA         PURCHASED  ALLOCATED  AVAILABLE",
                    "warehouse  LAMP   warehouse          10          4          6",
                    "early      TABLE  2026-12-24          3          0          3",
                    "shipment   LAMP   2027-01-15         20          0         20");
            assertThat(ok("batches", "--sku", "lam", "--json").out().strip()).isEqualTo("["
                    + "{\"ref\":\"warehouse\",\"sku\":\"LAMP\",\"eta\":null,\"purchased\":10,\"allocated\":4,\"available\":6},"
                    + "{\"ref\":\"shipment\",\"sku\":\"LAMP\",\"eta\":\"2027-01-15\",\"purchased\":20,\"allocated\":0,\"available\":20}]");
        }

        @Test
        void waitingLinesAndNotificationsShowWhatIsOutOfStock() {
            ok("add-batch", "b1", "LAMP", "1");
            assertThat(cli("allocate", "o9", "LAMP", "5").code()).isEqualTo(ExitCode.OUT_OF_STOCK);

            Run waiting = ok("waiting", "--sku", "LAMP", "--json");
            assertThat(waiting.out()).startsWith("[{\"orderid\":\"o9\",\"sku\":\"LAMP\",\"qty\":5,\"since\":\"")
                    .matches("(?s).*\"since\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}]\\R");
            assertThat(ok("waiting").outLines()).hasSize(2).first().asString().startsWith("ORDER  SKU   QTY  WAITING SINCE");
            assertThat(ok("notifications", "--json").out()).contains("\"sku\":\"LAMP\",\"orderid\":\"o9\",\"qty\":5,\"read\":false,"
                    + "\"state\":\"OPEN\",\"resolution\":null,\"batch\":null}");
            assertThat(ok("notifications").outLines()).hasSize(2).first().asString().endsWith("READ  STATE");
            assertThat(ok("notifications").outLines().get(1)).endsWith("no    waiting");

            ok("add-batch", "B2", "LAMP", "10");

            assertThat(ok("notifications", "--json").out()).contains("\"orderid\":\"o9\"")
                    .contains("\"state\":\"RESOLVED\",\"resolution\":\"ALLOCATED\",\"batch\":\"B2\"}");
            assertThat(ok("notifications").outLines().get(1)).endsWith("no    allocated to B2");
        }

        @Test
        void anOrderWithoutAllocationsPrintsAnEmptyListNotAnError() {
            assertThat(ok("allocations", "nobody", "--json").out().strip()).isEqualTo("[]");
            assertThat(ok("allocations", "nobody").outLines()).containsExactly("ORDER  SKU  QTY  BATCH");
        }
    }

    @Nested
    class Writing {
        @Test
        void allocateOutOfStockExitsThreeRecordsANotificationAndAllocatesNothing() {
            stock();
            Run run = cli("allocate", "o1", "LAMP", "50");

            assertThat(run.code()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).contains("Out of stock").contains("o1");
            assertThat(ok("allocations", "o1", "--json").out().strip()).isEqualTo("[]");
            assertThat(ok("notifications", "--json").out()).contains("\"orderid\":\"o1\"");
        }

        @Test
        void cancelLineCancelsTheLineAndFreesTheStock() {
            stock();
            ok("allocate", "o1", "LAMP", "8");

            assertThat(ok("cancel-line", "o1", "LAMP").out()).isEqualTo("Cancelled order o1's line of LAMP" + System.lineSeparator());

            assertThat(ok("allocations", "o1", "--json").out().strip()).isEqualTo("[]");
            assertThat(ok("batches", "--json").out()).contains("\"ref\":\"warehouse\",\"sku\":\"LAMP\",\"eta\":null,\"purchased\":10,\"allocated\":0");
        }

        @Test
        void deallocateIsTheOldNameOfCancelLineAndStillWorksTheSameWay() {
            stock();
            ok("allocate", "o1", "LAMP", "8");
            ok("allocate", "o2", "LAMP", "2");

            Run byNewName = ok("cancel-line", "o1", "LAMP");
            Run byOldName = ok("deallocate", "o2", "LAMP");

            assertThat(byOldName.out()).isEqualTo(byNewName.out().replace("o1", "o2"));
            assertThat(byOldName.err()).isEqualTo(byNewName.err()).isEmpty();
            assertThat(ok("allocations", "o2", "--json").out().strip()).isEqualTo("[]");
            assertThat(ok("batches", "--json").out()).contains("\"ref\":\"warehouse\",\"sku\":\"LAMP\",\"eta\":null,\"purchased\":10,\"allocated\":0");
            Run unknownByNewName = cli("cancel-line", "o7", "LAMP");
            Run unknownByOldName = cli("deallocate", "o7", "LAMP");
            assertRejected(unknownByNewName, 2, "Order o7 has no line for SKU LAMP");
            assertThat(unknownByOldName.code()).isEqualTo(unknownByNewName.code());
            assertThat(unknownByOldName.err()).isEqualTo(unknownByNewName.err());
            assertThat(ok("--help").out()).contains("cancel-line, deallocate");
        }

        @Test
        void changeQuantityToZeroLosesTheBatchAndItsLinesMoveOrWait() {
            ok("add-batch", "warehouse", "LAMP", "10");
            ok("allocate", "o1", "LAMP", "8");

            ok("change-quantity", "warehouse", "0");

            assertThat(ok("waiting", "--json").out()).contains("\"orderid\":\"o1\"");
        }

        @Test
        void changeQuantityTellsWhereEachLineItCouldNoLongerHoldWentAfterTheBatchsNewState() {
            ok("add-batch", "WH-CHAIR-01", "CHAIR", "20");
            ok("add-batch", "SHIP-CHAIR-02", "CHAIR", "10", "--eta", "2027-01-15");
            assertThat(cli("allocate", "early", "CHAIR", "30").code()).isEqualTo(3);
            ok("allocate", "o1", "CHAIR", "4");
            ok("allocate", "o2", "CHAIR", "4");
            ok("allocate", "o3", "CHAIR", "8");

            Run run = ok("change-quantity", "WH-CHAIR-01", "3");

            assertThat(run.outLines()).containsExactly("Batch WH-CHAIR-01 now has 3 x CHAIR: 0 allocated, 3 available",
                    "3 lines moved off WH-CHAIR-01: 2 to SHIP-CHAIR-02, 1 waits");
            assertThat(run.err()).isEmpty();
            assertThat(ok("waiting", "--json").out()).contains("\"orderid\":\"o3\"");
        }

        @Test
        void changeQuantityTellsTheWaitingLinesTheFreedRoomWentToAndSaysNothingMoreWhenNothingMoved() {
            ok("add-batch", "b1", "LAMP", "10");
            ok("allocate", "o1", "LAMP", "1");
            ok("allocate", "o2", "LAMP", "9");
            assertThat(cli("allocate", "w", "LAMP", "5").code()).isEqualTo(3);

            assertThat(ok("change-quantity", "b1", "9").outLines()).containsExactly(
                    "Batch b1 now has 9 x LAMP: 6 allocated, 3 available",
                    "1 line moved off b1: 1 waits",
                    "1 waiting line placed: w in b1");
            assertThat(ok("change-quantity", "b1", "8").outLines())
                    .containsExactly("Batch b1 now has 8 x LAMP: 6 allocated, 2 available");
        }

        @Test
        void addBatchTellsTheWaitingLinesItServedAfterItsConfirmation() {
            ok("add-batch", "b1", "LAMP", "1");
            assertThat(cli("allocate", "o1", "LAMP", "4").code()).isEqualTo(3);
            assertThat(cli("allocate", "ORD-7", "LAMP", "5").code()).isEqualTo(3);

            assertThat(ok("add-batch", "b2", "LAMP", "10").outLines()).containsExactly(
                    "Added batch b2: 10 x LAMP, in the warehouse", "2 waiting lines placed: o1 in b2, ORD-7 in b2");
            assertThat(ok("add-batch", "b3", "LAMP", "10").outLines())
                    .containsExactly("Added batch b3: 10 x LAMP, in the warehouse");
        }

        @Test
        void cancelLineAndDeallocateTellTheWaitingLineTheFreedStockWentTo() {
            ok("add-batch", "b1", "LAMP", "10");
            ok("allocate", "o1", "LAMP", "8");
            ok("allocate", "o2", "LAMP", "2");
            assertThat(cli("allocate", "ORD-7", "LAMP", "5").code()).isEqualTo(3);
            assertThat(cli("allocate", "ORD-8", "LAMP", "4").code()).isEqualTo(3);

            assertThat(ok("cancel-line", "o1", "LAMP").outLines()).containsExactly(
                    "Cancelled order o1's line of LAMP", "1 waiting line placed: ORD-7 in b1");
            assertThat(ok("deallocate", "o2", "LAMP").outLines()).containsExactly(
                    "Cancelled order o2's line of LAMP", "1 waiting line placed: ORD-8 in b1");
        }

        @Test
        void changeLineChangesAQuantityInPlaceAndTellsTheWaitingLinesTheFreedStockWentTo() {
            ok("add-batch", "b1", "LAMP", "10");
            ok("allocate", "o1", "LAMP", "8");
            assertThat(cli("allocate", "ORD-7", "LAMP", "5").code()).isEqualTo(3);

            assertThat(ok("change-line", "o1", "LAMP", "3").outLines()).containsExactly(
                    "Order o1's line of LAMP is now 3 units, in b1", "1 waiting line placed: ORD-7 in b1");
            assertThat(ok("allocations", "o1", "--json").out()).contains("\"qty\":3,\"batchref\":\"b1\"");
        }

        @Test
        void changeLineTellsWhereALineThatNoLongerFitsWentOrThatItWaitsInItsOldPlace() {
            ok("add-batch", "b1", "LAMP", "10");
            ok("add-batch", "ship", "LAMP", "20", "--eta", "2027-01-15");
            ok("allocate", "o1", "LAMP", "8");

            assertThat(ok("change-line", "o1", "LAMP", "15").outLines())
                    .containsExactly("Order o1's line of LAMP is now 15 units, in ship");
            assertThat(cli("allocate", "o2", "LAMP", "30").code()).isEqualTo(3);
            assertThat(ok("change-line", "o1", "LAMP", "40").outLines())
                    .containsExactly("Order o1's line of LAMP is now 40 units, waiting for stock: position 1 in the LAMP queue");
            assertThat(ok("waiting", "--json").out()).contains("\"orderid\":\"o1\",\"sku\":\"LAMP\",\"qty\":40");
            assertThat(ok("history", "--order", "o1").out()).contains("o1 15 × LAMP changed to 40, leaving ship to wait");
        }

        @Test
        void changeLineRefusesZeroAndAnUnknownLineAndChangesNothing() {
            stock();
            ok("allocate", "o1", "LAMP", "8");

            rejectsWithoutChange(2, "to take a line away, cancel it", "change-line", "o1", "LAMP", "0");
            rejectsWithoutChange(2, "Order o7 has no line for SKU LAMP", "change-line", "o7", "LAMP", "3");
            rejectsWithoutChange(2, "Unknown SKU NOPE", "change-line", "o1", "NOPE", "3");
            rejectsWithoutChange(2, "'many'", "change-line", "o1", "LAMP", "many");
            assertThat(ok("--help").out()).contains("change-line");
        }

        @Test
        void rebuildViewsRepairsAReadTableThatDrifted() throws Exception {
            stock();
            ok("allocate", "o1", "LAMP", "8");
            String good = snapshot();
            try (Database database = Database.open(db);
                 Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE read_allocations SET quantity = 99");
                s.executeUpdate("DELETE FROM read_batches WHERE reference = 'shipment'");
            }
            assertThat(snapshot()).isNotEqualTo(good);

            assertThat(ok("rebuild-views").out()).contains("Views rebuilt");

            assertThat(snapshot()).isEqualTo(good);
        }
    }

    @Nested
    class Rejecting {
        @BeforeEach
        void someStock() {
            stock();
            ok("allocate", "o1", "LAMP", "8");
        }

        @Test
        void badInputExitsTwoWithOneLineAndChangesNothing() {
            rejectsWithoutChange(2, "Batch warehouse already exists", "add-batch", "warehouse", "LAMP", "5");
            rejectsWithoutChange(2, "Quantity must be positive", "add-batch", "b9", "LAMP", "0");
            rejectsWithoutChange(2, "ETA must be a date like 2027-01-31, was '31/01/2027'",
                    "add-batch", "b9", "LAMP", "5", "--eta", "31/01/2027");
            rejectsWithoutChange(2, "'many'", "add-batch", "b9", "LAMP", "many");
            rejectsWithoutChange(2, "Unknown SKU NOPE", "allocate", "o2", "NOPE", "1");
            rejectsWithoutChange(2, "change its quantity instead", "allocate", "o1", "LAMP", "3");
            rejectsWithoutChange(2, "Order o7 has no line for SKU LAMP", "cancel-line", "o7", "LAMP");
            rejectsWithoutChange(2, "Order o7 has no line for SKU LAMP", "deallocate", "o7", "LAMP");
            rejectsWithoutChange(2, "Unknown batch nope", "change-quantity", "nope", "3");
            rejectsWithoutChange(2, "Quantity cannot be negative", "change-quantity", "warehouse", "-1");
            rejectsWithoutChange(2, "Missing required parameter", "allocate", "o2", "LAMP");
            rejectsWithoutChange(2, "Unknown option", "batches", "--colour");
            rejectsWithoutChange(2, "Unmatched argument", "frobnicate");
        }

        @Test
        void aLockedDatabaseExitsFourAndSaysSo() {
            try (Database holder = Database.open(db)) {
                Run run = cli("batches");
                assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
                assertThat(run.err().lines().count()).isEqualTo(1);
                assertThat(run.err()).doesNotContain("\tat ");
            }
            ok("batches");
        }

        @Test
        void somethingUnexpectedExitsOneWithTheLogFileAndNoStackTrace() {
            Run run = InProcessCli.onDatabase(db, config -> {
                throw new IllegalStateException("disk on fire");
            }, "batches");

            assertThat(run.code()).isEqualTo(ExitCode.UNEXPECTED);
            assertThat(run.err()).contains("Something unexpected went wrong").contains("allocation-desk.log")
                    .doesNotContain("\tat ");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }

        @Test
        void anUnexpectedFailureShowsNeitherItsClassNorALibrarysText() {
            Run run = InProcessCli.onDatabase(db, config -> {
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            }, "add-batch", "b9", "LAMP", "1");

            assertThat(run.code()).isEqualTo(ExitCode.UNEXPECTED);
            assertThat(run.err()).contains("Something unexpected went wrong").contains("allocation-desk.log")
                    .doesNotContain("IOException", "java.", "No space left on device", "\tat ");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }

        @Test
        void anUnusableDatabaseIsToldInItsOwnWordsWithoutTheLibrarysText() {
            java.io.IOException disk = new java.nio.file.FileSystemException("/data/desk.log", null, "No space left on device");
            RuntimeException hsqldb = new RuntimeException("java.io.IOException: RowInputBinary: end of file", disk);
            Run run = InProcessCli.onDatabase(db, config -> {
                throw new com.allocationdesk.allocation.servicelayer.DatabaseUnavailable("Cannot open the database "
                        + config.databasePath() + ": it is damaged or not an Allocation Desk database ("
                        + hsqldb.getMessage() + ")", hsqldb);
            }, "batches");

            assertThat(run.code()).isEqualTo(ExitCode.DATABASE_UNAVAILABLE);
            assertThat(run.err()).startsWith("Cannot open the database " + db + ": it is damaged or not an Allocation Desk database")
                    .contains("allocation-desk.log")
                    .doesNotContain("IOException", "java.", "RowInputBinary", "No space left", "()", "\tat ");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }

        @Test
        void runningOutOfMemoryIsOneLineWithTheAdvice() {
            Run run = InProcessCli.onDatabase(db, config -> {
                throw new IllegalStateException("WELD-001524: Unable to load proxy class", new OutOfMemoryError("Java heap space"));
            }, "batches");

            assertThat(run.code()).isEqualTo(ExitCode.UNEXPECTED);
            assertThat(run.err().strip()).startsWith("Allocation Desk ran out of memory").contains("-Xmx2g")
                    .doesNotContain("WELD", "OutOfMemoryError", "\tat ");
            assertThat(run.err().lines().count()).isEqualTo(1);
        }
    }

    /** Issue 10: what the terminal passes (locale, '@'), blank option values, hidden options, where exports go. */
    @Nested
    class TextOptionsAndExports {
        @BeforeEach
        void someStock() {
            stock();
            ok("allocate", "o1", "LAMP", "8");
        }

        @Test
        void anArgumentTheTerminalCouldNotDecodeIsRefusedWithTheLocaleAdvice() {
            // what Java 17 passes for "Ä-100" and "Ö-100" when no locale is set: both the same
            String undecodable = "\uFFFD\uFFFD-100";
            rejectsWithoutChange(2, "LANG=C.UTF-8", "allocate", undecodable, "LAMP", "1");
            rejectsWithoutChange(2, "'\\uFFFD\\uFFFD-100' is not readable text", "add-batch", undecodable, "LAMP", "1");
            rejectsWithoutChange(2, "LANG=C.UTF-8", "allocate", "o9", "LAMP", "\uFFFD"); // where picocli fails first
            rejectsWithoutChange(2, "LANG=C.UTF-8", "allocations", "\uFFFD");
            // what a UTF-8 terminal passes is fine
            assertThat(ok("allocate", "Ä-100", "LAMP", "1").out().strip()).isEqualTo("warehouse");
            assertThat(ok("allocate", "Ö-100", "LAMP", "1").out().strip()).isEqualTo("warehouse");
            assertThat(ok("allocations", "Ä-100", "--json").out()).contains("\"orderid\":\"Ä-100\"");
        }

        @Test
        void idsOfOnlyNoBreakOrOtherSpaceLikeCharactersAreRequiredAndSuchSpacesAroundAnIdAreStripped() {
            for (String blank : List.of("\u00A0", "\u2007\u202F", "\u3000", "\u200B\u00A0", "\u3164")) {
                rejectsWithoutChange(2, "Batch reference is required", "add-batch", blank, "LAMP", "5");
                rejectsWithoutChange(2, "Order id is required", "allocate", blank, "LAMP", "1");
            }
            assertThat(ok("add-batch", "\u00A0b9\u202F", "LAMP", "1").out()).contains("Added batch b9: 1 x LAMP");
        }

        @Test
        void anArgumentStartingWithAtIsTheLiteralTextNeverTheContentOfThatFile() throws IOException {
            Path file = dir.resolve("order");
            java.nio.file.Files.writeString(file, "o1\n");
            Path batchFile = dir.resolve("b");
            java.nio.file.Files.writeString(batchFile, "secret\n");

            // expanded, '@FILE' would be "o1", whose allocation exists
            assertThat(ok("allocations", "@" + file, "--json").out().strip()).isEqualTo("[]");
            assertThat(ok("add-batch", "@b", "LAMP", "1").out()).contains("Added batch @b: 1 x LAMP");
            assertThat(ok("batches", "--json").out()).contains("\"ref\":\"@b\"").doesNotContain("secret");
        }

        @Test
        void anEmptyOrBlankOptionValueIsRefusedNeverReadAsNotGiven() {
            Path home = dir.resolve("home");
            for (String blank : List.of("", " ")) {
                Run run = InProcessCli.run(java.util.Map.of("XDG_DATA_HOME", home.toString()),
                        AllocationDeskCommand::start, "--db", blank, "add-batch", "b9", "LAMP", "1");
                assertRejected(run, 2, "--db needs a value, was '" + blank + "'");
                Run after = InProcessCli.run(java.util.Map.of("XDG_DATA_HOME", home.toString()),
                        AllocationDeskCommand::start, "add-batch", "b9", "LAMP", "1", "--db=" + blank);
                assertRejected(after, 2, "--db needs a value");
            }
            assertThat(home).as("the per-user default database was not used").doesNotExist();

            for (String blank : List.of("", " ", "\u00A0")) {
                rejectsWithoutChange(2, "--eta needs a value", "add-batch", "b9", "LAMP", "5", "--eta", blank);
                rejectsWithoutChange(2, "--eta needs a value", "add-batch", "b9", "LAMP", "5", "--eta=" + blank);
                rejectsWithoutChange(2, "--sku needs a value", "batches", "--sku", blank);
                rejectsWithoutChange(2, "--sku needs a value", "waiting", "--sku", blank);
                // a number option refuses it as it refuses any other text that is not a number
                rejectsWithoutChange(2, "Invalid value for option '--limit'", "notifications", "--limit", blank);
            }
            // flags take no value, and a real value is still fine
            assertThat(ok("batches", "--sku", "LA", "--json").out()).contains("\"ref\":\"warehouse\"");
        }

        @Test
        void theHiddenChunkOptionRefusesEveryBadValueWithExitTwoAndPlainWords() throws IOException {
            Path orders = dir.resolve("orders.csv");
            java.nio.file.Files.writeString(orders, "orderid,sku,qty\no2,LAMP,1\n");
            Path batches = dir.resolve("batches.csv");
            java.nio.file.Files.writeString(batches, "ref,sku,qty,eta\nb2,LAMP,1,\n");
            for (String chunk : List.of("0", "-1", "2147483647", "100001", "", "ten")) {
                String expected = "rows per chunk must be a whole number from 1 to 100000, was '" + chunk + "'";
                rejectsWithoutChange(2, expected, "import-orders", orders.toString(), "--chunk", chunk);
                rejectsWithoutChange(2, expected, "import-batches", batches.toString(), "--chunk", chunk);
            }
            assertThat(ok("import-orders", orders.toString(), "--chunk", "1").out()).contains("1 allocated");
        }

        @Test
        void anExportOntoASymbolicLinkWritesTheFileItLeadsToAndKeepsTheLink() throws IOException {
            Path targets = java.nio.file.Files.createDirectories(dir.resolve("targets"));
            Path target = targets.resolve("allocations.csv");
            java.nio.file.Files.writeString(target, "old\n");
            Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("latest.csv"), target);
            Path dangling = java.nio.file.Files.createSymbolicLink(dir.resolve("new.csv"), Path.of("targets", "new.csv"));

            assertThat(ok("export-allocations", link.toString()).out()).contains("Exported 1 allocation to " + link);
            assertThat(ok("export-allocations", dangling.toString()).out()).contains("Exported 1 allocation to");

            assertThat(java.nio.file.Files.isSymbolicLink(link)).isTrue();
            assertThat(java.nio.file.Files.readSymbolicLink(link)).isEqualTo(target);
            assertThat(java.nio.file.Files.readAllLines(target)).containsExactly("orderid,sku,qty,batchref", "o1,LAMP,8,warehouse");
            assertThat(java.nio.file.Files.isSymbolicLink(dangling)).isTrue();
            assertThat(java.nio.file.Files.readAllLines(targets.resolve("new.csv"))).hasSize(2);
            try (var left = java.nio.file.Files.list(targets)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("allocations.csv", "new.csv");
            }
        }

        @Test
        void anExportOntoAPipeAFolderOrALinkToOneIsRefusedAndLeavesItAsItWas() throws Exception {
            Path fifo = dir.resolve("pipe.csv");
            assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
            Path folder = java.nio.file.Files.createDirectories(dir.resolve("folder.csv"));
            Path linkToFifo = java.nio.file.Files.createSymbolicLink(dir.resolve("link.csv"), fifo);
            Path linkToFolder = java.nio.file.Files.createSymbolicLink(dir.resolve("link2.csv"), folder);

            rejectsWithoutChange(2, "Cannot write " + fifo + ": it is a device, a named pipe or a socket, not a file",
                    "export-allocations", fifo.toString());
            rejectsWithoutChange(2, "Cannot write " + folder + ": it is a folder, not a file", "export-allocations", folder.toString());
            rejectsWithoutChange(2, "(a link to " + fifo + "): it is a device", "export-allocations", linkToFifo.toString());
            rejectsWithoutChange(2, "it is a folder", "export-allocations", linkToFolder.toString());

            assertThat(java.nio.file.Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther()).as("still a named pipe").isTrue();
            assertThat(folder).isEmptyDirectory();
            assertThat(java.nio.file.Files.readSymbolicLink(linkToFifo)).isEqualTo(fifo);
            assertThat(java.nio.file.Files.readSymbolicLink(linkToFolder)).isEqualTo(folder);
            try (var left = java.nio.file.Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
            }
        }
    }

    @Nested
    class Files {
        private Path write(String name, String... lines) throws IOException {
            Path file = dir.resolve(name);
            java.nio.file.Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        }

        @Test
        void importBatchesThenOrdersThenExportTheAllocations() throws IOException {
            Path batches = write("batches.csv", "ref,sku,qty,eta", "b1,LAMP,10,", "b2,LAMP,5,2027-02-01", "b3,TABLE,2,");
            Path orders = write("orders.csv", "orderid,sku,qty", "o1,LAMP,8", "o2,LAMP,4", "o3,TABLE,5");

            assertThat(ok("import-batches", batches.toString()).out()).contains("Imported 3 batches");
            assertThat(ok("import-orders", orders.toString()).out())
                    .contains("Imported 3 order lines").contains("2 allocated, 1 out of stock");
            Path export = dir.resolve("out").resolve("allocations.csv");
            java.nio.file.Files.createDirectories(export.getParent());
            assertThat(ok("export-allocations", export.toString()).out()).contains("Exported 2 allocations");

            assertThat(java.nio.file.Files.readAllLines(export))
                    .containsExactly("orderid,sku,qty,batchref", "o1,LAMP,8,b1", "o2,LAMP,4,b2");
        }

        @Test
        void reRunningAnImportCompletesItWithoutDoublingAnything() throws IOException {
            Path batches = write("batches.csv", "ref,sku,qty,eta", "b1,LAMP,10,", "b2,LAMP,5,2027-02-01");
            Path orders = write("orders.csv", "orderid,sku,qty", "o1,LAMP,8", "o2,LAMP,4");
            ok("import-batches", batches.toString());
            ok("import-orders", orders.toString());
            String once = snapshot();

            assertThat(ok("import-batches", batches.toString()).out()).contains("Imported 0 batches").contains("2 were already there");
            ok("import-orders", orders.toString());

            assertThat(snapshot()).isEqualTo(once);
        }

        @Test
        void aFileWithBadRowsImportsNothingAndListsEveryBadRowWithItsLine() throws IOException {
            ok("add-batch", "old", "LAMP", "1");
            Path batches = write("batches.csv", "ref,sku,qty,eta", "b1,LAMP,10,", "b2,LAMP,ten,", "b3,LAMP,5,2027-13-01",
                    "b1,LAMP,1,", "old,LAMP,2,", ",LAMP,1,", "b4,LAMP");
            String before = snapshot();

            Run run = cli("import-batches", batches.toString());

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(
                    batches + ": line 3: Quantity must be a whole number, was 'ten'",
                    batches + ": line 4: ETA must be a date like 2027-01-31, was '2027-13-01'",
                    batches + ": line 5: batch b1 is already on line 2",
                    batches + ": line 6: Batch old already exists with other details (1 x LAMP): choose another reference",
                    batches + ": line 7: Batch reference is required",
                    batches + ": line 8: expected 4 columns: ref,sku,qty,eta",
                    "6 bad rows in " + batches + "; nothing was imported");
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void anOrderFileWithBadRowsAllocatesNothing() throws IOException {
            stock();
            ok("allocate", "o1", "LAMP", "8");
            Path orders = write("orders.csv", "orderid,sku,qty", "o2,LAMP,1", "o3,NOPE,1", "o2,LAMP,1", "o1,LAMP,3", "o4,LAMP,0");
            String before = snapshot();

            Run run = cli("import-orders", orders.toString());

            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(
                    orders + ": line 3: Unknown SKU NOPE: add a batch of it first",
                    orders + ": line 4: order o2 already has a line of LAMP on line 2",
                    orders + ": line 5: Order o1 already has 8 of LAMP: change its quantity instead (change-line, or Change quantity in the window)",
                    orders + ": line 6: Quantity must be positive, was 0",
                    "4 bad rows in " + orders + "; nothing was imported");
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void aRepeatedLineThatAlsoClashesWithTheDatabaseIsOneBadRowToldAsTheRepeat() throws IOException {
            stock();
            ok("allocate", "o1", "LAMP", "8");
            Path orders = write("orders.csv", "orderid,sku,qty", "o1,LAMP,8", "o1,LAMP,3", "o2,LAMP,1");
            Run run = cli("import-orders", orders.toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(
                    orders + ": line 3: order o1 already has a line of LAMP on line 2",
                    "1 bad row in " + orders + "; nothing was imported");
        }

        @Test
        void aFileWithVeryManyBadRowsListsTheFirstThousandAndCountsThemAll() throws IOException {
            StringBuilder batches = new StringBuilder("ref,sku,qty,eta\n");
            for (int i = 0; i < 2_500; i++) {
                batches.append("b").append(i).append(i % 2 == 0 ? ",LAMP,ten,\n" : ",LAMP,1,\n");
            }
            batches.append("b1,LAMP,1,\n"); // a repeat of line 3, after all the others
            Path file = dir.resolve("many.csv");
            java.nio.file.Files.writeString(file, batches);
            String before = snapshot();

            Run run = cli("import-batches", file.toString());

            assertThat(run.code()).isEqualTo(2);
            List<String> lines = run.err().lines().toList();
            assertThat(lines).hasSize(1_001);
            assertThat(lines.get(0)).isEqualTo(file + ": line 2: Quantity must be a whole number, was 'ten'");
            assertThat(lines.get(999)).isEqualTo(file + ": line 2000: Quantity must be a whole number, was 'ten'");
            assertThat(lines.get(1_000)).isEqualTo("1251 bad rows in " + file + " (the first 1000 are listed); nothing was imported");
            assertThat(snapshot()).isEqualTo(before);
        }

        @Test
        void aWrongHeaderOrAMissingFileIsBadInput() throws IOException {
            Path wrong = write("wrong.csv", "reference,sku,qty,eta", "b1,LAMP,1,");
            rejectsWithoutChange(2, "the first line must be the header ref,sku,qty,eta", "import-batches", wrong.toString());
            rejectsWithoutChange(2, "File not found", "import-orders", dir.resolve("nope.csv").toString());
            rejectsWithoutChange(2, "Cannot write", "export-allocations", dir.resolve("no/such/dir/x.csv").toString());
        }

        @Test
        void quantitiesInOtherScriptsDigitsAreRefusedTheSameOnTheCommandLineAndInAFile() throws IOException {
            stock();
            String arabicThree = "\u0663";
            rejectsWithoutChange(2, "Quantity must be written with the digits 0-9, was '" + arabicThree + "'",
                    "allocate", "o1", "LAMP", arabicThree);
            rejectsWithoutChange(2, "Quantity must be written with the digits 0-9, was '\uFF11\uFF10'",
                    "add-batch", "b9", "LAMP", "\uFF11\uFF10");
            Path orders = write("orders.csv", "orderid,sku,qty", "o1,LAMP," + arabicThree);
            Run run = cli("import-orders", orders.toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(
                    orders + ": line 2: Quantity must be written with the digits 0-9, was '" + arabicThree + "'",
                    "1 bad row in " + orders + "; nothing was imported");
            // ASCII digits with a sign or surrounding spaces are read the same way in both places
            assertThat(ok("allocate", "o2", "LAMP", " +2 ").out().strip()).isEqualTo("warehouse");
            Path more = write("more.csv", "orderid,sku,qty", "o3,LAMP, +2 ");
            assertThat(ok("import-orders", more.toString()).out()).contains("1 allocated");
        }

        @Test
        void controlCharactersInWhatAMessageQuotesAreShownEscaped() {
            Run run = cli("add-batch", "b9", "LAMP", "5", "--eta", "\u001b[2J\u001b[31m");
            assertRejected(run, 2, "ETA must be a date like 2027-01-31, was '\\u001B[2J\\u001B[31m'");
            assertThat(run.err()).doesNotContain("\u001b");
            Run missing = cli("import-orders", dir.resolve("a\u0007b\u200Bc.csv").toString());
            assertRejected(missing, 2, "a\\u0007b\\u200Bc.csv");
        }

        @Test
        void aFileCutOffInsideAQuotedFieldNamesTheLineNotALibraryClass() throws IOException {
            Path cut = dir.resolve("cut.csv");
            java.nio.file.Files.writeString(cut, "ref,sku,qty,eta\nb1,LAMP,1,\n\"b2,LAMP,2,\n");
            rejectsWithoutChange(2, cut + ": line 3: the file ends inside a quoted field", "import-batches", cut.toString());
            assertThat(cli("import-batches", cut.toString()).err()).doesNotContain("org.apache", "CSVException");
        }

        @Test
        void aUtf16FileIsNotUtf8AndSaysHowToSaveIt() throws IOException {
            for (java.nio.charset.Charset utf16 : List.of(java.nio.charset.StandardCharsets.UTF_16,
                    java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE)) {
                Path file = dir.resolve("utf16.csv");
                java.nio.file.Files.writeString(file, "ref,sku,qty,eta\nb1,LAMP,1,\n", utf16);
                rejectsWithoutChange(2, file + " is not a UTF-8 CSV file; save it as CSV UTF-8", "import-batches",
                        file.toString());
            }
        }

        @Test
        void aControlCharacterAtTheEndOfAnIdInAFileIsRejectedNotTrimmed() throws IOException {
            stock();
            Path batches = write("bell.csv", "ref,sku,qty,eta", "b1\u0007,LAMP,1,", " b2 ,LAMP, 3 , 2027-02-01 ");
            Run run = cli("import-batches", batches.toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines().toList()).containsExactly(
                    batches + ": line 2: Batch reference contains control characters",
                    "1 bad row in " + batches + "; nothing was imported");
            // spaces around cells are still fine
            Path spaced = write("spaced.csv", " ref , sku ,qty,eta", " b2 ,LAMP, 3 , 2027-02-01 ");
            ok("import-batches", spaced.toString());
            assertThat(ok("batches", "--json").out()).contains("{\"ref\":\"b2\",\"sku\":\"LAMP\",\"eta\":\"2027-02-01\"");
        }

        @Test
        void aLargeImportShowsProgressOnStderr() throws IOException {
            ok("add-batch", "big", "LAMP", "10000000");
            StringBuilder orders = new StringBuilder("orderid,sku,qty\n");
            for (int i = 0; i < 20_000; i++) {
                orders.append("o").append(i).append(",LAMP,1\n");
            }
            Path file = dir.resolve("orders.csv");
            java.nio.file.Files.writeString(file, orders);

            Run run = ok("import-orders", file.toString());

            assertThat(run.out()).contains("Imported 20000 order lines").contains("20000 allocated, 0 out of stock");
            assertThat(run.err()).contains("Checked 10000 rows").contains("Imported 10000 of 20000 rows")
                    .contains("Imported 20000 of 20000 rows");
        }
    }
}
