package io.regretless.codec;

import io.regretless.conformal.GreenwaldKhanna;
import io.regretless.conformal.PastScores;
import io.regretless.conformal.ScoreHistory;

/**
 * The score stores that calibrators and evaluators keep inside their states ({@link ScoreHistory},
 * {@link PastScores}, {@link GreenwaldKhanna}), written inline into the enclosing layout and read back.
 */
final class ScoreStoreCodec {
    private ScoreStoreCodec() {
    }

    /** A {@link ScoreHistory}: its capacity, then its scores oldest first (with their count). */
    static void putHistory(ScoreHistory.State s, StateWriter w) {
        w.putLong(s.capacity()).putDoubles(s.scores(), s.scores().length);
    }

    static ScoreHistory.State getHistory(StateReader r) {
        int capacity = r.getSize();
        return new ScoreHistory.State(capacity, r.getDoubles());
    }

    /**
     * {@link PastScores}: the exact limit, then the scores oldest first (with their count) or −1 and the
     * summary. A state written before the summary existed (a capacity and the scores) reads as exact.
     */
    static void putPastScores(PastScores.State s, StateWriter w) {
        w.putLong(s.exactLimit());
        if (s.sketch() == null) {
            w.putDoubles(s.scores(), s.scores().length);
        } else {
            w.putLong(-1);
            putSummary(s.sketch(), w);
        }
    }

    static PastScores.State getPastScores(StateReader r) {
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
    static void putSummary(GreenwaldKhanna.State s, StateWriter w) {
        int size = s.values().length;
        w.putDouble(s.epsilon()).putLong(s.maxTuples()).putLong(s.count()).putLong(size);
        for (int i = 0; i < size; i++) {
            w.putDouble(s.values()[i]).putLong(s.g()[i]).putLong(s.delta()[i]);
        }
    }

    static GreenwaldKhanna.State getSummary(StateReader r) {
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
