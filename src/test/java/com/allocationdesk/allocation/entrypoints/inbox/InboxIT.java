package com.allocationdesk.allocation.entrypoints.inbox;

import com.allocationdesk.allocation.adapters.db.Database;
import com.allocationdesk.allocation.adapters.jdbc.Store;
import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.domain.DomainException;
import com.allocationdesk.allocation.domain.InvalidSku;
import com.allocationdesk.allocation.domain.UnknownBatch;
import com.allocationdesk.allocation.domain.UnknownOrderLine;
import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CancelLine;
import com.allocationdesk.allocation.domain.commands.ChangeBatchQuantity;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.domain.commands.TakeInboxChunk;
import com.allocationdesk.allocation.entrypoints.imports.BatchImport;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox.FileResult;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox.Outcome;
import com.allocationdesk.allocation.entrypoints.inbox.Inbox.Pass;
import com.allocationdesk.allocation.entrypoints.Main;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.reliability.ChildJvm;
import com.allocationdesk.allocation.reliability.Figures;
import com.allocationdesk.allocation.reliability.Tables;
import com.allocationdesk.allocation.servicelayer.MessageBus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox end to end (issue 13): a real database file, real files in a real folder, the real
 * {@link Inbox} of the command line's bootstrap. Every bad file must end in {@code failed/} beside
 * its {@code NAME.errors.txt} with the database unchanged (every table's checksum, the ledger
 * included); every good one in {@code processed/}, each of its chunks carried out once. The command
 * line itself is {@code cli.InboxCliIT}; here only the 1 GiB file goes through it, in a child JVM.
 */
class InboxIT {
    /** The settle time of most tests: a file is complete as soon as it is there. */
    private static final Duration NOW = Duration.ZERO;
    /** The longest file name the usual file systems take (ext4, XFS, tmpfs, APFS): 255 bytes. */
    private static final int LONGEST_NAME = 255;
    private static final AtomicInteger TESTS = new AtomicInteger();

    /**
     * One database for the class (a start costs a second or two): each test has its own SKU, batches
     * and inbox folder, and compares the whole database before and after, so they do not meet.
     */
    @TempDir
    static Path shared;
    private static Bootstrap app;
    private static Inbox theInbox;
    private static MessageBus bus;
    private static DataSource data;
    /** The application's clock; a test may have it do something at the inbox's next look at the time. */
    private static final HookClock clock = new HookClock();

    @TempDir
    Path dir;
    private Path inbox;
    /** This test's SKU and its two batches' references. */
    private String sku;
    private String warehouse;
    private String shipment;

    @BeforeAll
    static void start() {
        app = Bootstrap.builder(new AppConfig(shared.resolve("data").resolve("desk")))
                .beansOf(BatchImport.class, Inbox.class).override(Clock.class, clock).start();
        theInbox = app.get(Inbox.class);
        bus = app.get(MessageBus.class);
        data = app.get(Store.class).dataSource();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void folder() throws IOException {
        inbox = Files.createDirectories(dir.resolve("inbox"));
        sku = "LAMP-" + TESTS.incrementAndGet();
        warehouse = sku + "-warehouse";
        shipment = sku + "-shipment";
        clock.atNextLook(null);
    }

    // ---------------------------------------------------------------- good files

    @Test
    void batchesThenOrderLinesThenCommandsAreAllTakenInNameOrderAndMovedToProcessed() throws Exception {
        // in any other order the lines would name a SKU the desk does not know yet
        drop("c-commands.jsonl", allocate("o3", sku, 4) + cancel("o1", sku) + change(shipment, 40));
        String orders = "orderid,sku,qty\no1," + sku + ",10\no2," + sku + ",90\n";
        drop("b-orders.csv", orders);
        drop("a-batches.csv", "ref,sku,qty,eta\n" + warehouse + "," + sku + ",100,\n" + shipment + "," + sku + ",50,2027-01-15\n");
        long receipts = receipts();

        Pass pass = pass();

        assertThat(pass.files()).extracting(FileResult::name, FileResult::outcome).containsExactly(
                tuple("a-batches.csv", Outcome.TAKEN), tuple("b-orders.csv", Outcome.TAKEN),
                tuple("c-commands.jsonl", Outcome.TAKEN));
        assertThat(pass.files()).extracting(FileResult::message).containsExactly(
                "Imported 2 batches from " + inbox.resolve("a-batches.csv"),
                "Imported 2 order lines from " + inbox.resolve("b-orders.csv") + ": 2 allocated, 0 out of stock (waiting)",
                "Took 3 commands from c-commands.jsonl");
        assertThat(pass.notYet()).isEmpty();
        assertThat(pass.problem()).isEmpty();
        assertThat(names(inbox)).containsExactly(Inbox.PROCESSED);
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactly("a-batches.csv", "b-orders.csv", "c-commands.jsonl");
        assertThat(Files.readString(inbox.resolve(Inbox.PROCESSED).resolve("b-orders.csv"))).isEqualTo(orders);
        assertThat(rows("SELECT reference, purchased_quantity FROM batches WHERE sku = ? ORDER BY reference"))
                .containsExactly(List.of(shipment, 40), List.of(warehouse, 100));
        // the warehouse was full (10 + 90), so o3 went to the shipment; then o1 was cancelled
        assertThat(allocations()).containsExactly(List.of("o2", warehouse, 90), List.of("o3", shipment, 4));
        assertThat(rows("SELECT type, order_id FROM event_log WHERE sku = ? ORDER BY seq")).containsExactly(
                row("batch.created", null), row("batch.created", null), row("line.allocated", "o1"),
                row("line.allocated", "o2"), row("line.allocated", "o3"), row("line.cancelled", "o1"),
                row("batch.quantity_changed", null));
        assertThat(receipts() - receipts).as("one chunk of each file").isEqualTo(3);
    }

    @Test
    void aLinesQuantityIsChangedFromAFileAndTheLineKeepsItsBatch() throws Exception {
        stock();
        drop("changes.jsonl", allocate("o1", sku, 10) + "{\"type\":\"line.change_quantity\",\"version\":1,\"order\":\"o1\","
                + "\"sku\":\"" + sku + "\",\"quantity\":25}\n");

        assertThat(pass().files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN);

        assertThat(allocations()).containsExactly(List.of("o1", warehouse, 25));
        assertThat(rows("SELECT type FROM event_log WHERE sku = ? AND order_id = 'o1' ORDER BY seq"))
                .containsExactly(List.of("line.allocated"), List.of("line.quantity_changed"));
    }

    @Test
    void theSameBytesUnderAnotherNameAreAlreadyTakenAndChangeNothing() throws Exception {
        stock();
        String orders = "orderid,sku,qty\no1," + sku + ",3\no2," + sku + ",4\n";
        drop("orders.csv", orders);
        assertThat(pass().files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN);
        Map<String, String> before = snapshot();
        long events = events();

        drop("orders-again.csv", orders);
        Pass again = pass();

        assertThat(again.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo("orders-again.csv");
            assertThat(file.outcome()).isEqualTo(Outcome.ALREADY_TAKEN);
            assertThat(file.message()).startsWith("already taken at ").endsWith(" (the same bytes); nothing was done again");
        });
        assertThat(events()).isEqualTo(events);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactly("orders-again.csv", "orders.csv");
        assertThat(names(inbox)).containsExactly(Inbox.PROCESSED);
    }

