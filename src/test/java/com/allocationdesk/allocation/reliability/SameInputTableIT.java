package com.allocationdesk.allocation.reliability;

import com.allocationdesk.allocation.bootstrap.AppConfig;
import com.allocationdesk.allocation.bootstrap.Bootstrap;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli;
import com.allocationdesk.allocation.entrypoints.cli.InProcessCli.Run;
import com.allocationdesk.allocation.entrypoints.ui.batches.AddBatchDialogViewModel;
import com.allocationdesk.allocation.queries.BatchRow;
import com.allocationdesk.allocation.queries.BatchesQuery;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One table of inputs, fed to the three entry points — the command line ({@code add-batch}, in
 * process), a CSV file ({@code import-batches}) and the window's "Add batch" form (its view model,
 * no window) — which must give the same verdict on every row: refused, or accepted with the same
 * batch. The expected verdicts are the rule written in docs/CLI.md ("What you may type").
 */
class SameInputTableIT {
    /** One row: a batch's reference, quantity and ETA as typed; the SKU is the row's own. */
    private record Input(String what, String reference, String quantity, String eta, Verdict expected) {
    }

    /** Refused (null batch), or the batch that was created. */
    private record Verdict(Batch batch) {
        static final Verdict REFUSED = new Verdict(null);

        @Override
        public String toString() {
            return batch == null ? "refused" : batch.toString();
        }
    }

    private record Batch(String reference, int quantity, LocalDate eta) {
    }

    private static Verdict accepted(String reference, int quantity, LocalDate eta) {
        return new Verdict(new Batch(reference, quantity, eta));
    }

    private static final LocalDate JAN_15 = LocalDate.of(2027, 1, 15);

    private static List<Input> table() {
        List<Input> rows = new ArrayList<>();
        // quantities (of a new batch: at least one)
        rows.add(new Input("qty 5", "q1", "5", "", accepted("q1", 5, null)));
        rows.add(new Input("qty 0", "q2", "0", "", Verdict.REFUSED));
        rows.add(new Input("qty -1", "q3", "-1", "", Verdict.REFUSED));
        rows.add(new Input("qty 1,000", "q4", "1,000", "", Verdict.REFUSED));
        rows.add(new Input("qty 1_000", "q5", "1_000", "", Verdict.REFUSED));
        rows.add(new Input("qty 1e3", "q6", "1e3", "", Verdict.REFUSED));
        rows.add(new Input("qty 0x10", "q7", "0x10", "", Verdict.REFUSED));
        rows.add(new Input("qty ' 7 '", "q8", " 7 ", "", accepted("q8", 7, null)));
        rows.add(new Input("qty Arabic-Indic 3", "q9", "\u0663", "", Verdict.REFUSED));
        rows.add(new Input("qty full-width 10", "q10", "\uFF11\uFF10", "", Verdict.REFUSED));
        rows.add(new Input("qty 10000001", "q11", "10000001", "", Verdict.REFUSED));
        rows.add(new Input("qty 99999999999", "q12", "99999999999", "", Verdict.REFUSED));
        rows.add(new Input("qty 10000000", "q13", "10000000", "", accepted("q13", 10_000_000, null)));
        // dates
        rows.add(new Input("eta 2027-01-15", "d1", "5", "2027-01-15", accepted("d1", 5, JAN_15)));
        rows.add(new Input("eta 2027-1-5", "d2", "5", "2027-1-5", Verdict.REFUSED));
        rows.add(new Input("eta 15/01/2027", "d3", "5", "15/01/2027", Verdict.REFUSED));
        rows.add(new Input("eta empty", "d4", "5", "", accepted("d4", 5, null)));
        rows.add(new Input("eta 2020-02-30", "d5", "5", "2020-02-30", Verdict.REFUSED));
        rows.add(new Input("eta 1899-12-31", "d6", "5", "1899-12-31", Verdict.REFUSED));
        rows.add(new Input("eta full-width digits", "d7", "5", "\uFF12\uFF10\uFF12\uFF17-01-15", Verdict.REFUSED));
        // ids (the batch reference)
        rows.add(new Input("id normal", "B-7/\u00C4", "5", "", accepted("B-7/\u00C4", 5, null)));
        rows.add(new Input("id with spaces around", " i2 ", "5", "", accepted("i2", 5, null)));
        rows.add(new Input("id blank", " ", "5", "", Verdict.REFUSED));
        rows.add(new Input("id only no-break spaces", "\u00A0\u00A0", "5", "", Verdict.REFUSED));
        rows.add(new Input("id of 65 characters", "x".repeat(65), "5", "", Verdict.REFUSED));
        rows.add(new Input("id of 64 characters", "y".repeat(64), "5", "", accepted("y".repeat(64), 5, null)));
        rows.add(new Input("id with a control character", "i\u0007x", "5", "", Verdict.REFUSED));
        return rows;
    }

    /** Each row has a SKU of its own, of one width, so a SKU prefix finds exactly that row's batch. */
    private static String sku(int row) {
        return "S" + (100 + row);
    }

