package com.allocationdesk.allocation.bootstrap;

/**
 * This desk as its ledger entries name it ({@code user@host}, the event log's {@code desk}): what
 * tells the window which entries another desk wrote.
 */
public record DeskIdentity(String name) {
}
