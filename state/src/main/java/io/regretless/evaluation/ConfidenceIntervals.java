package io.regretless.evaluation;

/** The two 95 % intervals every estimator reports, from the running moments of its per-round terms. */
public final class ConfidenceIntervals {
    /** Φ⁻¹(0.975), as in the golden file. */
    public static final double Z_95 = 1.959963984540054;
    /** 1 − coverage of the intervals. */
    public static final double DELTA = 0.05;

    private ConfidenceIntervals() {
    }

    /**
     * mean ± 1.959963984540054 · √(s²/n) with s² the sample variance (n − 1): the central-limit
     * interval, exactly as defined in data/ope-golden/expected.json. Unbounded below two rounds.
     */
    public static Interval normal(Moments terms) {
        if (terms.count() < 2) {
            return Interval.UNBOUNDED;
        }
        double half = Z_95 * Math.sqrt(terms.variance() / terms.count());
        return new Interval(terms.mean() - half, terms.mean() + half);
    }

    /**
     * The empirical-Bernstein interval of Maurer &amp; Pontil 2009 ("Empirical Bernstein Bounds and
     * Sample Variance Penalization", Theorem 4), made two-sided by a union bound: for n ≥ 2
     * independent terms with values in an interval of width R, with probability at least 1 − δ the
     * expectation lies within
     * <pre>
     *   √(2 s² ln(4/δ) / n) + 7 R ln(4/δ) / (3 (n − 1))
     * </pre>
     * of the mean, s² the sample variance. Unlike the normal interval it holds at every n, not only
     * asymptotically, which matters on small samples and heavy importance weights; it is wider.
     * The theorem needs R in advance; pass {@code range} from {@link KnownBounds}, or +∞ if unknown:
     * R is the larger of {@code range} (when finite) and the observed range of the terms, the
     * latter a plug-in with no guarantee until the extreme terms have been seen.
     */
    public static Interval empiricalBernstein(Moments terms, double range) {
        long n = terms.count();
        if (n < 2) {
            return Interval.UNBOUNDED;
        }
        double width = Double.isFinite(range) ? Math.max(range, terms.range()) : terms.range();
        double log = StrictMath.log(4 / DELTA);
        double half = Math.sqrt(2 * terms.variance() * log / n) + 7 * width * log / (3.0 * (n - 1));
        return new Interval(terms.mean() - half, terms.mean() + half);
    }

    /**
     * (Σw)²/Σw², Kish's effective sample size of importance weights: n when all weights are equal,
     * 1 when one weight dominates. 0 before any round or when every weight is 0.
     */
    public static double effectiveSampleSize(Moments weights) {
        double squares = weights.sumOfSquares();
        if (weights.count() == 0 || squares == 0) {
            return 0.0;
        }
        double sum = weights.count() * weights.mean();
        return sum * sum / squares;
    }

    static double maxWeight(Moments weights) {
        return weights.count() == 0 ? 0.0 : weights.max();
    }
}
