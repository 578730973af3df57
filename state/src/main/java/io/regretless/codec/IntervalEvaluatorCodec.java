package io.regretless.codec;

import java.util.ArrayList;
import java.util.List;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.PastScores;
import io.regretless.conformal.metrics.GroupCoverage;
import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.conformal.metrics.LocalCoverageError;

/**
 * A conformal series' running interval metrics ({@link IntervalEvaluator}, with its {@link GroupCoverage} and
 * {@link LocalCoverageError} trackers) as {@link PackedState}s and back, bit for bit. The evaluator's layout is
 * version 2 ({@value #EVALUATOR}); a state of version 1 (the former {@value #EVALUATOR_V1}, which summed every
 * width and kept a window of them) still reads, converted.
 */
public final class IntervalEvaluatorCodec {
    /**
     * The evaluator: target, count, covered, bounded, Σ bounded widths, every width ({@link ScoreStoreCodec}), the
     * groups (count, then per group its name, scored and covered), the trackers (count, then each inline).
     */
    public static final String EVALUATOR = "interval-evaluator-2";
    /** Version 1: target, count, covered, Σ widths, a window's capacity and widths, the trackers. */
    public static final String EVALUATOR_V1 = "interval-evaluator";
    /** A tracker on its own: k, target, the largest error, seen, then the last min(seen, k) flags as bits. */
    public static final String LOCAL_COVERAGE_ERROR = "lce";

    private IntervalEvaluatorCodec() {
    }

    public static PackedState pack(IntervalEvaluator.State s) {
        return PackedLayouts.packed(EVALUATOR, s, (e, w) -> {
            w.putDouble(e.target()).putLong(e.count()).putLong(e.covered()).putLong(e.bounded())
                .putDouble(e.widthSum());
            ScoreStoreCodec.putPastScores(e.widths(), w);
            GroupCoverage.State g = e.groups();
            w.putLong(g.groups().size());
            for (int i = 0; i < g.groups().size(); i++) {
                w.putString(g.groups().get(i)).putLong(g.scored()[i]).putLong(g.covered()[i]);
            }
            w.putLong(e.lce().size());
            for (LocalCoverageError.State t : e.lce()) {
                putTracker(t, w);
            }
        });
    }

    /** A state of either version. */
    public static IntervalEvaluator.State unpackIntervalEvaluator(PackedState state) {
        if (state.kind().equals(EVALUATOR_V1)) {
            return PackedLayouts.unpacked(state, EVALUATOR_V1, IntervalEvaluatorCodec::getVersion1);
        }
        return PackedLayouts.unpacked(state, EVALUATOR, r -> {
            double target = r.getDouble();
            long count = r.getLong();
            long covered = r.getLong();
            long bounded = r.getLong();
            double widthSum = r.getDouble();
            PastScores.State widths = ScoreStoreCodec.getPastScores(r);
            GroupCoverage.State groups = getGroups(r);
            return new IntervalEvaluator.State(target, count, covered, bounded, widthSum, widths, groups,
                getTrackers(r));
        });
    }

    public static PackedState export(IntervalEvaluator evaluator) {
        return pack(evaluator.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid evaluator's */
    public static IntervalEvaluator restoreIntervalEvaluator(PackedState state) {
        return IntervalEvaluator.restore(unpackIntervalEvaluator(state));
    }

    public static PackedState pack(LocalCoverageError.State s) {
        return PackedLayouts.packed(LOCAL_COVERAGE_ERROR, s, IntervalEvaluatorCodec::putTracker);
    }

    public static LocalCoverageError.State unpackLocalCoverageError(PackedState state) {
        return PackedLayouts.unpacked(state, LOCAL_COVERAGE_ERROR, IntervalEvaluatorCodec::getTracker);
    }

    /**
     * Version 1 converted: when its sum of widths is finite every interval was bounded and the state converts
     * exactly; otherwise the bounded mean restarts from the window's bounded widths. The window becomes the start
     * of the whole-run widths, and no group was tracked.
     */
    private static IntervalEvaluator.State getVersion1(StateReader r) {
        double target = r.getDouble();
        long count = r.getLong();
        long covered = r.getLong();
        double widthSum = r.getDouble();
        r.getSize();
        double[] window = r.getDoubles();
        List<LocalCoverageError.State> trackers = getTrackers(r);
        long bounded = count;
        if (!Double.isFinite(widthSum)) {
            bounded = 0;
            widthSum = 0;
            for (double w : window) {
                if (w < Double.POSITIVE_INFINITY) {
                    bounded++;
                    widthSum += w;
                }
            }
        }
        PastScores.State widths = new PastScores.State(
            Math.max(window.length, CalibratorConfig.DEFAULT_EXACT_HISTORY), window, null);
        return new IntervalEvaluator.State(target, count, covered, bounded, widthSum, widths,
            new GroupCoverage.State(List.of(), new long[0], new long[0]), trackers);
    }

    private static GroupCoverage.State getGroups(StateReader r) {
        int n = r.getSize();
        if (n > GroupCoverage.MAX_GROUPS) {
            throw new IllegalArgumentException("corrupt group coverage: " + n + " groups");
        }
        List<String> names = new ArrayList<>();
        long[] scored = new long[n];
        long[] covered = new long[n];
        for (int i = 0; i < n; i++) {
            names.add(r.getString());
            scored[i] = r.getLong();
            covered[i] = r.getLong();
        }
        return new GroupCoverage.State(names, scored, covered);
    }

    private static List<LocalCoverageError.State> getTrackers(StateReader r) {
        int n = r.getSize();
        List<LocalCoverageError.State> trackers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trackers.add(getTracker(r));
        }
        return trackers;
    }

    private static void putTracker(LocalCoverageError.State s, StateWriter w) {
        w.putLong(s.window()).putDouble(s.target()).putDouble(s.max()).putLong(s.seen());
        PackedLayouts.putFlags(s.recentCovered(), w);
    }

    private static LocalCoverageError.State getTracker(StateReader r) {
        int k = r.getSize();
        double target = r.getDouble();
        double max = r.getDouble();
        long seen = r.getLong();
        boolean[] flags = PackedLayouts.getFlags(r, (int) Math.max(0, Math.min(seen, k)));
        return new LocalCoverageError.State(k, target, max, seen, flags);
    }
}