    @Test
    void theSameNameWithOtherBytesIsTakenAndKeptBesideTheFirst() throws Exception {
        stock();
        String first = "orderid,sku,qty\no1," + sku + ",3\n";
        String second = "orderid,sku,qty\no2," + sku + ",4\n";
        drop("orders.csv", first);
        pass();

        drop("orders.csv", second);
        Pass again = pass();

        assertThat(again.files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple("orders.csv", Outcome.TAKEN));
        Path processed = inbox.resolve(Inbox.PROCESSED);
        assertThat(names(processed)).containsExactly("orders-2.csv", "orders.csv");
        assertThat(Files.readString(processed.resolve("orders.csv"))).isEqualTo(first);
        assertThat(Files.readString(processed.resolve("orders-2.csv"))).isEqualTo(second);
        assertThat(allocations()).containsExactly(List.of("o1", warehouse, 3), List.of("o2", warehouse, 4));
    }

    // ---------------------------------------------------------------- bad files: nothing applied

    @Test
    void anUnknownCommandTypeIsRefused() throws Exception {
        stock();
        assertFailed("types.jsonl", allocate("o1", sku, 1)
                        + "{\"type\":\"line.delete\",\"version\":1,\"order\":\"o1\",\"sku\":\"" + sku + "\"}\n"
                        + "{\"version\":1,\"order\":\"o2\",\"sku\":\"" + sku + "\",\"quantity\":1}\n",
                "types.jsonl was not taken: 2 bad lines in types.jsonl; nothing of it was applied",
                "line 2: unknown command type 'line.delete'; the inbox takes batch.change_quantity, line.allocate, line.cancel, line.change_quantity",
                "line 3: field 'type' is missing");
    }

    @Test
    void malformedJsonIsRefusedLineByLine() throws Exception {
        stock();
        List<String> errors = assertFailed("broken.jsonl", allocate("o1", sku, 1)
                + "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"o2\"\n"
                + "not json at all\n"
                + "[1,2]\n"
                + "\"a string\"\n");
        assertThat(errors.get(0)).isEqualTo("broken.jsonl was not taken: 4 bad lines in broken.jsonl; nothing of it was applied");
        assertThat(errors.get(1)).startsWith("line 2: not valid JSON (");
        assertThat(errors.get(2)).startsWith("line 3: not valid JSON (");
        assertThat(errors.subList(3, 5)).containsExactly(
                "line 4: each line must be one JSON object {\"type\": …, \"version\": 1, …}",
                "line 5: each line must be one JSON object {\"type\": …, \"version\": 1, …}");
        assertThat(errors).hasSize(5).noneMatch(line -> line.contains("com.fasterxml") || line.contains("Exception"));
    }

    @Test
    void fieldsOfTheWrongTypeOrMissingAreRefused() throws Exception {
        stock();
        String allocate = "{\"type\":\"line.allocate\",\"version\":1,";
        assertFailed("fields.jsonl", allocate("o1", sku, 1)
                        + allocate + "\"order\":\"o2\",\"sku\":\"" + sku + "\",\"quantity\":\"3\"}\n"
                        + allocate + "\"order\":\"o3\",\"sku\":\"" + sku + "\",\"quantity\":2.5}\n"
                        + allocate + "\"order\":12,\"sku\":\"" + sku + "\",\"quantity\":1}\n"
                        + "{\"type\":\"line.cancel\",\"version\":1,\"order\":\"o1\"}\n"
                        + "{\"type\":\"batch.change_quantity\",\"version\":1,\"batch\":\"" + warehouse + "\",\"quantity\":null}\n"
                        + allocate + "\"order\":\"o4\",\"sku\":\"" + sku + "\",\"quantity\":99999999999}\n",
                "fields.jsonl was not taken: 6 bad lines in fields.jsonl; nothing of it was applied",
                "line 2: field 'quantity' must be a whole number, was \"3\"",
                "line 3: field 'quantity' must be a whole number, was 2.5",
                "line 4: field 'order' must be a string, was 12",
                "line 5: field 'sku' is missing",
                "line 6: field 'quantity' is missing",
                "line 7: field 'quantity' must be a whole number, was 99999999999");
    }

