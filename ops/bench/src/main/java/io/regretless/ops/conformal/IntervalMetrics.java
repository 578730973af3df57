package io.regretless.ops.conformal;

import java.util.Arrays;

import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.conformal.metrics.LocalCoverageError;

/**
 * The figures of one benchmark row over its scored steps: coverage, mean width, the paper's median
 * half-width, LCE_20 and LCE_100 (Bhatnagar et al. 2023). Widths are on the series' [0, 1] scale;
 * the mean width is over bounded intervals only, as the reference computes it (an unbounded one still counts in
 * the median, ranked last). {@link #equals} compares every double as
 * {@link Double#compare} does, i.e. bit for bit.
 *
 * @param scored scored steps (labels after the warm-up)
 */
public record IntervalMetrics(long scored, double coverage, double meanWidth, double medianHalfWidth,
                              double lce20, double lce100) {
    public static final int SHORT_WINDOW = 20;
    public static final int LONG_WINDOW = 100;

    /** The figures of an evaluator that tracks LCE windows 20 and 100 and whose median window holds every step. */
    public static IntervalMetrics of(IntervalEvaluator e) {
        return new IntervalMetrics(e.count(), e.coverage(), e.meanWidth(), e.medianHalfWidth(),
            e.lce(SHORT_WINDOW), e.lce(LONG_WINDOW));
    }

    /**
     * The same figures computed from recorded steps (what the Kafka run has: covered flags from the
     * evaluation records, widths from the intervals). Sums and order statistics are taken in the same
     * order as {@link IntervalEvaluator}'s, so the same steps give bit-identical figures.
     */
    public static IntervalMetrics of(double target, boolean[] covered, double[] widths) {
        if (covered.length != widths.length) {
            throw new IllegalArgumentException(covered.length + " covered flags but " + widths.length + " widths");
        }
        int n = covered.length;
        LocalCoverageError shortLce = new LocalCoverageError(SHORT_WINDOW, target);
        LocalCoverageError longLce = new LocalCoverageError(LONG_WINDOW, target);
        long hits = 0;
        long bounded = 0;
        double widthSum = 0;
        for (int i = 0; i < n; i++) {
            if (covered[i]) {
                hits++;
            }
            if (widths[i] < Double.POSITIVE_INFINITY) {
                bounded++;
                widthSum += widths[i];
            }
            shortLce.observe(covered[i]);
            longLce.observe(covered[i]);
        }
        double median = Double.NaN;
        if (n > 0) {
            double[] sorted = widths.clone();
            Arrays.sort(sorted);
            median = (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) / 2;
        }
        return new IntervalMetrics(n, n == 0 ? Double.NaN : (double) hits / n, bounded == 0 ? Double.NaN : widthSum / bounded,
            median, shortLce.value(), longLce.value());
    }
}
