package com.allocationdesk.allocation.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Percentiles of one run, and min / median / max of a figure over runs. */
final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile of nanosecond samples. */
    static double percentile(long[] samples, double p) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** One figure measured once per run. */
    static final class Figure {
        final String name;
        final String unit;
        final List<Double> values = new ArrayList<>();

        Figure(String name, String unit) {
            this.name = name;
            this.unit = unit;
        }

        Figure add(double value) {
            values.add(value);
            return this;
        }

        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        /** The sum over all runs: with the same work per run, the steadier base for a ratio than one run. */
        double total() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }

        double median() {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }

        String row() {
            return "| " + name + " | " + fmt(min()) + " | " + fmt(median()) + " | " + fmt(max()) + " | " + unit
                    + " | " + values.stream().map(Stats::fmt).toList() + " |";
        }

        Figure map(String newName, String newUnit, DoubleUnaryOperator f) {
            Figure mapped = new Figure(newName, newUnit);
            values.forEach(v -> mapped.add(f.applyAsDouble(v)));
            return mapped;
        }
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