    @Test
    void aVersionThisDeskDoesNotKnowIsRefused() throws Exception {
        stock();
        assertFailed("v2.jsonl", allocate("o1", sku, 1)
                        + "{\"type\":\"line.allocate\",\"version\":2,\"order\":\"o2\",\"sku\":\"" + sku + "\",\"quantity\":1}\n"
                        + "{\"type\":\"line.cancel\",\"order\":\"o1\",\"sku\":\"" + sku + "\"}\n",
                "v2.jsonl was not taken: 2 bad lines in v2.jsonl; nothing of it was applied",
                "line 2: version 2 of line.allocate is not known; this desk takes version 1",
                "line 3: field 'version' is missing");
    }

    @Test
    void aLineARuleRefusesIsToldWithTheMessageTheCommandLineGives() throws Exception {
        stock();
        assertFailed("rules.jsonl", allocate("o1", sku, 1)
                        + allocate("o2", "NOPE", 1)
                        + change("nowhere", 5)
                        + allocate("o3", sku, -2)
                        + change(warehouse, -1)
                        + cancel("o1", "NOPE"),
                "rules.jsonl was not taken: 5 bad lines in rules.jsonl; nothing of it was applied",
                "line 2: " + new InvalidSku("NOPE").getMessage(),
                "line 3: " + new UnknownBatch("nowhere").getMessage(),
                "line 4: " + refusal(() -> new Allocate("o3", sku, -2)),
                "line 5: " + refusal(() -> new ChangeBatchQuantity(warehouse, -1)),
                "line 6: " + new InvalidSku("NOPE").getMessage());
        assertThat(new InvalidSku("NOPE").getMessage()).isEqualTo("Unknown SKU NOPE: add a batch of it first");
        assertThat(refusal(() -> new Allocate("o3", sku, -2))).isEqualTo("Quantity must be positive, was -2");
    }

    @Test
    void badRowsOfACsvFileAreListedByLineAsTheImportTellsThem() throws Exception {
        stock();
        assertFailed("orders.csv", "orderid,sku,qty\no1," + sku + ",1\no2,NOPE,1\no3," + sku + ",abc\no1," + sku + ",1\n",
                "orders.csv was not taken: 3 bad rows in " + inbox.resolve("orders.csv") + "; nothing was imported",
                "line 3: " + new InvalidSku("NOPE").getMessage(),
                "line 4: Quantity must be a whole number, was 'abc'",
                "line 5: order o1 already has a line of " + sku + " on line 2");
    }

    @Test
    void aCommandsFileThatIsNotUtf8IsRefusedLineByLine() throws Exception {
        stock();
        byte[] latin1 = (allocate("o1", sku, 1) + allocate("caf\u00e9", sku, 1)).getBytes(StandardCharsets.ISO_8859_1);
        assertFailed("latin1.jsonl", latin1,
                "latin1.jsonl was not taken: 1 bad line in latin1.jsonl; nothing of it was applied",
                "line 2: the line is not UTF-8 text; save the file as UTF-8");
        byte[] utf16 = allocate("o1", sku, 1).getBytes(StandardCharsets.UTF_16);
        assertFailed("utf16.jsonl", utf16,
                "utf16.jsonl was not taken: 1 bad line in utf16.jsonl; nothing of it was applied",
                "line 1: the line is not UTF-8 text; save the file as UTF-8");
    }

    @Test
    void aCsvFileThatIsNotUtf8IsRefused() throws Exception {
        stock();
        byte[] latin1 = ("orderid,sku,qty\no1," + sku + ",1\ncaf\u00e9," + sku + ",1\n").getBytes(StandardCharsets.ISO_8859_1);
        assertFailed("latin1.csv", latin1, "latin1.csv was not taken: " + inbox.resolve("latin1.csv")
                + " is not a UTF-8 CSV file; save it as CSV UTF-8");
        byte[] utf16 = ("orderid,sku,qty\no1," + sku + ",1\n").getBytes(StandardCharsets.UTF_16);
        assertFailed("utf16.csv", utf16, "utf16.csv was not taken: " + inbox.resolve("utf16.csv")
                + " is not a UTF-8 CSV file; save it as CSV UTF-8");
        byte[] latin1Header = ("orderid,sku,qt\u00e9\no1," + sku + ",1\n").getBytes(StandardCharsets.ISO_8859_1);
        assertFailed("header.csv", latin1Header, "header.csv was not taken: " + inbox.resolve("header.csv")
                + " is not a UTF-8 CSV file; save it as CSV UTF-8");
    }

