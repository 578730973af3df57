package io.regretless.conformal;

/**
 * Empirical quantiles of a {@link ScoreHistory}, reproducing the reference implementation's arithmetic
 * (salesforce/online_conformal {@code utils.quantile}).
 *
 * <p>Unweighted: numpy's {@code quantile(..., method="inverted_cdf")}, i.e. the ⌈q·n⌉-th smallest score with q
 * clipped to [0, 1], computed as numpy does (virtual index q·n − 1 in floating point, rounded up when it has a
 * fractional part) so that products such as 0.9·n land on the same rank. Weighted: the first score, in ascending
 * order, at which the cumulative weight divided by the total reaches q ({@code searchsorted} on the normalised
 * cumulative sum). An empty history gives 0, as in the reference.
 */
public final class EmpiricalQuantile {
    private EmpiricalQuantile() {
    }

    /** The 0-based sorted index numpy's inverted-CDF method selects among {@code n &ge; 1} values. */
    public static int invertedCdfIndex(int n, double q) {
        return (int) invertedCdfIndex((long) n, q);
    }

    /** {@link #invertedCdfIndex(int, double)} for counts beyond the int range (summarised histories). */
    public static long invertedCdfIndex(long n, double q) {
        double clipped = Math.min(1.0, Math.max(0.0, q));
        double virtual = n * clipped - 1;
        double previous = Math.floor(virtual);
        double index = virtual - previous > 0 ? previous + 1 : previous;
        return (long) Math.max(0, Math.min(n - 1, index));
    }

    public static double of(ScoreHistory history, double q) {
        int n = history.size();
        return n == 0 ? 0.0 : history.sortedValue(invertedCdfIndex(n, q));
    }

    /** Inverted-CDF quantile of an unsorted array (used once, at warm start). */
    public static double of(double[] scores, double q) {
        if (scores.length == 0) {
            return 0.0;
        }
        double[] s = scores.clone();
        java.util.Arrays.sort(s);
        return s[invertedCdfIndex(s.length, q)];
    }

    /**
     * Weighted quantile where the score of age a (0 = newest) has weight {@code weightsByAge[a]}. Two passes over
     * the sorted scores recompute the same running sum, so no scratch array is needed.
     */
    public static double weighted(ScoreHistory history, double q, double[] weightsByAge) {
        int n = history.size();
        if (n == 0) {
            return 0.0;
        }
        double clipped = Math.min(1.0, Math.max(0.0, q));
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            total += weightsByAge[(int) history.ageOfSorted(i)];
        }
        double running = 0.0;
        for (int i = 0; i < n; i++) {
            running += weightsByAge[(int) history.ageOfSorted(i)];
            if (running / total >= clipped) {
                return history.sortedValue(i);
            }
        }
        return history.sortedValue(n - 1);
    }
}
