package io.regretless.evaluation;

/**
 * Running count, mean, sum of squared deviations, minimum and maximum of a stream of numbers, in
 * O(1) memory: Welford's update (Welford 1962, "Note on a method for calculating corrected sums of
 * squares and products"; Knuth, TAOCP vol. 2, §4.2.2), which avoids the cancellation of
 * Σx² − (Σx)²/n. An immutable value: {@link #plus} returns the next state.
 *
 * @param count              n
 * @param mean               the running mean (0 when n = 0)
 * @param squaredDeviations  M₂ = Σ (x − mean)²
 * @param min                smallest value seen (+∞ when n = 0)
 * @param max                largest value seen (−∞ when n = 0)
 */
public record Moments(long count, double mean, double squaredDeviations, double min, double max) {
    public static final Moments EMPTY = new Moments(0, 0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    public Moments {
        if (count < 0 || !(squaredDeviations >= 0) || Double.isNaN(mean)) {
            throw new IllegalArgumentException("malformed moments: n = " + count + ", mean = " + mean + ", M2 = "
                + squaredDeviations);
        }
    }

    /** The moments with one more value (finite). */
    public Moments plus(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("not a finite value: " + x);
        }
        long n = count + 1;
        double delta = x - mean;
        double next = mean + delta / n;
        return new Moments(n, next, squaredDeviations + delta * (x - next), Math.min(min, x), Math.max(max, x));
    }

    /** The sample variance M₂/(n − 1); NaN below two values. */
    public double variance() {
        return count < 2 ? Double.NaN : squaredDeviations / (count - 1);
    }

    /** Σx² = M₂ + n·mean². */
    public double sumOfSquares() {
        return squaredDeviations + count * mean * mean;
    }

    /** max − min, 0 when empty. */
    public double range() {
        return count == 0 ? 0.0 : max - min;
    }
}