    @Test
    void anEmptyFileOrOneOfBlankLinesHoldsNothingToTake() throws Exception {
        stock();
        assertFailed("empty.jsonl", new byte[0], "empty.jsonl was not taken: empty.jsonl holds no command (it is empty)");
        assertFailed("blank.jsonl", "\n  \n\r\n\t\n", "blank.jsonl was not taken: blank.jsonl holds no command (it is empty)");
        String header = "a CSV file's first line must be orderid,sku,qty (order lines) or ref,sku,qty,eta (batches), was empty";
        assertFailed("empty.csv", new byte[0], "empty.csv was not taken: " + header);
        assertFailed("blank.csv", "\n\n  \n", "blank.csv was not taken: " + header);
    }

    @Test
    void aFileWithAnotherExtensionIsNotTaken() throws Exception {
        stock();
        String notOurs = "not a file the inbox takes: name it .csv (batches or order lines) or .jsonl (commands)";
        assertFailed("orders.txt", "orderid,sku,qty\no1," + sku + ",1\n", "orders.txt was not taken: " + notOurs);
        assertFailed("README", "orderid,sku,qty\no1," + sku + ",1\n", "README was not taken: " + notOurs);
        assertFailed("commands.json", allocate("o1", sku, 1), "commands.json was not taken: " + notOurs);
    }

    @Test
    void aCsvFileWithAnUnknownHeaderIsRefused() throws Exception {
        stock();
        String mustBe = "a CSV file's first line must be orderid,sku,qty (order lines) or ref,sku,qty,eta (batches), was ";
        assertFailed("lines.csv", "order,sku,quantity\no1," + sku + ",1\n", "lines.csv was not taken: " + mustBe
                + "order,sku,quantity");
        // a first line of 60,000 characters is shown cut, not whole
        assertFailed("wide.csv", "h".repeat(60_000) + "\no1," + sku + ",1\n", "wide.csv was not taken: " + mustBe
                + "h".repeat(200) + "…");
    }

    // ---------------------------------------------------------------- names

    @Test
    void oddFileNamesAreTakenLikeAnyOther() throws Exception {
        stock();
        List<String> names = new ArrayList<>(List.of("orders with spaces.csv", "caf\u00e9 \u65e5\u672c.jsonl",
                "-dash.jsonl", "n".repeat(194) + ".jsonl"));
        if (newlinesAllowedInNames()) {
            names.add("new\nline.jsonl");
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            drop(name, name.endsWith(".csv") ? "orderid,sku,qty\no" + i + "," + sku + ",1\n" : allocate("o" + i, sku, 1));
        }
        assertThat(names.get(3)).hasSize(200);

        Pass pass = pass();

        assertThat(pass.files()).extracting(FileResult::name).containsExactlyInAnyOrderElementsOf(names);
        assertThat(pass.files()).extracting(FileResult::outcome).containsOnly(Outcome.TAKEN);
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactlyInAnyOrderElementsOf(names);
        assertThat(allocations()).hasSize(names.size());
    }

    @Test
    void aBadFileWithAnOddNameGetsItsErrorsFileBesideIt() throws Exception {
        stock();
        String name = "-caf\u00e9 \u65e5\u672c " + "n".repeat(150) + ".jsonl";
        assertFailed(name, allocate("o1", "NOPE", 1), name + " was not taken: 1 bad line in " + name
                + "; nothing of it was applied", "line 1: " + new InvalidSku("NOPE").getMessage());
    }

    @Test
    void aNameAsLongAsTheFileSystemTakesNeitherBlocksTheInboxNorLosesItsErrors() throws Exception {
        stock();
        String bad = "b".repeat(LONGEST_NAME - ".jsonl".length()) + ".jsonl";
        String good = "g".repeat(LONGEST_NAME - ".jsonl".length()) + ".jsonl";
        drop(bad, allocate("o1", "NOPE", 1));
        drop(good, allocate("o2", sku, 1));

        Pass pass = pass();

        assertThat(pass.problem()).isEmpty();
        assertThat(pass.files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple(bad, Outcome.FAILED), tuple(good, Outcome.TAKEN));
        assertThat(names(inbox)).containsExactly(Inbox.FAILED, Inbox.PROCESSED);
        // NAME.errors.txt would be longer than a name can be: both are kept under a shorter NAME
        List<String> failed = names(inbox.resolve(Inbox.FAILED));
        assertThat(failed).hasSize(2);
        String kept = failed.get(0);
        assertThat(failed.get(1)).isEqualTo(kept + Inbox.ERRORS_SUFFIX);
        assertThat(kept).startsWith("bbbbbbbbbb").endsWith(".jsonl");
        assertThat(bytes(kept + Inbox.ERRORS_SUFFIX)).isLessThanOrEqualTo(LONGEST_NAME);
        assertThat(Files.readString(inbox.resolve(Inbox.FAILED).resolve(kept))).isEqualTo(allocate("o1", "NOPE", 1));
        assertThat(Files.readAllLines(inbox.resolve(Inbox.FAILED).resolve(failed.get(1)))).containsExactly(
                bad + " was not taken: 1 bad line in " + bad + "; nothing of it was applied",
                "line 1: " + new InvalidSku("NOPE").getMessage());
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactly(good);
        assertThat(allocations()).containsExactly(List.of("o2", warehouse, 1));

        // the same long name again, other bytes: NAME-2.jsonl would be too long too
        drop(good, allocate("o3", sku, 1));
        assertThat(pass().files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN);
        List<String> processed = names(inbox.resolve(Inbox.PROCESSED));
        assertThat(processed).hasSize(2).contains(good);
        assertThat(processed).filteredOn(name -> !name.equals(good)).singleElement()
                .satisfies(name -> assertThat(name).startsWith("gggggggggg").endsWith("-2.jsonl"));
        assertThat(allocations()).hasSize(2);
    }

