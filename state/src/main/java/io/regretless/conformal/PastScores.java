package io.regretless.conformal;

/**
 * Every score seen so far, for the calibrators whose reference keeps them all (SCP, ACI, FACI): exact while
 * there are at most {@code exactLimit} of them, then a {@link GreenwaldKhanna} summary of all of them.
 *
 * <p>Exact mode is a {@link ScoreHistory}, so order statistics, counts and their floating-point results are those
 * of the reference implementation bit for bit. On the first score past the limit the sorted scores become a
 * summary with guarantee {@link #SKETCH_EPSILON} (at most {@link #SKETCH_MAX_TUPLES} tuples, about 170 KB stored;
 * the summary doubles ε rather than grow past that, see {@link GreenwaldKhanna}); from then on every order
 * statistic and count is within {@link #rankErrorBound()} = ε·n ranks of the exact one, i.e. a quantile level is
 * off by at most ε. State: 8 bytes per score in exact mode, at most 8 + ~10 bytes per tuple after.
 */
public final class PastScores {
    /** The exact limit, then the scores oldest first ({@code sketch} null) or the summary ({@code scores} null). */
    public record State(int exactLimit, double[] scores, GreenwaldKhanna.State sketch) {
    }

    /** The summary's rank-error guarantee, as a fraction of the scores seen. */
    public static final double SKETCH_EPSILON = 0.0005;
    /** The most tuples the summary holds. */
    public static final int SKETCH_MAX_TUPLES = 10_000;

    private final int exactLimit;
    private ScoreHistory exact;
    private GreenwaldKhanna sketch;

    public PastScores(int exactLimit) {
        if (exactLimit < 1) {
            throw new IllegalArgumentException("exact limit must be at least 1, got " + exactLimit);
        }
        this.exactLimit = exactLimit;
        this.exact = new ScoreHistory(exactLimit);
    }

    /** The scores of {@code timeOrdered}, oldest first, as if added one by one. */
    public static PastScores of(int exactLimit, double[] timeOrdered) {
        PastScores p = new PastScores(exactLimit);
        for (double s : timeOrdered) {
            p.add(s);
        }
        return p;
    }

    public void add(double score) {
        if (sketch != null) {
            sketch.add(score);
            return;
        }
        if (exact.size() < exactLimit) {
            exact.add(score);
            return;
        }
        double[] sorted = new double[exact.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = exact.sortedValue(i);
        }
        sketch = GreenwaldKhanna.ofSorted(SKETCH_EPSILON, SKETCH_MAX_TUPLES, sorted, sorted.length);
        exact = null;
        sketch.add(score);
    }

    /** Scores seen. */
    public long count() {
        return sketch != null ? sketch.count() : exact.size();
    }

    public boolean isExact() {
        return sketch == null;
    }

    public int exactLimit() {
        return exactLimit;
    }

    /** 0 while exact, else ε·n of the summary. */
    public double rankErrorBound() {
        return sketch == null ? 0.0 : sketch.rankErrorBound();
    }

    /** The score of 1-based ascending rank {@code rank} in [1, n] (within the rank-error bound once summarised). */
    public double valueAtRank(long rank) {
        if (sketch != null) {
            return sketch.valueAtRank(rank);
        }
        return exact.sortedValue((int) (rank - 1));
    }

    /**
     * The inverted-CDF q-quantile (numpy's {@code inverted_cdf}, the reference's {@code utils.quantile}); 0 when
     * empty.
     */
    public double quantile(double q) {
        if (sketch != null) {
            return sketch.valueAtRank(EmpiricalQuantile.invertedCdfIndex(sketch.count(), q) + 1);
        }
        return EmpiricalQuantile.of(exact, q);
    }

    /** How many scores are ≥ x (numerically; within the rank-error bound once summarised). */
    public long countAtLeast(double x) {
        return sketch != null ? sketch.countAtLeast(x) : exact.countAtLeast(x);
    }

    /** Exact: the scores oldest first and no summary; summarised: no scores and the summary. */
    public State state() {
        return sketch == null
            ? new State(exactLimit, exact.toArray(), null)
            : new State(exactLimit, null, sketch.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid history's */
    public static PastScores restore(State state) {
        int limit = state.exactLimit();
        PastScores p = new PastScores(Math.max(1, limit));
        if (state.sketch() != null) {
            p.sketch = GreenwaldKhanna.restore(state.sketch());
            p.exact = null;
            return p;
        }
        double[] scores = state.scores();
        if (scores.length > limit) {
            throw new IllegalArgumentException("corrupt score history: " + scores.length + " scores, limit " + limit);
        }
        for (double s : scores) {
            p.exact.add(s);
        }
        return p;
    }
}
