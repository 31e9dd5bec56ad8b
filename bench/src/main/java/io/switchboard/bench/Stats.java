package io.switchboard.bench;

import java.util.Arrays;
import java.util.List;

/** Medians and percentiles of measured values. */
final class Stats {

    private Stats() {}

    /** The median; the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The nearest-rank percentile (0-100) of the values; they are sorted in place. */
    static double percentile(double[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }

    /** a / b, or NaN when b is not positive. */
    static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }

    /** Rounded for reports: 3 significant digits below 100, whole numbers above. */
    static double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        if (Math.abs(value) >= 100) {
            return Math.round(value);
        }
        if (Math.abs(value) >= 10) {
            return Math.round(value * 10) / 10.0;
        }
        return Math.round(value * 1000) / 1000.0;
    }
}