    // ---------------------------------------------------------------- files still being written

    @Test
    void hiddenAndTemporaryNamesAreNeverTaken() throws Exception {
        stock();
        List<String> partial = List.of(".x.csv", "orders.csv.part", "orders.tmp", "orders.jsonl.partial", "orders.csv~");
        for (int i = 0; i < partial.size(); i++) {
            drop(partial.get(i), "orderid,sku,qty\no" + i + "," + sku + ",1\n");
        }
        Map<String, String> before = snapshot();

        Pass pass = pass();

        assertThat(pass.files()).isEmpty();
        assertThat(pass.notYet()).isEmpty();
        assertThat(names(inbox)).containsExactlyInAnyOrderElementsOf(partial);
        assertThat(snapshot()).isEqualTo(before);

        Files.move(inbox.resolve("orders.csv.part"), inbox.resolve("orders.csv")); // the sender's rename into place
        assertThat(pass().files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple("orders.csv", Outcome.TAKEN));
        assertThat(allocations()).containsExactly(List.of("o1", warehouse, 1));
    }

    @Test
    void aFileChangedWithinTheSettleTimeWaitsUntilItHasSettled() throws Exception {
        stock();
        Path file = drop("orders.csv", "orderid,sku,qty\no1," + sku + ",1\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        Map<String, String> before = snapshot();

        Pass early = theInbox.takePending(inbox, Duration.ofSeconds(2), Inbox.DEFAULT_CHUNK, () -> false);

        assertThat(early.files()).isEmpty();
        assertThat(early.notYet()).containsExactly("orders.csv");
        assertThat(names(inbox)).containsExactly("orders.csv");
        assertThat(snapshot()).isEqualTo(before);

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3)));
        Pass later = theInbox.takePending(inbox, Duration.ofSeconds(2), Inbox.DEFAULT_CHUNK, () -> false);

        assertThat(later.notYet()).isEmpty();
        assertThat(later.files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple("orders.csv", Outcome.TAKEN));
    }

    @Test
    void aFileThatChangesBetweenTheLookAndTheReadIsLeftForTheNextPass() throws Exception {
        stock();
        Path csv = drop("a-orders.csv", "orderid,sku,qty\no1," + sku + ",1\n");
        Path jsonl = drop("b-commands.jsonl", allocate("o2", sku, 1));
        Map<String, String> before = snapshot();
        // the inbox looks at each file's size and time, asks the clock whether it has settled, then
        // reads it: the sender appends in that moment, to each file
        clock.atNextLook(() -> {
            append(csv, "o3," + sku + ",1\n");
            clock.atNextLook(() -> append(jsonl, allocate("o4", sku, 1)));
        });

        Pass pass = pass();

        assertThat(pass.files()).isEmpty();
        assertThat(pass.notYet()).containsExactly("a-orders.csv", "b-commands.jsonl");
        assertThat(names(inbox)).containsExactly("a-orders.csv", "b-commands.jsonl");
        assertThat(snapshot()).isEqualTo(before);

        Pass next = pass();

        assertThat(next.files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN, Outcome.TAKEN);
        assertThat(allocations()).extracting(row -> row.get(0)).containsExactly("o1", "o2", "o3", "o4");
    }

    @Test
    void aFileThatChangesWhileItIsCopiedIsLeftForTheNextPass() throws Exception {
        stock();
        // more than 8 MB (blank lines of spaces): the copy asks whether to stop after each 8 MB, and
        // the sender appends then
        String blank = " ".repeat(60_000) + "\n";
        Path jsonl = drop("commands.jsonl", allocate("o1", sku, 1) + blank.repeat(150));
        Map<String, String> before = snapshot();
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier appendWhileCopying = () -> {
            if (asked.incrementAndGet() == 2) { // the 1st is the pass's own, before the file
                append(jsonl, allocate("o2", sku, 1));
            }
            return false;
        };

        Pass pass = theInbox.takePending(inbox, NOW, Inbox.DEFAULT_CHUNK, appendWhileCopying);

        assertThat(asked.get()).isGreaterThanOrEqualTo(2);
        assertThat(pass.files()).isEmpty();
        assertThat(pass.notYet()).containsExactly("commands.jsonl");
        assertThat(names(inbox)).containsExactly("commands.jsonl");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(scratchFiles()).isEmpty();

        assertThat(pass().files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN);
        assertThat(allocations()).extracting(row -> row.get(0)).containsExactly("o1", "o2");
    }

    // ---------------------------------------------------------------- the folder

    @Test
    void aFolderThatVanishedIsToldAndTheNextPassAfterItIsBackWorks() throws Exception {
        stock();
        drop("one.jsonl", allocate("o1", sku, 1));
        pass();
        deleteTree(inbox);
        Map<String, String> before = snapshot();

        assertThatThrownBy(this::pass).isInstanceOf(InboxUnavailable.class)
                .hasMessage("Cannot read the inbox folder " + inbox + " (no such file or folder); nothing was taken");
        assertThat(snapshot()).isEqualTo(before);

        Files.createDirectories(inbox);
        drop("two.jsonl", allocate("o2", sku, 1));
        assertThat(pass().files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple("two.jsonl", Outcome.TAKEN));
        assertThat(allocations()).hasSize(2);
    }

    @Test
    void aFolderReplacedByAFileIsToldAndTheNextPassAfterItIsBackWorks() throws Exception {
        stock();
        deleteTree(inbox);
        Files.writeString(inbox, "not a folder");
        Map<String, String> before = snapshot();

        assertThatThrownBy(this::pass).isInstanceOf(InboxUnavailable.class)
                .hasMessage("Cannot read the inbox folder " + inbox + " (not a folder); nothing was taken");
        assertThat(snapshot()).isEqualTo(before);

        Files.delete(inbox);
        Files.createDirectories(inbox);
        drop("one.jsonl", allocate("o1", sku, 1));
        assertThat(pass().files()).extracting(FileResult::outcome).containsExactly(Outcome.TAKEN);
        assertThat(allocations()).hasSize(1);
    }

    @Test
    void aProcessedFolderThatCannotBeMadeLeavesTheFileWhichTheNextPassDoesNotApplyTwice() throws Exception {
        stock();
        Path inTheWay = Files.writeString(inbox.resolve(Inbox.PROCESSED), "a file where the folder should be");
        Files.setLastModifiedTime(inTheWay, FileTime.from(Instant.now().minusSeconds(60)));
        drop("orders.jsonl", allocate("o1", sku, 1) + cancel("o1", sku) + allocate("o2", sku, 2));
        long receipts = receipts();

        Pass pass = pass();

        String problem = "Cannot move orders.jsonl into " + inTheWay + " (a file of that name is in the way);"
                + " it stays in the inbox and is not taken twice";
        assertThat(pass.problem()).contains(problem);
        assertThat(pass.files()).extracting(FileResult::name, FileResult::outcome, FileResult::message)
                .containsExactly(tuple("orders.jsonl", Outcome.LEFT, problem));
        assertThat(names(inbox)).containsExactly("orders.jsonl", Inbox.PROCESSED);
        assertThat(allocations()).containsExactly(List.of("o2", warehouse, 2));
        assertThat(receipts() - receipts).isEqualTo(1);
        Map<String, String> taken = snapshot();

        Files.delete(inTheWay); // the planner makes room
        Pass next = pass();

        assertThat(next.problem()).isEmpty();
        assertThat(next.files()).extracting(FileResult::name, FileResult::outcome)
                .containsExactly(tuple("orders.jsonl", Outcome.ALREADY_TAKEN));
        assertThat(names(inbox)).containsExactly(Inbox.PROCESSED);
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactly("orders.jsonl");
        assertThat(snapshot()).as("nothing applied twice, no second receipt").isEqualTo(taken);
    }

    // ---------------------------------------------------------------- chunks

    @Test
    void aLineRefusedWhenItsChunkRunsKeepsTheChunksBeforeItAndTellsWhatWasApplied() throws Exception {
        stock();
        String refusal = new UnknownOrderLine("o9", sku).getMessage();
        // chunks of 2: lines 1-2 are carried out; line 4, in the chunk of lines 3-4, is refused by the
        // domain (the check pass cannot know which lines the file's own earlier lines create)
        drop("late.jsonl", allocate("o1", sku, 1) + allocate("o2", sku, 1)
                + allocate("o3", sku, 1) + cancel("o9", sku) + allocate("o4", sku, 1));
        long receipts = receipts();

        Pass pass = theInbox.takePending(inbox, NOW, 2, () -> false);

        assertThat(pass.files()).singleElement().satisfies(file -> {
            assertThat(file.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(file.message()).isEqualTo("line 4: " + refusal + "; the 2 commands before line 3 were applied,"
                    + " nothing from line 3 on");
        });
        assertThat(names(inbox)).containsExactly(Inbox.FAILED);
        assertThat(names(inbox.resolve(Inbox.FAILED))).containsExactly("late.jsonl", "late.jsonl" + Inbox.ERRORS_SUFFIX);
        assertThat(errorLines("late.jsonl")).containsExactly(
                "late.jsonl was taken in part: the 2 commands before line 3 were applied, nothing from line 3 on",
                "line 4: " + refusal);
        assertThat(allocations()).extracting(row -> row.get(0)).containsExactly("o1", "o2");
        assertThat(receipts() - receipts).isEqualTo(1);
    }

    @Test
    void aLineRefusedInTheFirstChunkLeavesNothingApplied() throws Exception {
        stock();
        String refusal = new UnknownOrderLine("o9", sku).getMessage();
        Map<String, String> before = snapshot();

        assertFailed("first.jsonl", allocate("o1", sku, 1) + cancel("o9", sku) + allocate("o2", sku, 1),
                "first.jsonl was not taken: nothing of it was applied", "line 2: " + refusal);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFilePartlyTakenBeforeACrashIsFinishedWithoutDoublingAnything() throws Exception {
        stock();
        List<String> lines = List.of(allocate("o1", sku, 1), cancel("o1", sku), allocate("o2", sku, 2),
                allocate("o3", sku, 3), allocate("o4", sku, 4), change(shipment, 30));
        String sha256 = sha256(drop("resume.jsonl", String.join("", lines)));
        long eventsBefore = events();
        long receipts = receipts();
        // what a crash after the first chunk leaves: its changes and its receipt, nothing else
        assertThat(bus.handle(new TakeInboxChunk("resume.jsonl", sha256, 0, false,
                List.of(new Allocate("o1", sku, 1), new CancelLine("o1", sku))))).isPresent();
        assertThat(events() - eventsBefore).isEqualTo(2);

        Pass pass = theInbox.takePending(inbox, NOW, 2, () -> false);

        assertThat(pass.files()).extracting(FileResult::outcome, FileResult::message).containsExactly(tuple(
                Outcome.TAKEN, "Took 6 commands from resume.jsonl (2 had been taken before and were left as they were)"));
        assertThat(allocations()).containsExactly(List.of("o2", warehouse, 2), List.of("o3", warehouse, 3),
                List.of("o4", warehouse, 4));
        // 2 before the crash, then three allocations and the change: o1 neither allocated nor cancelled again
        assertThat(events() - eventsBefore).isEqualTo(6);
        assertThat(rows("SELECT type, order_id FROM event_log WHERE sku = ? AND seq > " + eventsBefore + " ORDER BY seq"))
                .containsExactly(row("line.allocated", "o1"), row("line.cancelled", "o1"), row("line.allocated", "o2"),
                        row("line.allocated", "o3"), row("line.allocated", "o4"), row("batch.quantity_changed", null));
        assertThat(receipts() - receipts).isEqualTo(3);
        assertThat(rows("SELECT chunk, commands, last_chunk FROM inbox_receipts WHERE content_hash = '"
                + sha256 + "' ORDER BY chunk")).containsExactly(
                List.of(0, 2, false), List.of(1, 2, false), List.of(2, 2, true));
        assertThat(names(inbox.resolve(Inbox.PROCESSED))).containsExactly("resume.jsonl");
    }

    // ---------------------------------------------------------------- size

    /**
     * A 1 GiB file that is one line of 'x' (no line break for 1 GiB), then a good line, taken by
     * {@code inbox --once} in a child JVM with 64 MB of heap: refused for its first line, in bounded
     * memory, nothing applied. Needs 3 GiB free where the test's folder is (the file and the
     * inbox's private copy of it); fails, rather than skipping, when there is less.
     */
    @Test
    @Timeout(900)
    void aOneGibLineIsRefusedByTheCommandLineUnder64MbOfHeap() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        assertThat(free).as("free space in %s: %d MB; the 1 GiB inbox test needs 3 GiB (the file and the inbox's copy)",
                dir, free >> 20).isGreaterThanOrEqualTo(3L << 30);
        Path db = dir.resolve("data").resolve("desk"); // a database of its own: the child JVM opens it
        assertThat(InProcessCli.onDatabase(db, "add-batch", warehouse, sku, "100").code()).isZero();
        Map<String, String> before;
        try (Database database = Database.open(db, 0, true)) {
            before = Tables.checksums(database.dataSource());
        }
        Path huge = inbox.resolve("huge.jsonl");
        Path failed = inbox.resolve(Inbox.FAILED).resolve("huge.jsonl");
        Path gcLog = dir.resolve("gc.log");
        try {
            long writing = System.nanoTime();
            byte[] megabyte = new byte[1 << 20];
            Arrays.fill(megabyte, (byte) 'x');
            try (OutputStream out = Files.newOutputStream(huge)) {
                for (int i = 0; i < 1024; i++) {
                    out.write(megabyte);
                }
                out.write('\n');
                out.write(allocate("o1", sku, 1).getBytes(StandardCharsets.UTF_8));
            }
            long written = System.nanoTime() - writing;
            Files.setLastModifiedTime(huge, FileTime.from(Instant.now().minusSeconds(60)));

            long started = System.nanoTime();
            // the product's logging (a file in logdir), not the tests' console
            Process child = ChildJvm.builder(Main.class, List.of("-Xmx64m", "-Xlog:gc:file=" + gcLog,
                            "-Dlogback.configurationFile=logback.xml", "-Dallocationdesk.logdir=" + dir.resolve("logs")),
                            "--db", db.toString(), "inbox", "--once", "--inbox", inbox.toString(), "--settle", "0")
                    .redirectOutput(dir.resolve("child.out").toFile()).redirectError(dir.resolve("child.err").toFile())
                    .start();
            boolean ended = child.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                child.destroyForcibly().waitFor();
            }
            long took = System.nanoTime() - started;
            String err = Files.readString(dir.resolve("child.err"));

            assertThat(ended).as("the child ended within 10 minutes").isTrue();
            assertThat(child.exitValue()).as(err).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("child.out")).strip()).isEqualTo("Failed huge.jsonl: 1 bad line in"
                    + " huge.jsonl; nothing of it was applied (see " + inbox.resolve(Inbox.FAILED) + ")");
            assertThat(err).isEmpty();
            assertThat(errorLines("huge.jsonl")).containsExactly(
                    "huge.jsonl was not taken: 1 bad line in huge.jsonl; nothing of it was applied",
                    "line 1: the line is longer than 65536 bytes");
            assertThat(Files.size(failed)).isEqualTo((1L << 30) + 1 + allocate("o1", sku, 1).length());
            assertThat(names(inbox)).containsExactly(Inbox.FAILED);
            assertThat(scratchFiles(db.getParent())).as("the inbox's copy is deleted").isEmpty();
            try (Database database = Database.open(db, 0, true)) {
                assertThat(Tables.checksums(database.dataSource())).isEqualTo(before);
            }

            long peak = 0;
            long live = 0;
            Pattern collection = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
            for (String line : Files.readAllLines(gcLog)) {
                Matcher gc = collection.matcher(line);
                if (gc.find()) {
                    peak = Math.max(peak, Long.parseLong(gc.group(1)));
                    live = Math.max(live, Long.parseLong(gc.group(2)));
                }
            }
            Figures.report("inbox 1 GiB line", "1 GiB + 1 line, -Xmx64m", "exit 2 in "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms (JVM start included; the file written in "
                    + TimeUnit.NANOSECONDS.toMillis(written) + " ms); heap in use at most " + peak
                    + " MB (before a collection), live at most " + live + " MB (after one)");
        } finally {
            Files.deleteIfExists(huge);
            Files.deleteIfExists(failed);
            for (Path copy : scratchFiles(db.getParent())) {
                Files.deleteIfExists(copy);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private Pass pass() {
        return theInbox.takePending(inbox, NOW, Inbox.DEFAULT_CHUNK, () -> false);
    }

    /** This test's stock: 100 in the warehouse, 50 on a shipment. */
    private void stock() {
        bus.handle(new CreateBatch(warehouse, sku, 100, null));
        bus.handle(new CreateBatch(shipment, sku, 50, LocalDate.of(2027, 1, 15)));
    }

    /** Drops a complete file (its time a minute ago) into the inbox. */
    private Path drop(String name, String content) throws IOException {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path drop(String name, byte[] content) throws IOException {
        Path file = Files.write(inbox.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        return file;
    }

    private List<String> assertFailed(String name, String content, String... errors) throws IOException {
        return assertFailed(name, content.getBytes(StandardCharsets.UTF_8), errors);
    }

    /**
     * Drops the file, runs a pass, and checks that it ended in {@code failed/} with its bytes, beside
     * its errors file (whose lines are {@code errors} when given), and that the database did not change.
     *
     * @return the errors file's lines
     */
    private List<String> assertFailed(String name, byte[] content, String... errors) throws IOException {
        Map<String, String> before = snapshot();
        long events = events();
        drop(name, content);

        Pass pass = pass();

        assertThat(pass.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo(name);
            assertThat(file.outcome()).as(file.message()).isEqualTo(Outcome.FAILED);
        });
        assertThat(pass.problem()).isEmpty();
        assertThat(names(inbox)).doesNotContain(name);
        Path failed = inbox.resolve(Inbox.FAILED);
        assertThat(Files.readAllBytes(failed.resolve(name))).isEqualTo(content);
        List<String> lines = errorLines(name);
        assertThat(lines.get(0)).startsWith(name + " was not taken: ");
        if (errors.length > 0) {
            assertThat(lines).containsExactly(errors);
        }
        assertThat(snapshot()).as("the database after %s", name).isEqualTo(before);
        assertThat(events()).isEqualTo(events);
        assertThat(names(failed)).noneMatch(n -> n.startsWith("."));
        assertThat(scratchFiles()).isEmpty();
        return lines;
    }

    private List<String> errorLines(String name) throws IOException {
        return Files.readAllLines(inbox.resolve(Inbox.FAILED).resolve(name + Inbox.ERRORS_SUFFIX), StandardCharsets.UTF_8);
    }

    private static String refusal(ThrowingSupplier<?> build) {
        try {
            build.get();
        } catch (DomainException e) {
            return e.getMessage();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    /** Every table's row count and checksum, the ledger and the receipts included. */
    private Map<String, String> snapshot() {
        return Tables.checksums(data);
    }

    private long receipts() {
        return Tables.number(data, "SELECT COUNT(*) FROM inbox_receipts");
    }

    private long events() {
        return Tables.number(data, "SELECT COUNT(*) FROM event_log");
    }

    /** This test's allocations: order, batch, quantity, by order. */
    private List<List<Object>> allocations() {
        return rows("SELECT order_id, batch_reference, quantity FROM allocations WHERE sku = ? ORDER BY order_id");
    }

    /** The rows, each column a String, an Integer or a Boolean; a {@code ?} is this test's SKU. */
    private List<List<Object>> rows(String sql) {
        return Tables.rows(data, sql.replace("?", "'" + sku + "'")).stream()
                .map(row -> row.stream().map(v -> v instanceof Number n ? (Object) n.intValue() : v).toList())
                .toList();
    }

    /** A row that may hold nulls. */
    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    private static List<Path> scratchFiles() throws IOException {
        return scratchFiles(shared.resolve("data"));
    }

    /** The inbox's private copies (the imports' scratch files) next to the database. */
    private static List<Path> scratchFiles(Path databaseFolder) throws IOException {
        try (Stream<Path> files = Files.list(databaseFolder)) {
            return files.filter(f -> f.getFileName().toString().contains(".import-")).toList();
        }
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private boolean newlinesAllowedInNames() {
        try {
            Files.delete(Files.createFile(dir.resolve("a\nb")));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static String allocate(String order, String sku, int quantity) {
        return "{\"type\":\"line.allocate\",\"version\":1,\"order\":\"" + order + "\",\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}\n";
    }

    static String cancel(String order, String sku) {
        return "{\"type\":\"line.cancel\",\"version\":1,\"order\":\"" + order + "\",\"sku\":\"" + sku + "\"}\n";
    }

    static String change(String batch, int quantity) {
        return "{\"type\":\"batch.change_quantity\",\"version\":1,\"batch\":\"" + batch + "\",\"quantity\":" + quantity + "}\n";
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** The system clock in UTC, which can run one action at the next time it is asked (then never again). */
    static final class HookClock extends Clock {
        private volatile Runnable next;

        void atNextLook(Runnable action) {
            next = action;
        }

        @Override
        public Instant instant() {
            Runnable action = next;
            if (action != null) {
                next = null;
                action.run();
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
