package com.allocationdesk.allocation.domain.events;

/** A batch's purchased quantity was corrected (damage, loss, recount). */
public record BatchQuantityChanged(String reference, String sku, int previousQuantity, int quantity)
        implements Event {
}