    @TempDir
    Path dir;

    @Test
    void theCommandLineACsvFileAndTheWindowGiveTheSameVerdictOnEveryRow() throws IOException {
        List<Input> table = table();
        Map<String, Verdict> window = new LinkedHashMap<>();
        Map<String, Verdict> cli = new LinkedHashMap<>();
        Map<String, Verdict> csv = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            window.put(table.get(i).what(), viaWindow(table.get(i)));
        }
        Path cliDb = dir.resolve("cli");
        List<Integer> cliAccepted = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Input input = table.get(i);
            List<String> args = new ArrayList<>(List.of("add-batch", input.reference(), sku(i), input.quantity()));
            if (!input.eta().isEmpty()) { // an empty cell on the command line: the option not given (see below)
                args.add("--eta");
                args.add(input.eta());
            }
            Run run = InProcessCli.onDatabase(cliDb, args.toArray(String[]::new));
            assertThat(run.code()).as("%s: %s", input.what(), run.err()).isIn(0, 2);
            if (run.code() == 0) {
                cliAccepted.add(i);
            }
        }
        readBack(cliDb, table, cliAccepted, cli);

        Path csvDb = dir.resolve("csv");
        Set<Integer> refused = refusedRows(csvDb, table);
        List<Integer> csvAccepted = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if (!refused.contains(i)) {
                csvAccepted.add(i);
            }
        }
        Path good = writeCsv("good.csv", table, csvAccepted);
        Run imported = InProcessCli.onDatabase(csvDb, "import-batches", good.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        readBack(csvDb, table, csvAccepted, csv);

        Map<String, Verdict> expected = new LinkedHashMap<>();
        table.forEach(input -> expected.put(input.what(), input.expected()));
        assertThat(window).as("the window").containsExactlyEntriesOf(expected);
        assertThat(cli).as("the command line").containsExactlyEntriesOf(expected);
        assertThat(csv).as("a CSV file").containsExactlyEntriesOf(expected);
    }

    @Test
    void anEmptyEtaOptionIsAMistakeOnTheCommandLineNotWarehouseStock() {
        // the command line's way to say "in the warehouse" is to leave --eta out; --eta '' is an unset
        // shell variable (docs/CLI.md), refused before anything runs
        Run run = InProcessCli.onDatabase(dir.resolve("db"), "add-batch", "b1", "LAMP", "5", "--eta", "");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--eta needs a value");
    }

    private static Verdict viaWindow(Input input) {
        AddBatchDialogViewModel form = new AddBatchDialogViewModel(null, null, null);
        form.reference().textProperty().set(input.reference());
        form.sku().textProperty().set("LAMP");
        form.quantity().textProperty().set(input.quantity());
        form.eta().textProperty().set(input.eta());
        if (!form.form().canSubmitProperty().get()) {
            return Verdict.REFUSED;
        }
        return accepted(form.reference().value().orElseThrow(), form.quantity().value().orElseThrow(),
                form.eta().value().orElse(null));
    }

    private Set<Integer> refusedRows(Path db, List<Input> table) throws IOException {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            all.add(i);
        }
        Path file = writeCsv("all.csv", table, all);
        Run run = InProcessCli.onDatabase(db, "import-batches", file.toString());
        Set<Integer> refused = new HashSet<>();
        Matcher line = Pattern.compile(": line (\\d+): ").matcher(run.err());
        while (line.find()) {
            refused.add(Integer.parseInt(line.group(1)) - 2); // line 1 is the header
        }
        assertThat(run.code()).as(run.err()).isEqualTo(refused.isEmpty() ? 0 : 2);
        return refused;
    }

    /** The rows as a spreadsheet saves them: every cell quoted, so {@code 1,000} stays one cell. */
    private Path writeCsv(String name, List<Input> table, List<Integer> rows) throws IOException {
        Path file = dir.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).build())) {
            printer.printRecord("ref", "sku", "qty", "eta");
            for (int i : rows) {
                Input input = table.get(i);
                printer.printRecord(input.reference(), sku(i), input.quantity(), input.eta());
            }
        }
        return file;
    }

    private static void readBack(Path db, List<Input> table, List<Integer> accepted, Map<String, Verdict> verdicts) {
        try (Bootstrap app = Bootstrap.start(AppConfig.from(db.toString(), Map.of()).readingFirst())) {
            BatchesQuery batches = app.get(BatchesQuery.class);
            for (int i = 0; i < table.size(); i++) {
                List<BatchRow> found = batches.list(sku(i));
                assertThat(found).as("batches of %s", table.get(i).what()).hasSizeLessThanOrEqualTo(1);
                Optional<BatchRow> batch = found.stream().findFirst();
                assertThat(batch.isPresent()).as("%s accepted", table.get(i).what()).isEqualTo(accepted.contains(i));
                verdicts.put(table.get(i).what(), batch
                        .map(b -> accepted(b.reference(), b.purchased(), b.eta()))
                        .orElse(Verdict.REFUSED));
            }
        }
    }
}
