package io.regretless.conformal.metrics;

import io.regretless.codec.PackedState;
import io.regretless.codec.ScoreStoreCodec;
import io.regretless.codec.StateReader;
import io.regretless.codec.StateWriter;
import io.regretless.conformal.PastScores;

/**
 * Running interval metrics of one model, with the definitions of the conformal reference figures
 * ({@code data/conformal-reference}; Bhatnagar et al. 2023, reference {@code utils}): coverage (fraction of steps
 * with lower ≤ y ≤ upper); mean width over the bounded intervals only, with the share of unbounded ones reported
 * apart ({@link #unboundedShare()}); the paper's width, the median of (upper − lower) over the whole run divided
 * by 2 ("median half-width", unbounded widths ranked last); and LCE_k for each configured k
 * ({@link LocalCoverageError}).
 *
 * <p>The whole-run median is streamed through {@link PastScores}: exact (numpy's median, the mean of the two
 * middle widths for an even count) while at most {@code exactWidths} widths have been seen, then the width of rank
 * ⌈n/2⌉ of a Greenwald–Khanna summary, within {@link PastScores#SKETCH_EPSILON}·n ranks of the true median.
 * O(log n + n) per step while exact, O(summary) after; O(1) for the rest.
 */
public final class IntervalEvaluator {
    /** The state kind; the layout changed with the bounded-only mean (the former "interval-evaluator"). */
    static final String KIND = "interval-evaluator-2";
    private static final String LEGACY_KIND = "interval-evaluator";

    private final double target;
    private final LocalCoverageError[] lce;
    private final PastScores widths;
    private final GroupCoverage groups;
    private long count;
    private long covered;
    private long bounded;
    private double widthSum;

    public IntervalEvaluator(double target, int exactWidths, int... lceWindows) {
        this(target, new PastScores(exactWidths), new GroupCoverage(), lces(target, lceWindows));
    }

    private IntervalEvaluator(double target, PastScores widths, GroupCoverage groups, LocalCoverageError[] lce) {
        this.target = target;
        this.widths = widths;
        this.groups = groups;
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
        return observe(y, lower, upper, java.util.List.of());
    }

    /** {@link #observe(double, double, double)} for a prediction in {@code groups}, counted in each. */
    public boolean observe(double y, double lower, double upper, java.util.Collection<String> groups) {
        boolean hit = lower <= y && y <= upper;
        double width = upper - lower;
        count++;
        if (hit) {
            covered++;
        }
        if (width < Double.POSITIVE_INFINITY) {
            bounded++;
            widthSum += width;
        }
        widths.add(width);
        for (LocalCoverageError e : lce) {
            e.observe(hit);
        }
        this.groups.observe(hit, groups);
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

    /** Mean width of the bounded intervals; NaN before any. */
    public double meanWidth() {
        return bounded == 0 ? Double.NaN : widthSum / bounded;
    }

    /** Fraction of scored intervals that were unbounded (the reference's {@code frac_inf}); NaN before any. */
    public double unboundedShare() {
        return count == 0 ? Double.NaN : (double) (count - bounded) / count;
    }

    /** Intervals scored that were bounded. */
    public long boundedCount() {
        return bounded;
    }

    /** Median width over the whole run, halved: exact up to the exact limit, then within ε·n ranks. */
    public double medianHalfWidth() {
        long n = widths.count();
        if (n == 0) {
            return Double.NaN;
        }
        if (!widths.isExact()) {
            return widths.valueAtRank((n + 1) / 2) / 2;
        }
        double median = n % 2 == 1 ? widths.valueAtRank(n / 2 + 1)
                : (widths.valueAtRank(n / 2) + widths.valueAtRank(n / 2 + 1)) / 2;
        return median / 2;
    }

    /** Coverage per group of the scored predictions that named groups. */
    public java.util.List<GroupCoverage.Figure> groupCoverage() {
        return groups.figures();
    }

    /** The figures of one group, or null when no scored prediction named it. */
    public GroupCoverage.Figure groupCoverage(String group) {
        return groups.figure(group);
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
        StateWriter w = new StateWriter(KIND).putDouble(target).putLong(count).putLong(covered)
                .putLong(bounded).putDouble(widthSum);
        ScoreStoreCodec.putPastScores(widths.state(), w);
        groups.writeTo(w);
        w.putLong(lce.length);
        for (LocalCoverageError e : lce) {
            e.writeTo(w);
        }
        return w.build();
    }

    public static IntervalEvaluator restore(PackedState state) {
        if (state.kind().equals(LEGACY_KIND)) {
            return restoreLegacy(state);
        }
        StateReader r = new StateReader(state, KIND);
        double target = r.getDouble();
        long count = r.getLong();
        long covered = r.getLong();
        long bounded = r.getLong();
        double widthSum = r.getDouble();
        PastScores widths = PastScores.restore(ScoreStoreCodec.getPastScores(r));
        GroupCoverage groups = GroupCoverage.readFrom(r);
        LocalCoverageError[] lce = new LocalCoverageError[r.getSize()];
        for (int i = 0; i < lce.length; i++) {
            lce[i] = LocalCoverageError.readFrom(r);
        }
        r.finish();
        IntervalEvaluator ev = new IntervalEvaluator(target, widths, groups, lce);
        ev.count = count;
        ev.covered = covered;
        ev.bounded = bounded;
        ev.widthSum = widthSum;
        return ev;
    }

    /**
     * A state stored before the mean covered bounded intervals only: target, counts, the sum of every width, and
     * the last widths (a window). When that sum is finite every interval was bounded and the state converts
     * exactly; otherwise the bounded mean restarts from the window's bounded widths. The window becomes the
     * start of the whole-run widths.
     */
    private static IntervalEvaluator restoreLegacy(PackedState state) {
        StateReader r = new StateReader(state, LEGACY_KIND);
        double target = r.getDouble();
        long count = r.getLong();
        long covered = r.getLong();
        double widthSum = r.getDouble();
        r.getSize();
        double[] window = r.getDoubles();
        LocalCoverageError[] lce = new LocalCoverageError[r.getSize()];
        for (int i = 0; i < lce.length; i++) {
            lce[i] = LocalCoverageError.readFrom(r);
        }
        r.finish();
        IntervalEvaluator ev = new IntervalEvaluator(target,
            PastScores.of(Math.max(window.length, io.regretless.conformal.CalibratorConfig.DEFAULT_EXACT_HISTORY), window),
            new GroupCoverage(), lce);
        ev.count = count;
        ev.covered = covered;
        if (Double.isFinite(widthSum)) {
            ev.bounded = count;
            ev.widthSum = widthSum;
        } else {
            for (double w : window) {
                if (w < Double.POSITIVE_INFINITY) {
                    ev.bounded++;
                    ev.widthSum += w;
                }
            }
        }
        return ev;
    }
}
