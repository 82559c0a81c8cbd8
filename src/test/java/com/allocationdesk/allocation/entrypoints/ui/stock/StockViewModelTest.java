package com.allocationdesk.allocation.entrypoints.ui.stock;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The Stock view's small rules: what the filter lets through, how the next ETA reads. */
class StockViewModelTest {
    @Test
    void theFilterFindsTheTextAnywhereInTheSkuInAnyCase() {
        assertThat(StockViewModel.matches("DESK-LAMP", " lam ")).isTrue();
        assertThat(StockViewModel.matches("LAMP", "LA")).isTrue();
        assertThat(StockViewModel.matches("CHAIR", "lam")).isFalse();
        assertThat(StockViewModel.matches("CHAIR", "")).isTrue();
        assertThat(StockViewModel.matches("CHAIR", null)).isTrue();
    }

    @Test
    void aPastEtaIsMarkedLateAndNoEtaIsBlank() {
        LocalDate today = LocalDate.of(2027, 1, 15);

        assertThat(StockViewModel.etaText(LocalDate.of(2027, 1, 10), today)).isEqualTo("2027-01-10 (late)");
        assertThat(StockViewModel.etaText(today, today)).isEqualTo("2027-01-15");
        assertThat(StockViewModel.etaText(null, today)).isEmpty();
    }
}
