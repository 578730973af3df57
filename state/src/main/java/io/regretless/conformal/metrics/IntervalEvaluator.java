package io.regretless.conformal.metrics;

import java.util.ArrayList;
import java.util.List;

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
    /**
     * The target, the intervals scored, covered and bounded, the sum of the bounded widths, every width (ranked
     * for the median), the per-group counts, and the local coverage error trackers.
     */
    public record State(double target, long count, long covered, long bounded, double widthSum,
                        PastScores.State widths, GroupCoverage.State groups, List<LocalCoverageError.State> lce) {
        public State {
            lce = List.copyOf(lce);
        }
    }

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

    public State state() {
        List<LocalCoverageError.State> trackers = new ArrayList<>();
        for (LocalCoverageError e : lce) {
            trackers.add(e.state());
        }
        return new State(target, count, covered, bounded, widthSum, widths.state(), groups.state(), trackers);
    }

    /** @throws IllegalArgumentException if the state is not a valid evaluator's */
    public static IntervalEvaluator restore(State state) {
        LocalCoverageError[] lce = new LocalCoverageError[state.lce().size()];
        for (int i = 0; i < lce.length; i++) {
            lce[i] = LocalCoverageError.restore(state.lce().get(i));
        }
        IntervalEvaluator ev = new IntervalEvaluator(state.target(), PastScores.restore(state.widths()),
            GroupCoverage.restore(state.groups()), lce);
        ev.count = state.count();
        ev.covered = state.covered();
        ev.bounded = state.bounded();
        ev.widthSum = state.widthSum();
        return ev;
    }
}
