package com.allocationdesk.allocation.entrypoints.ui.orders;

import com.allocationdesk.allocation.queries.WaitingRow;

import java.time.Duration;
import java.time.Instant;

/** A waiting line as the table shows it, with how long it has waited at the last refresh. */
public record WaitingLineItem(String orderId, String sku, int quantity, Instant since, String waited) {
    static WaitingLineItem of(WaitingRow row, Instant now) {
        return new WaitingLineItem(row.orderId(), row.sku(), row.quantity(), row.since(),
                describe(Duration.between(row.since(), now)));
    }

    /** "just now", "12 min", "3 h 5 min", "2 days 4 h". */
    static String describe(Duration waited) {
        long minutes = Math.max(0, waited.toMinutes());
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h " + (minutes % 60) + " min";
        }
        long days = hours / 24;
        return days + (days == 1 ? " day " : " days ") + (hours % 24) + " h";
    }
}
