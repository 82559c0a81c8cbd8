package com.allocationdesk.allocation.entrypoints.ui.stock;

import com.allocationdesk.allocation.entrypoints.ui.stock.StockChart.Point;
import com.allocationdesk.allocation.queries.ArrivalRow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One SKU's stock over time: supply stepping up at each ETA, against allocated and all demand. */
class StockChartTest {
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2027, 2, 1);
    private static final LocalDate MAR = LocalDate.of(2027, 3, 1);

    private static Point at(LocalDate day, int units) {
        return new Point(day.toEpochDay(), units);
    }

    @Nested
    class WarehouseAndTwoShipments {
        private final StockChart chart = StockChart.of("LAMP",
                List.of(new ArrivalRow(null, 10), new ArrivalRow(FEB, 20), new ArrivalRow(MAR, 5)), 23, 36, TODAY);

        @Test
        void supplyStartsWithTheWarehouseTodayAndStepsUpAtEachEta() {
            long end = chart.toDay();
            assertThat(end).isGreaterThan(MAR.toEpochDay());
            assertThat(chart.fromDay()).isEqualTo(TODAY.toEpochDay());
            assertThat(chart.supply()).containsExactly(at(TODAY, 10), at(FEB, 10), at(FEB, 30), at(MAR, 30), at(MAR, 35),
                    new Point(end, 35));
        }

        @Test
        void allocatedAndAllDemandAreFlatLinesOverTheWholeSpan() {
            long end = chart.toDay();
            assertThat(chart.allocated()).containsExactly(at(TODAY, 23), new Point(end, 23));
            assertThat(chart.demand()).containsExactly(at(TODAY, 59), new Point(end, 59));
            assertThat(chart.late()).isEmpty();
        }

        @Test
        void itSaysWhenAllocatedLinesAreCoveredAndHowShortAllDemandStays() {
            assertThat(chart.allocatedCoveredOn()).isEqualTo(FEB);
            assertThat(chart.demandCoveredOn()).isNull();
            assertThat(chart.summary()).isEqualTo("Allocated lines (23) are covered from 2027-02-01."
                    + " After the last arrival (2027-03-01), supply stays 24 short of all demand (59).");
        }
    }

    @Nested
    class ALateShipment {
        // a shipment due 2027-01-10 that has not arrived by the 15th, one due today, one on the 20th
        private final LocalDate today = LocalDate.of(2027, 1, 15);
        private final StockChart chart = StockChart.of("DESK", List.of(new ArrivalRow(null, 5),
                new ArrivalRow(LocalDate.of(2027, 1, 10), 3), new ArrivalRow(today, 2),
                new ArrivalRow(LocalDate.of(2027, 1, 20), 4)), 6, 6, today);

        @Test
        void countsAsDueNowAndIsMarkedToday() {
            assertThat(chart.supply()).containsExactly(at(today, 10), at(LocalDate.of(2027, 1, 20), 10),
                    at(LocalDate.of(2027, 1, 20), 14), new Point(chart.toDay(), 14));
            assertThat(chart.late()).containsExactly(at(today, 10));
        }

        @Test
        void theSummaryTellsTheLateUnitsAndWhenDemandIsCovered() {
            assertThat(chart.allocatedCoveredOn()).isEqualTo(today);
            assertThat(chart.demandCoveredOn()).isEqualTo(LocalDate.of(2027, 1, 20));
            assertThat(chart.summary()).isEqualTo("Allocated lines (6) are covered now."
                    + " Supply catches up with all demand (12) on 2027-01-20."
                    + " 3 late (ETA 2027-01-10) are counted as due now.");
        }
    }

    @Test
    void warehouseStockAloneIsTwoPointsAndCoversDemandNow() {
        StockChart chart = StockChart.of("CHAIR", List.of(new ArrivalRow(null, 5)), 5, 0, TODAY);

        assertThat(chart.supply()).containsExactly(at(TODAY, 5), new Point(chart.toDay(), 5));
        assertThat(chart.toDay()).isGreaterThan(TODAY.toEpochDay());
        assertThat(chart.summary()).isEqualTo("Stock on hand covers all demand (5) now.");
    }

    @Test
    void aSkuWithNoStockAndNoDemandSaysSo() {
        StockChart chart = StockChart.of("NONE", List.of(), 0, 0, TODAY);

        assertThat(chart.supply()).containsExactly(at(TODAY, 0), new Point(chart.toDay(), 0));
        assertThat(chart.summary()).isEqualTo("No stock and no demand.");
    }
}
