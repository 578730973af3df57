package io.regretless.ops.report;

import java.util.Locale;

/**
 * The ticks of one chart axis: round values 1, 2 or 5 times a power of ten apart, from a multiple
 * of that step at or below the data's minimum to one at or above its maximum (Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990). Labels carry exactly as many decimals as the
 * step needs; when the largest tick reaches 10,000 they are written in k, M or G so they fit the
 * margin.
 *
 * @param firstMultiple the first tick is {@code firstMultiple} steps from zero
 * @param count         ticks, at least 2
 * @param mantissa      the step is {@code mantissa}·10^{@code exponent}, mantissa 1, 2 or 5
 */
record AxisTicks(long firstMultiple, int count, int mantissa, int exponent) {
    private static final int TARGET_INTERVALS = 5;

    /** Ticks covering [min, max]; an empty or single-value range is widened around its value. */
    static AxisTicks covering(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        } else if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double rough = (max - min) / TARGET_INTERVALS;
        int exponent = (int) Math.floor(Math.log10(rough));
        double raw = rough / Math.pow(10, exponent);
        int mantissa = raw <= 1 ? 1 : raw <= 2 ? 2 : raw <= 5 ? 5 : 10;
        if (mantissa == 10) {
            mantissa = 1;
            exponent++;
        }
        double step = scaled(mantissa, exponent);
        // the slack absorbs rounding in min/step (0.30000000000000004 / 0.1 is a hair above 3)
        long firstMultiple = (long) Math.floor(min / step + 1e-9);
        long lastMultiple = Math.max(firstMultiple + 1, (long) Math.ceil(max / step - 1e-9));
        return new AxisTicks(firstMultiple, (int) (lastMultiple - firstMultiple) + 1, mantissa, exponent);
    }

    double step() {
        return scaled(mantissa, exponent);
    }

    /** The i-th tick's value, i in [0, count). */
    double value(int i) {
        return scaled((firstMultiple + i) * mantissa, exponent);
    }

    double first() {
        return value(0);
    }

    double last() {
        return value(count - 1);
    }

    /** The i-th tick's label, e.g. "0.25", "1,500" or "20k". */
    String label(int i) {
        double v = value(i);
        if (v == 0) {
            return "0";
        }
        double largest = Math.max(Math.abs(first()), Math.abs(last()));
        double unit = largest >= 1e9 ? 1e9 : largest >= 1e6 ? 1e6 : largest >= 1e4 ? 1e3 : 1;
        String suffix = unit == 1e9 ? "G" : unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
        int decimals = Math.max(0, (int) Math.round(Math.log10(unit)) - exponent);
        return String.format(Locale.ROOT, "%,." + decimals + "f", v / unit) + suffix;
    }

    /** m·10^e; for negative e divided by an exact power of ten, so 3·10^-1 is the double nearest 0.3. */
    private static double scaled(long m, int e) {
        return e >= 0 ? m * Math.pow(10, e) : m / Math.pow(10, -e);
    }
}
