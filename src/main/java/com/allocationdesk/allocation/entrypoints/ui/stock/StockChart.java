package com.allocationdesk.allocation.entrypoints.ui.stock;

import com.allocationdesk.allocation.queries.ArrivalRow;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One SKU's stock over time, as the Stock view draws it (plain data: the controller makes the
 * chart's series of it). Days are epoch days ({@link LocalDate#toEpochDay()}), from today to a
 * little after the last ETA.
 * <ul>
 * <li>{@link #supply()}: what the SKU has or will have, stepping up at each ETA: warehouse stock plus
 * every batch due by that day; a batch whose ETA is past (late) or today counts as due now. Each
 * future ETA is two points, the day's level before and after the batch arrives, so the line steps.
 * <li>{@link #allocated()}: what order lines hold (a flat line), and {@link #demand()}: that plus
 * what waits (a flat line).
 * <li>{@link #late()}: the point today that includes late shipments, when there are any (marked).
 * </ul>
 */
public record StockChart(String sku, long fromDay, long toDay, List<Point> supply, List<Point> allocated,
                         List<Point> demand, List<Point> late, LocalDate allocatedCoveredOn,
                         LocalDate demandCoveredOn, String summary) {
    /** The shortest span the chart shows, and the room after the last ETA (at least). */
    private static final int MIN_DAYS = 14;
    private static final int MIN_ROOM_AFTER = 7;

    /** {@code units} on epoch day {@code day}. */
    public record Point(long day, int units) {
    }

    public StockChart {
        supply = List.copyOf(supply);
        allocated = List.copyOf(allocated);
        demand = List.copyOf(demand);
        late = List.copyOf(late);
    }

    /**
     * The chart of a SKU whose batches bring {@code arrivals} (per ETA, null for the warehouse), with
     * {@code allocated} units held by order lines and {@code waiting} units waiting, seen on {@code today}.
     */
    public static StockChart of(String sku, List<ArrivalRow> arrivals, int allocated, int waiting, LocalDate today) {
        int now = 0;
        int lateUnits = 0;
        List<LocalDate> lateEtas = new ArrayList<>();
        List<ArrivalRow> future = new ArrayList<>();
        for (ArrivalRow arrival : arrivals) {
            if (arrival.eta() == null || !arrival.eta().isAfter(today)) {
                now += arrival.quantity();
                if (arrival.eta() != null && arrival.eta().isBefore(today)) {
                    lateUnits += arrival.quantity();
                    lateEtas.add(arrival.eta());
                }
            } else {
                future.add(arrival);
            }
        }
        future.sort(Comparator.comparing(ArrivalRow::eta));
        lateEtas.sort(Comparator.naturalOrder());
        long from = today.toEpochDay();
        long lastEta = future.isEmpty() ? from : future.get(future.size() - 1).eta().toEpochDay();
        long span = lastEta - from;
        long to = from + Math.max(MIN_DAYS, span + Math.max(MIN_ROOM_AFTER, span / 8));

        int demand = allocated + waiting;
        List<Point> supply = new ArrayList<>();
        supply.add(new Point(from, now));
        int level = now;
        LocalDate allocatedCovered = level >= allocated ? today : null;
        LocalDate demandCovered = level >= demand ? today : null;
        for (ArrivalRow arrival : future) {
            long day = arrival.eta().toEpochDay();
            supply.add(new Point(day, level));
            level += arrival.quantity();
            supply.add(new Point(day, level));
            if (allocatedCovered == null && level >= allocated) {
                allocatedCovered = arrival.eta();
            }
            if (demandCovered == null && level >= demand) {
                demandCovered = arrival.eta();
            }
        }
        supply.add(new Point(to, level));
        List<Point> late = lateUnits > 0 ? List.of(new Point(from, now)) : List.of();
        String summary = summary(today, level, allocated, demand, allocatedCovered, demandCovered,
                future.isEmpty() ? null : future.get(future.size() - 1).eta(), lateUnits, lateEtas);
        return new StockChart(sku, from, to, supply, List.of(new Point(from, allocated), new Point(to, allocated)),
                List.of(new Point(from, demand), new Point(to, demand)), late, allocatedCovered, demandCovered, summary);
    }

    private static String summary(LocalDate today, int total, int allocated, int demand, LocalDate allocatedCovered,
                                  LocalDate demandCovered, LocalDate lastEta, int lateUnits, List<LocalDate> lateEtas) {
        NumberFormat units = NumberFormat.getIntegerInstance();
        StringBuilder text = new StringBuilder();
        if (demand == 0) {
            text.append(total == 0 ? "No stock and no demand." : "No line is allocated or waiting.");
        } else if (today.equals(demandCovered)) {
            text.append("Stock on hand covers all demand (").append(units.format(demand)).append(") now.");
        } else {
            if (allocated > 0) {
                text.append("Allocated lines (").append(units.format(allocated)).append(") are covered ")
                        .append(allocatedCovered == null ? "by no arrival."
                                : today.equals(allocatedCovered) ? "now." : "from " + allocatedCovered + ".");
                text.append(' ');
            }
            if (demandCovered != null) {
                text.append("Supply catches up with all demand (").append(units.format(demand)).append(") on ")
                        .append(demandCovered).append('.');
            } else {
                text.append(lastEta == null ? "With no arrival due," : "After the last arrival (" + lastEta + "),")
                        .append(" supply stays ").append(units.format(demand - total))
                        .append(" short of all demand (").append(units.format(demand)).append(").");
            }
        }
        if (lateUnits > 0) {
            text.append(' ').append(units.format(lateUnits)).append(" late (ETA ")
                    .append(String.join(", ", lateEtas.stream().map(LocalDate::toString).toList()))
                    .append(") are counted as due now.");
        }
        return text.toString();
    }
}
