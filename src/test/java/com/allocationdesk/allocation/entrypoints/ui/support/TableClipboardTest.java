package com.allocationdesk.allocation.entrypoints.ui.support;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text Ctrl+C puts on the clipboard: tab-separated, a header line, columns that never shift. */
class TableClipboardTest {

    @Test
    void rowsAreTabSeparatedLinesUnderTheirHeader() {
        assertThat(TableClipboard.tsv(List.of("Order", "SKU", "Quantity"),
                List.of(List.of("ORD-1", "LAMP", "5"), List.of("ORD-2", "CHAIR", "12"))))
                .isEqualTo("Order\tSKU\tQuantity\nORD-1\tLAMP\t5\nORD-2\tCHAIR\t12\n");
    }

    @Test
    void aTabOrALineBreakInsideAValueBecomesASpaceSoTheColumnsNeverShift() {
        String text = TableClipboard.tsv(List.of("a", "b"),
                List.of(List.of("one\ttwo", "x\r\ny"), List.of("p\nq\rr", "s\u2028t\u0085u\u000Bv\fw")));
        assertThat(text).isEqualTo("a\tb\none two\tx y\np q r\ts t u v w\n");
        assertThat(text.split("\n")).allSatisfy(line -> assertThat(line.split("\t", -1)).hasSize(2));
    }

    @Test
    void aValueWithADoubleQuoteIsQuotedAsSpreadsheetsPasteIt() {
        assertThat(TableClipboard.cell("5\" pipe")).isEqualTo("\"5\"\" pipe\"");
        assertThat(TableClipboard.cell("\"Big\" lamp")).isEqualTo("\"\"\"Big\"\" lamp\"");
        assertThat(TableClipboard.cell("it's plain")).isEqualTo("it's plain");
    }

    @Test
    void nonAsciiIsKeptAndNullIsEmpty() {
        assertThat(TableClipboard.tsv(List.of("SKU", "Batch"),
                List.of(java.util.Arrays.asList("CHAISE-ÉTÉ-椅子-🪑", null))))
                .isEqualTo("SKU\tBatch\nCHAISE-ÉTÉ-椅子-🪑\t\n");
    }

    @Test
    void noRowsIsTheHeaderAlone() {
        assertThat(TableClipboard.tsv(List.of("Order", "SKU"), List.of())).isEqualTo("Order\tSKU\n");
    }
}
