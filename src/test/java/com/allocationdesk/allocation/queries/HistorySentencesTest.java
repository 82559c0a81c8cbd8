package com.allocationdesk.allocation.queries;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One sentence per type and cause, from the JSON of docs/EVENTS.md. */
class HistorySentencesTest {
    private static final Instant AT = Instant.parse("2026-12-01T14:02:11.123456Z");
    private final HistorySentences sentences = new HistorySentences(ZoneId.of("UTC"));

    private static LogEntryRow entry(String type, int version, String order, String batch, String sku, String data) {
        return new LogEntryRow(7, AT, type, version, "anna@desk-3", sku, order, batch, data);
    }

    private String allocated(String data) {
        return sentences.sentence(entry("line.allocated", 1, "ORD-1001", "SHIP-CHAIR-02", "CHAIR", data));
    }

    private static String cause(String kind, String batch, String order, Integer from, Integer to) {
        return "{\"kind\":\"" + kind + "\",\"batch\":" + quoted(batch) + ",\"order\":" + quoted(order)
                + ",\"from\":" + from + ",\"to\":" + to + "}";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private static String allocation(String batch, String eta, String passedOver, int more, String tiedWith, String cause,
                                     String movedFrom, String waitedSince) {
        return "{\"order\":\"ORD-1001\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"" + batch + "\",\"eta\":" + quoted(eta)
                + ",\"rule\":\"earliest-eta\",\"passedOver\":" + passedOver + ",\"passedOverMore\":" + more
                + ",\"tiedWith\":" + tiedWith + ",\"cause\":" + cause + ",\"movedFrom\":" + quoted(movedFrom)
                + ",\"waitedSince\":" + quoted(waitedSince) + "}";
    }

    @Test
    void theDocumentedExampleIsAMove() {
        assertThat(allocated(allocation("SHIP-CHAIR-02", "2026-12-15", "[{\"batch\":\"WH-CHAIR-01\",\"eta\":null,\"available\":3}]",
                0, "[]", cause("quantity-reduced", "WH-CHAIR-01", null, 20, 3), "WH-CHAIR-01", null)))
                .isEqualTo("2026-12-01 14:02 ORD-1001 8 × CHAIR moved from WH-CHAIR-01 to SHIP-CHAIR-02 (ETA 2026-12-15):"
                        + " WH-CHAIR-01 was reduced from 20 to 3");
    }

    @Test
    void aNewLineInWarehouseStockNeedsNoReason() {
        assertThat(allocated(allocation("WH-CHAIR-01", null, "[]", 0, "[]", cause("planner", null, null, null, null), null, null)))
                .isEqualTo("2026-12-01 14:02 ORD-1001 8 × CHAIR allocated to WH-CHAIR-01 (warehouse stock)");
    }

    @Test
    void aNewLineNamesThePassedOverBatchesAndTheTies() {
        assertThat(allocated(allocation("SHIP-CHAIR-02", "2026-12-15",
                "[{\"batch\":\"WH-1\",\"eta\":null,\"available\":3},{\"batch\":\"WH-2\",\"eta\":null,\"available\":0}]",
                2, "[\"SHIP-CHAIR-03\"]", cause("planner", null, null, null, null), null, null)))
                .isEqualTo("2026-12-01 14:02 ORD-1001 8 × CHAIR allocated to SHIP-CHAIR-02 (ETA 2026-12-15):"
                        + " WH-1 had 3 of the 8 needed; WH-2 had 0 of the 8 needed; 2 more batches had too little;"
                        + " ties by reference with SHIP-CHAIR-03");
    }

    @Test
    void aWaitingLineServedByANewBatch() {
        assertThat(allocated(allocation("WH-9", null, "[]", 0, "[]", cause("batch-added", "WH-9", null, null, null),
                null, "2026-11-30T08:15:00Z")))
                .isEqualTo("2026-12-01 14:02 ORD-1001 8 × CHAIR placed in WH-9 (warehouse stock) after waiting since"
                        + " 2026-11-30 08:15: batch WH-9 arrived");
        assertThat(allocated(allocation("SHIP-9", "2027-01-02", "[]", 0, "[]", cause("batch-added", "SHIP-9", null, null, null),
                null, "2026-11-30T08:15:00Z")))
                .endsWith("placed in SHIP-9 (ETA 2027-01-02) after waiting since 2026-11-30 08:15: batch SHIP-9 was announced");
    }

    @Test
    void aWaitingLineServedByARaisedQuantityACancelledLineOrTheRepair() {
        assertThat(allocated(allocation("WH-1", null, "[]", 0, "[]", cause("quantity-raised", "WH-1", null, 3, 20),
                null, "2026-11-30T08:15:00Z"))).endsWith("after waiting since 2026-11-30 08:15: WH-1 was raised from 3 to 20");
        assertThat(allocated(allocation("WH-1", null, "[]", 0, "[]", cause("line-cancelled", null, "ORD-9", null, null),
                null, "2026-11-30T08:15:00Z"))).endsWith("after waiting since 2026-11-30 08:15: ORD-9's line was cancelled");
        assertThat(allocated(allocation("WH-1", null, "[]", 0, "[]", cause("repair", null, null, null, null),
                null, "2026-11-30T08:15:00Z"))).endsWith(": the start-up repair found stock free for it");
    }

    @Test
    void aDeallocatedLineLeftItsBatch() {
        assertThat(sentences.sentence(entry("line.deallocated", 1, "ORD-1001", "WH-CHAIR-01", "CHAIR",
                "{\"order\":\"ORD-1001\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"WH-CHAIR-01\","
                        + "\"waitingSince\":\"2026-12-01T14:02:11Z\",\"cause\":" + cause("quantity-reduced", "WH-CHAIR-01", null, 20, 3) + "}")))
                .isEqualTo("2026-12-01 14:02 ORD-1001 8 × CHAIR left WH-CHAIR-01: WH-CHAIR-01 was reduced from 20 to 3");
    }

    @Test
    void aDeallocationIsLeftOutWhenTheMoveFollowsButKeptWhenTheLineWaits() {
        String deallocated = "{\"order\":\"ORD-1\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"WH-1\",\"waitingSince\":\"2026-12-01T14:02:11Z\","
                + "\"cause\":" + cause("quantity-reduced", "WH-1", null, 20, 3) + "}";
        String moved = "{\"order\":\"ORD-1\",\"sku\":\"CHAIR\",\"quantity\":8,\"batch\":\"SHIP-1\",\"eta\":\"2026-12-15\",\"rule\":\"earliest-eta\","
                + "\"passedOver\":[],\"passedOverMore\":0,\"tiedWith\":[],\"cause\":" + cause("quantity-reduced", "WH-1", null, 20, 3)
                + ",\"movedFrom\":\"WH-1\",\"waitedSince\":null}";
        String waits = "{\"order\":\"ORD-2\",\"sku\":\"CHAIR\",\"quantity\":5,\"since\":\"2026-12-01T14:02:11Z\",\"position\":1,"
                + "\"largestAvailable\":3,\"cause\":" + cause("quantity-reduced", "WH-1", null, 20, 3) + "}";
        List<String> told = sentences.tell(List.of(
                entry("line.deallocated", 1, "ORD-1", "WH-1", "CHAIR", deallocated),
                entry("line.deallocated", 1, "ORD-2", "WH-1", "CHAIR", deallocated.replace("ORD-1", "ORD-2").replace(":8", ":5")),
                entry("line.allocated", 1, "ORD-1", "SHIP-1", "CHAIR", moved),
                entry("line.waiting", 1, "ORD-2", null, "CHAIR", waits)));

        assertThat(told).containsExactly(
                "2026-12-01 14:02 ORD-2 5 × CHAIR left WH-1: WH-1 was reduced from 20 to 3",
                "2026-12-01 14:02 ORD-1 8 × CHAIR moved from WH-1 to SHIP-1 (ETA 2026-12-15): WH-1 was reduced from 20 to 3",
                "2026-12-01 14:02 ORD-2 5 × CHAIR waits for stock again after WH-1 was reduced from 20 to 3,"
                        + " position 1 in the CHAIR queue; at most 3 free in one batch");
    }

    @Test
    void aWaitingLineSaysItsPlaceAndTheLargestFreeStock() {
        assertThat(sentences.sentence(entry("line.waiting", 1, "ORD-7", null, "LAMP",
                "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":5,\"since\":\"2026-12-01T14:02:11Z\",\"position\":3,"
                        + "\"largestAvailable\":2,\"cause\":" + cause("planner", null, null, null, null) + "}")))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP waits for stock, position 3 in the LAMP queue; at most 2 free in one batch");
        assertThat(sentences.sentence(entry("line.waiting", 1, "ORD-7", null, "LAMP",
                "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":5,\"since\":\"2026-12-01T14:02:11Z\",\"position\":1,"
                        + "\"largestAvailable\":0,\"cause\":" + cause("planner", null, null, null, null) + "}")))
                .endsWith("position 1 in the LAMP queue; no batch has any free");
    }

    @Test
    void aLinesQuantityChangedInPlaceMovedOrWaiting() {
        String json = "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":%d,\"previousQuantity\":%d,"
                + "\"fromBatch\":%s,\"toBatch\":%s,\"waitingPosition\":%s}";
        assertThat(sentences.sentence(entry("line.quantity_changed", 1, "ORD-7", "WH-1", "LAMP",
                json.formatted(3, 5, "\"WH-1\"", "\"WH-1\"", "null"))))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP changed to 3, staying in WH-1");
        assertThat(sentences.sentence(entry("line.quantity_changed", 1, "ORD-7", "WH-1", "LAMP",
                json.formatted(12, 5, "\"WH-1\"", "\"SHIP-2\"", "null"))))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP changed to 12, moving from WH-1 to SHIP-2");
        assertThat(sentences.sentence(entry("line.quantity_changed", 1, "ORD-7", "WH-1", "LAMP",
                json.formatted(40, 5, "\"WH-1\"", "null", "2"))))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP changed to 40, leaving WH-1 to wait, position 2 in the LAMP queue");
        assertThat(sentences.sentence(entry("line.quantity_changed", 1, "ORD-7", null, "LAMP",
                json.formatted(9, 5, "null", "null", "1"))))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP changed to 9, still waiting, position 1 in the LAMP queue");
        assertThat(sentences.sentence(entry("line.quantity_changed", 1, "ORD-7", null, "LAMP",
                json.formatted(2, 5, "null", "\"WH-1\"", "null"))))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP changed to 2 while it waited, and placed in WH-1");
        assertThat(allocated(allocation("WH-1", null, "[]", 0, "[]", cause("line-quantity-changed", null, "ORD-9", 8, 2),
                null, "2026-11-30T08:15:00Z"))).endsWith("after waiting since 2026-11-30 08:15: ORD-9's line was changed from 8 to 2");
    }

    @Test
    void aCancelledLine() {
        assertThat(sentences.sentence(entry("line.cancelled", 1, "ORD-7", "WH-1", "LAMP",
                "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":5,\"batch\":\"WH-1\"}")))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP cancelled, freeing its place in WH-1");
        assertThat(sentences.sentence(entry("line.cancelled", 1, "ORD-7", null, "LAMP",
                "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":5,\"batch\":null}")))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP cancelled while it waited for stock");
    }

    @Test
    void batchesCreated() {
        assertThat(sentences.sentence(entry("batch.created", 1, null, "WH-1", "LAMP",
                "{\"batch\":\"WH-1\",\"sku\":\"LAMP\",\"quantity\":20,\"eta\":null}")))
                .isEqualTo("2026-12-01 14:02 WH-1 20 × LAMP arrived in the warehouse");
        assertThat(sentences.sentence(entry("batch.created", 1, null, "SHIP-1", "LAMP",
                "{\"batch\":\"SHIP-1\",\"sku\":\"LAMP\",\"quantity\":20,\"eta\":\"2027-01-15\"}")))
                .isEqualTo("2026-12-01 14:02 SHIP-1 20 × LAMP announced for 2027-01-15");
    }

    @Test
    void batchQuantityChanged() {
        assertThat(sentences.sentence(entry("batch.quantity_changed", 1, null, "WH-CHAIR-01", "CHAIR",
                "{\"batch\":\"WH-CHAIR-01\",\"sku\":\"CHAIR\",\"from\":20,\"to\":3,\"moved\":["
                        + "{\"order\":\"ORD-3\",\"quantity\":4,\"toBatch\":null,\"waitingPosition\":1},"
                        + "{\"order\":\"ORD-2\",\"quantity\":5,\"toBatch\":\"SHIP-CHAIR-02\",\"waitingPosition\":null},"
                        + "{\"order\":\"ORD-1\",\"quantity\":8,\"toBatch\":\"SHIP-CHAIR-02\",\"waitingPosition\":null}]}")))
                .isEqualTo("2026-12-01 14:02 WH-CHAIR-01 reduced from 20 to 3: 2 lines moved to SHIP-CHAIR-02, 1 waits");
        assertThat(sentences.sentence(entry("batch.quantity_changed", 1, null, "WH-1", "CHAIR",
                "{\"batch\":\"WH-1\",\"sku\":\"CHAIR\",\"from\":3,\"to\":20,\"moved\":[]}")))
                .isEqualTo("2026-12-01 14:02 WH-1 raised from 3 to 20");
        assertThat(sentences.sentence(entry("batch.quantity_changed", 1, null, "WH-1", "CHAIR",
                "{\"batch\":\"WH-1\",\"sku\":\"CHAIR\",\"from\":20,\"to\":15,\"moved\":[]}")))
                .isEqualTo("2026-12-01 14:02 WH-1 reduced from 20 to 15: no line had to leave");
    }

    @Test
    void unknownTypesNewerVersionsAndUnreadablePayloadsGetANeutralSentence() {
        String neutral = "2026-12-01 14:02 entry 7 of type %s (version %d) about ORD-1, CHAIR,"
                + " which this version of the desk does not tell in words";
        assertThat(sentences.sentence(entry("line.teleported", 1, "ORD-1", null, "CHAIR", "{}")))
                .isEqualTo(neutral.formatted("line.teleported", 1));
        assertThat(sentences.sentence(entry("line.cancelled", 2, "ORD-1", null, "CHAIR",
                "{\"order\":\"ORD-1\",\"sku\":\"CHAIR\",\"quantity\":5,\"batch\":null}")))
                .isEqualTo(neutral.formatted("line.cancelled", 2));
        assertThat(sentences.sentence(entry("line.cancelled", 1, "ORD-1", null, "CHAIR", "not json")))
                .isEqualTo(neutral.formatted("line.cancelled", 1));
        assertThat(sentences.sentence(entry("line.cancelled", 1, "ORD-1", null, "CHAIR", "{\"order\":\"ORD-1\"}")))
                .isEqualTo(neutral.formatted("line.cancelled", 1));
    }

    @Test
    void fieldsThisVersionDoesNotKnowAreIgnored() {
        assertThat(sentences.sentence(entry("line.cancelled", 1, "ORD-7", null, "LAMP",
                "{\"order\":\"ORD-7\",\"sku\":\"LAMP\",\"quantity\":5,\"batch\":null,\"reason\":\"customer\"}")))
                .isEqualTo("2026-12-01 14:02 ORD-7 5 × LAMP cancelled while it waited for stock");
    }

    @Test
    void timesAreShownInTheDesksZone() {
        assertThat(new HistorySentences(ZoneId.of("Europe/Berlin")).sentence(entry("batch.created", 1, null, "WH-1", "LAMP",
                "{\"batch\":\"WH-1\",\"sku\":\"LAMP\",\"quantity\":20,\"eta\":null}"))).startsWith("2026-12-01 15:02 ");
    }
}
