package com.allocationdesk.allocation.queries;

import java.time.LocalDate;

/**
 * Where one SKU's stock stands, over all its batches and waiting lines (units are pieces):
 * {@code onHand}, purchased in warehouse batches (no ETA); {@code inbound}, purchased in batches with
 * an ETA (a late one too: it has not arrived), and {@code nextEta}, the earliest of those ETAs (null
 * when none); {@code allocated}, what order lines hold in all batches; {@code available}, what is
 * free in all batches ({@code onHand + inbound - allocated}); {@code waitingUnits} and
 * {@code waitingLines}, the order lines that wait for stock; {@code shortfall}, the waiting units that
 * the available stock does not cover ({@code waitingUnits - available}, 0 when it covers them: a line
 * may wait beside enough free stock spread over batches none of which can take it whole).
 */
public record StockPositionRow(String sku, int onHand, int inbound, LocalDate nextEta, int allocated, int available,
                               int waitingUnits, int waitingLines, int shortfall) {
}
