package io.regretless.conformal.metrics;

import io.regretless.conformal.PackedState;
import io.regretless.conformal.ScoreHistory;
import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;

/**
 * Running interval metrics of one model, as reported by Bhatnagar et al. 2023 (reference {@code utils}):
 * coverage (fraction of steps with lower ≤ y ≤ upper), mean width, the paper's width = median of (upper − lower)
 * divided by 2 ("median half-width"), and LCE_k for each configured k ({@link LocalCoverageError}).
 *
 * <p>The median runs over the last {@code medianWindow} widths (a {@link ScoreHistory}: 8 bytes of state per
 * width), so a long-lived evaluator stays bounded; give it at least the run length to get the paper's whole-run
 * median. Infinite widths (ACI) are counted as such: the mean becomes +∞ and the median only if they are the
 * majority. O(log n + n) per step for the median window, O(1) for the rest.
 */
public final class IntervalEvaluator {
    private final double target;
    private final LocalCoverageError[] lce;
    private final ScoreHistory widths;
    private long count;
    private long covered;
    private double widthSum;

    public IntervalEvaluator(double target, int medianWindow, int... lceWindows) {
        this(target, new ScoreHistory(medianWindow), lces(target, lceWindows));
    }

    private IntervalEvaluator(double target, ScoreHistory widths, LocalCoverageError[] lce) {
        this.target = target;
        this.widths = widths;
        this.lce = lce;
    }

    private static LocalCoverageError[] lces(double target, int[] windows) {
        LocalCoverageError[] out = new LocalCoverageError[windows.length];
        for (int i = 0; i < windows.length; i++) {
            out[i] = new LocalCoverageError(windows[i], target);
        }
        return out;
    }

    /** Observes one interval and the truth; returns whether it covered. */
    public boolean observe(double y, double lower, double upper) {
        boolean hit = lower <= y && y <= upper;
        double width = upper - lower;
        count++;
        if (hit) {
            covered++;
        }
        widthSum += width;
        widths.add(width);
        for (LocalCoverageError e : lce) {
            e.observe(hit);
        }
        return hit;
    }

    public long count() {
        return count;
    }

    public double target() {
        return target;
    }

    /** Fraction of covered steps; NaN before any. */
    public double coverage() {
        return count == 0 ? Double.NaN : (double) covered / count;
    }

    public double meanWidth() {
        return count == 0 ? Double.NaN : widthSum / count;
    }

    /** Median of the widths in the median window, halved (the mean of the two middle ones for an even count). */
    public double medianHalfWidth() {
        int n = widths.size();
        if (n == 0) {
            return Double.NaN;
        }
        double median = n % 2 == 1 ? widths.sortedValue(n / 2)
                : (widths.sortedValue(n / 2 - 1) + widths.sortedValue(n / 2)) / 2;
        return median / 2;
    }

    /** LCE_k for a configured window k. */
    public double lce(int k) {
        return tracker(k).value();
    }

    /** Coverage of the last k steps for a configured window k; NaN before k steps. */
    public double windowCoverage(int k) {
        return tracker(k).currentWindowCoverage();
    }

    private LocalCoverageError tracker(int k) {
        for (LocalCoverageError e : lce) {
            if (e.window() == k) {
                return e;
            }
        }
        throw new IllegalArgumentException("LCE window " + k + " is not tracked");
    }

    public PackedState exportState() {
        StateWriter w = new StateWriter("interval-evaluator").putDouble(target).putLong(count).putLong(covered)
                .putDouble(widthSum).putLong(widths.capacity());
        double[] ws = widths.toArray();
        w.putDoubles(ws, ws.length).putLong(lce.length);
        for (LocalCoverageError e : lce) {
            e.writeTo(w);
        }
        return w.build();
    }

    public static IntervalEvaluator restore(PackedState state) {
        StateReader r = new StateReader(state, "interval-evaluator");
        double target = r.getDouble();
        long count = r.getLong();
        long covered = r.getLong();
        double widthSum = r.getDouble();
        int cap = r.getSize();
        ScoreHistory widths = ScoreHistory.of(cap, r.getDoubles());
        LocalCoverageError[] lce = new LocalCoverageError[r.getSize()];
        for (int i = 0; i < lce.length; i++) {
            lce[i] = LocalCoverageError.readFrom(r);
        }
        r.finish();
        IntervalEvaluator ev = new IntervalEvaluator(target, widths, lce);
        ev.count = count;
        ev.covered = covered;
        ev.widthSum = widthSum;
        return ev;
    }
}
