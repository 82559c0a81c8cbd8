package com.allocationdesk.allocation.domain.events;

import java.time.LocalDate;

/** A batch arrived or was announced; {@code eta} is null for warehouse stock. */
public record BatchCreated(String reference, String sku, int quantity, LocalDate eta) implements Event {
}
