package com.allocationdesk.allocation.entrypoints.ui;

import com.allocationdesk.allocation.domain.commands.Allocate;
import com.allocationdesk.allocation.domain.commands.Command;
import com.allocationdesk.allocation.domain.commands.CreateBatch;

import java.time.LocalDate;
import java.util.List;

/**
 * A small set of stock and orders so a new planner can try the window at once: four SKUs, warehouse
 * stock and one shipment on its way, and orders of which one cannot be served and waits.
 */
public final class SampleData {
    private SampleData() {
    }

    public static List<Command<?>> commands(LocalDate today) {
        return List.of(
                new CreateBatch("WH-CHAIR-01", "RED-CHAIR", 20, null),
                new CreateBatch("SHIP-CHAIR-02", "RED-CHAIR", 50, today.plusDays(14)),
                new CreateBatch("WH-LAMP-01", "BLUE-LAMP", 12, null),
                new CreateBatch("WH-TABLE-01", "OAK-TABLE", 5, null),
                new CreateBatch("WH-SOFA-01", "GREEN-SOFA", 8, null),
                new Allocate("ORD-1001", "RED-CHAIR", 6),
                new Allocate("ORD-1002", "BLUE-LAMP", 4),
                new Allocate("ORD-1003", "OAK-TABLE", 3),
                new Allocate("ORD-1004", "RED-CHAIR", 25),
                new Allocate("ORD-1005", "GREEN-SOFA", 2),
                new Allocate("ORD-1006", "OAK-TABLE", 4));
    }
}
