package com.allocationdesk.allocation.entrypoints.imports;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one sentence the window shows for what an order import left waiting. */
class ImportReportTest {
    private static ImportReport done(Map<String, Long> waitingPerSku) {
        return ImportReport.done(Path.of("in", "orders.csv"), 500, "Imported 500 order lines")
                .leaving(ImportReport.Waiting.of(waitingPerSku));
    }

    @Test
    void namesTheTwoSkusWithTheMostWaitingLinesAndCountsTheOthers() {
        ImportReport report = done(Map.of("LAMP", 40L, "CHAIR", 70L, "DESK", 10L, "SOFA", 10L, "BED", 2L));

        assertThat(report.waiting()).isEqualTo(new ImportReport.Waiting(132, List.of("CHAIR", "LAMP", "DESK", "SOFA", "BED")));
        assertThat(report.waitingSummary())
                .isEqualTo("Import of orders.csv: 132 lines wait for stock (CHAIR, LAMP and 3 more SKUs)");
    }

    @Test
    void oneTwoOrThreeSkusReadAsASentence() {
        assertThat(done(Map.of("LAMP", 1L)).waitingSummary()).isEqualTo("Import of orders.csv: 1 line waits for stock (LAMP)");
        assertThat(done(Map.of("LAMP", 1L, "CHAIR", 1L)).waitingSummary())
                .isEqualTo("Import of orders.csv: 2 lines wait for stock (CHAIR and LAMP)");
        assertThat(done(Map.of("LAMP", 1L, "CHAIR", 1L, "DESK", 1L)).waiting().skuList())
                .isEqualTo("CHAIR, DESK and 1 more SKU");
    }

    @Test
    void anImportThatLeftNothingWaitingHasNoSentence() {
        assertThat(done(Map.of()).waitingSummary()).isEmpty();
        assertThat(done(Map.of()).waiting()).isEqualTo(ImportReport.Waiting.NONE);
        assertThat(new ImportReport(ImportReport.Status.DONE, Path.of("b.csv"), 1, 1, List.of(), "x").waiting())
                .isEqualTo(ImportReport.Waiting.NONE);
    }
}
