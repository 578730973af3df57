package io.regretless.codec;

import io.regretless.conformal.AdaptiveConformal;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.GreenwaldKhanna;
import io.regretless.conformal.NExConformal;
import io.regretless.conformal.PastScores;
import io.regretless.conformal.QuantileTracker;
import io.regretless.conformal.ScoreHistory;
import io.regretless.conformal.SplitConformal;

/**
 * The conformal calibrators' states as {@link PackedState}s and back, bit for bit: one positional layout per
 * calibrator, whose {@link PackedState#kind()} is the calibrator's wire name ({@link CalibratorKind#wireName()},
 * version 1 of its layout: no suffix); a state of another kind is refused by {@link StateReader}. {@code pack}
 * writes a state, {@code unpack…} reads one (the calibrator's {@code restore} checks the values). The score
 * stores the calibrators share ({@link ScoreHistory}, {@link PastScores}, {@link GreenwaldKhanna}) are written
 * inline by {@code put…}/{@code get…}.
 */
public final class ConformalStateCodec {
    private ConformalStateCodec() {
    }

    /** SCP and SCP-window: the coverage, then all past scores or the window. */
    public static PackedState pack(SplitConformal.State s) {
        return PackedLayouts.packed(s.kind().wireName(), s, (c, w) -> {
            w.putDouble(c.coverage());
            if (c.all() != null) {
                putPastScores(c.all(), w);
            } else {
                putHistory(c.window(), w);
            }
        });
    }

    /** {@code kind} is SCP or SCP-window. */
    public static SplitConformal.State unpackSplitConformal(PackedState state, CalibratorKind kind) {
        return PackedLayouts.unpacked(state, kind.wireName(), r -> {
            double coverage = r.getDouble();
            return kind == CalibratorKind.SCP
                ? new SplitConformal.State(kind, coverage, getPastScores(r), null)
                : new SplitConformal.State(kind, coverage, null, getHistory(r));
        });
    }

    /** NExCP: the coverage, then the history. */
    public static PackedState pack(NExConformal.State s) {
        return PackedLayouts.packed(CalibratorKind.NEXCP.wireName(), s, (c, w) -> {
            w.putDouble(c.coverage());
            putHistory(c.history(), w);
        });
    }

    public static NExConformal.State unpackNExConformal(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.NEXCP.wireName(),
            r -> new NExConformal.State(r.getDouble(), getHistory(r)));
    }

    /** ACI: coverage, γ, α_t, then every past score. */
    public static PackedState pack(AdaptiveConformal.State s) {
        return PackedLayouts.packed(CalibratorKind.ACI.wireName(), s, (c, w) -> {
            w.putDouble(c.coverage()).putDouble(c.gamma()).putDouble(c.alphaT());
            putPastScores(c.history(), w);
        });
    }

    public static AdaptiveConformal.State unpackAdaptiveConformal(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.ACI.wireName(), r -> {
            double coverage = r.getDouble();
            double gamma = r.getDouble();
            double alphaT = r.getDouble();
            return new AdaptiveConformal.State(coverage, gamma, alphaT, getPastScores(r));
        });
    }

    /** The quantile tracker: coverage, learning rate, radius, W, then the window's scores oldest first. */
    public static PackedState pack(QuantileTracker.State s) {
        return PackedLayouts.packed(CalibratorKind.QUANTILE_TRACKER.wireName(), s, (q, w) -> w
            .putDouble(q.coverage()).putDouble(q.learningRate()).putDouble(q.radius())
            .putLong(q.window()).putDoubles(q.recent(), q.recent().length));
    }

    public static QuantileTracker.State unpackQuantileTracker(PackedState state) {
        return PackedLayouts.unpacked(state, CalibratorKind.QUANTILE_TRACKER.wireName(), r -> {
            double coverage = r.getDouble();
            double lr = r.getDouble();
            double radius = r.getDouble();
            int window = r.getSize();
            return new QuantileTracker.State(coverage, lr, radius, window, r.getDoubles());
        });
    }

    /** A {@link ScoreHistory}: its capacity, then its scores oldest first (with their count). */
    public static void putHistory(ScoreHistory.State s, StateWriter w) {
        w.putLong(s.capacity()).putDoubles(s.scores(), s.scores().length);
    }

    public static ScoreHistory.State getHistory(StateReader r) {
        int capacity = r.getSize();
        return new ScoreHistory.State(capacity, r.getDoubles());
    }

    /**
     * {@link PastScores}: the exact limit, then the scores oldest first (with their count) or −1 and the
     * summary. A state written before the summary existed (a capacity and the scores) reads as exact.
     */
    public static void putPastScores(PastScores.State s, StateWriter w) {
        w.putLong(s.exactLimit());
        if (s.sketch() == null) {
            w.putDoubles(s.scores(), s.scores().length);
        } else {
            w.putLong(-1);
            putSummary(s.sketch(), w);
        }
    }

    public static PastScores.State getPastScores(StateReader r) {
        int limit = r.getSize();
        long marker = r.getLong();
        if (marker == -1) {
            return new PastScores.State(limit, null, getSummary(r));
        }
        if (marker < 0 || marker > limit) {
            throw new IllegalArgumentException("corrupt score history: " + marker + " scores, limit " + limit);
        }
        double[] scores = new double[(int) marker];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = r.getDouble();
        }
        return new PastScores.State(limit, scores, null);
    }

    /** A {@link GreenwaldKhanna} summary: ε, the tuple bound, n, the tuple count, then each (v, g, Δ). */
    public static void putSummary(GreenwaldKhanna.State s, StateWriter w) {
        int size = s.values().length;
        w.putDouble(s.epsilon()).putLong(s.maxTuples()).putLong(s.count()).putLong(size);
        for (int i = 0; i < size; i++) {
            w.putDouble(s.values()[i]).putLong(s.g()[i]).putLong(s.delta()[i]);
        }
    }

    public static GreenwaldKhanna.State getSummary(StateReader r) {
        double epsilon = r.getDouble();
        int maxTuples = r.getSize();
        long n = r.getLong();
        int size = r.getSize();
        if (size > maxTuples || n < size) {
            throw new IllegalArgumentException("corrupt quantile summary: " + size + " tuples for " + n + " values");
        }
        double[] v = new double[size];
        long[] g = new long[size];
        long[] delta = new long[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.getDouble();
            g[i] = r.getLong();
            delta[i] = r.getLong();
        }
        return new GreenwaldKhanna.State(epsilon, maxTuples, n, v, g, delta);
    }
}
