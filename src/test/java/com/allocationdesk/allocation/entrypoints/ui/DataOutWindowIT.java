package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.CreateBatch;
import com.allocationdesk.allocation.servicelayer.MessageBus;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, defect 3: data out of the window. Rows are several-selectable and copy as
 * tab-separated text; every row has a context menu; File ▸ Export writes what a table shows.
 */
class DataOutWindowIT extends WindowFixture {
    /** 1000 as the tables show it (and so copy it): in the planner's locale. */
    private static final String THOUSAND = com.allocationdesk.allocation.entrypoints.ui.support.DisplayFormats.number(1000);

    private static final String BATCH_HEADER = "Batch\tSKU\tETA\tPurchased\tAllocated\tAvailable\n";

    /** Four batches: two in the warehouse, two on their way (the table shows them in that order). */
    @BeforeEach
    void stock() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new CreateBatch("B-1", "LAMP", 1_000, null));
        bus.handle(new CreateBatch("B-2", "CHAIR", 1_000, null));
        bus.handle(new CreateBatch("B-3", "DESK", 5, LocalDate.of(2031, 1, 31)));
        bus.handle(new CreateBatch("B-4", "SOFA", 7, LocalDate.of(2031, 2, 28)));
        waitUntil("the batches show", () -> batchRows().size() == 4);
        showOrders(); // the tables settle() watches are built when their tab is first shown
        showAllocations();
        showBatches();
        settle();
    }

    @Test
    void threeRowsSelectedWithShiftAndCtrlAreCopiedAsTabSeparatedLinesUnderTheirHeader() {
        showBatches();
        onClipboard("nothing copied yet");
        clickOn(row("#batchesTable", 0));
        press(KeyCode.SHIFT);
        clickOn(row("#batchesTable", 1));
        release(KeyCode.SHIFT);
        press(KeyCode.CONTROL);
        clickOn(row("#batchesTable", 3));
        release(KeyCode.CONTROL);
        assertThat(table("#batchesTable").getSelectionModel().getSelectedIndices()).containsExactlyInAnyOrder(0, 1, 3);
        press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);

        assertThat(clipboard()).isEqualTo(BATCH_HEADER
                + "B-1\tLAMP\tin warehouse\t" + THOUSAND + "\t0\t" + THOUSAND + "\n"
                + "B-2\tCHAIR\tin warehouse\t" + THOUSAND + "\t0\t" + THOUSAND + "\n"
                + "B-4\tSOFA\t2031-02-28\t7\t0\t7\n");

        press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertThat(clipboard()).startsWith(BATCH_HEADER).hasLineCount(5).contains("B-3\tDESK\t2031-01-31\t5\t0\t5\n");
    }

    @Test
    void theWaitingListAndTheAlertsCopyTooWithTheirHeaders() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new Allocate("ORD-9", "DESK", 100));
        showOrders();
        waitUntil("ORD-9 waits", () -> table("#waitingTable").getItems().size() == 1);
        settle();
        onClipboard("nothing copied yet");
        clickOn(row("#waitingTable", 0));
        press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertThat(clipboard()).startsWith("Order\tSKU\tQuantity\tWaiting for\tSince\nORD-9\tDESK\t100\tjust now\t")
                .endsWith("\n").hasLineCount(2);

        ListView<?> alerts = node("#notificationsList");
        waitUntil("the alert shows", () -> !alerts.getItems().isEmpty());
        onClipboard("nothing copied yet");
        clickOn(lookup("#notificationsList .list-cell").nth(0).<Node>query());
        press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        assertThat(clipboard()).startsWith("Order\tSKU\tQuantity\tAlert\nORD-9\tDESK\t100\twaiting since ").hasLineCount(2);
    }

    @Test
    void aBatchRowsContextMenuCopiesOpensItsHistoryAndChangesItsQuantity() {
        showBatches();
        Node row = row("#batchesTable", 0);
        clickOn(row);
        openContextMenu("#batchesTable", row);
        assertThat(menuTexts("#batchesTable")).containsExactly("Copy  (Ctrl+C)", "History…  (Ctrl+H)", "Change quantity…");

        onClipboard("nothing copied yet");
        clickMenuItem("Copy  (Ctrl+C)");
        assertThat(clipboard()).isEqualTo(BATCH_HEADER + "B-1\tLAMP\tin warehouse\t" + THOUSAND + "\t0\t" + THOUSAND + "\n");

        openContextMenu("#batchesTable", row);
        clickMenuItem("History…  (Ctrl+H)");
        waitUntil("the batch's history shows", () -> find("#ledgerTitle").isPresent() && text("#ledgerTitle").equals("Batch B-1"));
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the ledger closes", () -> find("#historyList").isEmpty());

        openContextMenu("#batchesTable", row);
        clickMenuItem("Change quantity…");
        waitUntil("the quantity dialog opens", () -> find("#newQuantityField").isPresent());
        fill("#newQuantityField", "400");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil("B-1 holds 400", () -> batchRows().stream().anyMatch(b -> b.reference().equals("B-1") && b.purchased() == 400));
    }

    @Test
    void theRowMenusOfTheOtherTablesOfferCopyHistoryAndTheLinesActions() {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        bus.handle(new Allocate("ORD-1", "LAMP", 5));
        bus.handle(new Allocate("ORD-9", "DESK", 100));
        showOrders();
        waitUntil("ORD-9 waits", () -> table("#waitingTable").getItems().size() == 1);
        settle();
        Node waiting = row("#waitingTable", 0);
        clickOn(waiting);
        openContextMenu("#waitingTable", waiting);
        assertThat(menuTexts("#waitingTable")).containsExactly("Copy  (Ctrl+C)", "History…  (Ctrl+H)", "Change quantity…",
                "Cancel line…");
        clickMenuItem("Change quantity…");
        waitUntil("the Orders form holds the waiting line, the cursor in its quantity", () -> text("#orderIdField").equals("ORD-9")
                && text("#skuField").equals("DESK") && text("#quantityField").equals("100") && node("#quantityField").isFocused());

        showAllocations();
        waitUntil("ORD-1's allocation shows", () -> allocationRows().size() == 1);
        settle();
        Node allocated = row("#allocationsTable", 0);
        clickOn(allocated);
        openContextMenu("#allocationsTable", allocated);
        assertThat(menuTexts("#allocationsTable")).containsExactly("Copy  (Ctrl+C)", "History…  (Ctrl+H)", "Change quantity…",
                "Cancel line…");
        clickMenuItem("Cancel line…");
        waitUntil("the Orders form holds the line", () -> node("#orderIdField").isVisible()
                && text("#orderIdField").equals("ORD-1") && text("#skuField").equals("LAMP"));
    }

    @Test
    void fileExportOfTheAllocationsTableWritesExactlyTheFilteredRowsAndShowsProgress() throws IOException {
        MessageBus bus = app.bootstrap().get(MessageBus.class);
        for (int i = 1; i <= 30; i++) {
            bus.handle(new Allocate("ORD-" + i, i % 3 == 0 ? "CHAIR" : "LAMP", i));
        }
        showAllocations();
        waitUntil("the allocations show", () -> allocationRows().size() == 30);
        TextField skuFilter = from(lookup("#allocations")).lookup("#skuFilterField").query();
        interact(() -> skuFilter.setText("la"));
        waitUntil("the filter shows the lamps", () -> allocationRows().size() == 20);
        Path file = Files.createDirectories(dataDir.resolve("out")).resolve("lamps.csv");

        dialogs.answerNextSaveChooser(file);
        fireMenuItem("exportItem");
        waitUntil("the export ends", () -> find("#exportText").isPresent() && text("#exportText").startsWith("Exported"));

        assertThat(text("#exportText")).isEqualTo("Exported 20 allocations to " + file);
        assertThat(((ProgressBar) node("#exportProgress")).getProgress()).isEqualTo(1.0);
        List<List<String>> expected = IntStream.rangeClosed(1, 30).filter(i -> i % 3 != 0)
                .mapToObj(i -> List.of("ORD-" + i, "LAMP", Integer.toString(i), "B-1"))
                .sorted(Comparator.comparing(r -> r.get(0))).toList();
        List<CSVRecord> records = read(file);
        assertThat(records.get(0).toList()).containsExactly("orderid", "sku", "qty", "batchref");
        assertThat(records.subList(1, records.size())).extracting(CSVRecord::toList).containsExactlyElementsOf(expected);
        assertThat(files(file.getParent())).containsExactly("lamps.csv");

        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the export dialog closes", () -> find("#exportText").isEmpty());
    }

    @Test
    void anExportIntoAReadOnlyFolderSaysSoAndLeavesTheOldFileAndNoPartialFile() throws Exception {
        app.bootstrap().get(MessageBus.class).handle(new Allocate("ORD-1", "LAMP", 5));
        Path folder = Files.createDirectories(dataDir.resolve("locked"));
        Path old = Files.writeString(folder.resolve("allocations.csv"), "the old export\n");
        immutable(folder, true);
        try {
            showAllocations();
            waitUntil("ORD-1's allocation shows", () -> allocationRows().size() == 1);
            dialogs.answerNextSaveChooser(old);
            fireMenuItem("exportItem");
            waitUntil("the export fails", () -> find("#exportText").isPresent() && text("#exportText").startsWith("Cannot"));
            assertThat(text("#exportText")).isEqualTo("Cannot write " + old + ": the folder " + folder
                    + " cannot be written (operation not permitted). Nothing was exported; the file that was there is left as it was.");
            assertThat(node("#closeExportButton").isVisible()).isTrue();
            assertThat(node("#cancelExportButton").isVisible()).isFalse();
        } finally {
            immutable(folder, false);
        }
        assertThat(Files.readString(old)).isEqualTo("the old export\n");
        assertThat(files(folder)).containsExactly("allocations.csv");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Lets the refreshes the commands before caused land first (a table's reload clears its
     * selection): until no table's rows changed for a second and no query runs.
     */
    private void settle() {
        java.util.concurrent.atomic.AtomicLong changed = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        javafx.collections.ListChangeListener<Object> listener = change -> changed.set(System.nanoTime());
        List<String> tables = List.of("#batchesTable", "#waitingTable", "#allocationsTable");
        interact(() -> tables.forEach(t -> table(t).getItems().addListener(listener)));
        try {
            waitUntil("the tables are quiet", () -> System.nanoTime() - changed.get() > TimeUnit.SECONDS.toNanos(1)
                    && !node("#statusBusy").isVisible());
        } finally {
            interact(() -> tables.forEach(t -> table(t).getItems().removeListener(listener)));
        }
    }

    private Node row(String table, int index) {
        return lookup(table + " .table-row-cell").nth(index).query();
    }

    private void onClipboard(String text) {
        interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    private String clipboard() {
        String[] text = new String[1];
        interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.parse(reader).getRecords();
        }
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Read-only for root, who runs the tests: {@code chattr +i} (ext4 honours it even for root;
     * chmod does not). The test fails, not skips, where that is impossible.
     */
    private static void immutable(Path folder, boolean on) throws Exception {
        Process chattr = new ProcessBuilder("chattr", on ? "+i" : "-i", folder.toString()).redirectErrorStream(true).start();
        assertThat(chattr.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(chattr.exitValue()).as(new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        if (on) {
            assertThat(Files.isWritable(folder) && canCreateIn(folder)).as("the folder is read-only now").isFalse();
        }
    }

    private static boolean canCreateIn(Path folder) {
        try {
            Files.delete(Files.createFile(folder.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
