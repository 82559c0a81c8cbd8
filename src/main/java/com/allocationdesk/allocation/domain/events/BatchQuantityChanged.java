package com.allocationdesk.allocation.domain.events;

import java.util.List;

/**
 * A batch's purchased quantity was corrected (damage, loss, recount). {@code moved} names each line
 * the batch gave back because it no longer had room, and where each went (empty when none left).
 */
public record BatchQuantityChanged(String reference, String sku, int previousQuantity, int quantity,
                                   List<LineMove> moved) implements Event {
    public BatchQuantityChanged {
        moved = List.copyOf(moved);
    }
}
