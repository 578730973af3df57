package io.regretless.conformal;

import java.util.Arrays;

/**
 * The values the scores take, when they take few: the distinct past scores, kept while there are at most
 * {@value #MAX_VALUES} of them. Scores of a series recorded to a fixed precision under a forecaster that repeats
 * past values (naive, seasonal naive) live on such a lattice: Seattle's daily maximum temperature, whole degrees
 * Fahrenheit stored in tenths of a degree Celsius, gives 36 distinct naive scores in 1,228 steps.
 *
 * <p>On a lattice a radius r between two adjacent values a &lt; r &lt; b covers exactly the scores a covers, so
 * {@link #snap} lowers r to a (times 1 + {@value #TIE}, so that a score equal to a up to rounding is still covered)
 * without changing which steps are covered: for every lattice value v, v ≤ snap(r) if and only if v ≤ r. Only
 * the width changes. Snapping starts once the scores are seen to repeat, at least {@value #REPEATS} scores per
 * distinct value, and stops for good at the first new value beyond {@value #MAX_VALUES}, when the state is dropped
 * (continuous scores: no two scores tie, so they never snap). Two scores are the same value when they differ by
 * at most {@value #TIE} of the larger.
 *
 * <p>State: at most {@value #MAX_VALUES} doubles and two longs. O(log {@value #MAX_VALUES}) per score and per snap,
 * plus an insertion shift of at most {@value #MAX_VALUES} values for a new value.
 */
final class ScoreLattice {
    static final int MAX_VALUES = 128;
    static final double TIE = 1e-9;
    static final int REPEATS = 2;

    private double[] values;
    private int size;
    private long seen;

    ScoreLattice() {
        this.values = new double[MAX_VALUES];
    }

    private ScoreLattice(double[] values, int size, long seen) {
        this.values = values;
        this.size = size;
        this.seen = seen;
    }

    /** A lattice that has given up: it never snaps (also what a state written before lattices restores to). */
    static ScoreLattice continuous(long seen) {
        return new ScoreLattice(null, 0, seen);
    }

    boolean isContinuous() {
        return values == null;
    }

    /** True when snapping is on: few distinct values, each seen {@value #REPEATS} times on average. */
    boolean isLattice() {
        return values != null && size > 0 && seen >= (long) REPEATS * size;
    }

    /** The distinct values kept (empty once continuous). */
    int size() {
        return size;
    }

    void add(double score) {
        seen++;
        if (values == null) {
            return;
        }
        int i = Arrays.binarySearch(values, 0, size, score);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        if (at < size && same(values[at], score) || at > 0 && same(values[at - 1], score)) {
            return;
        }
        if (size == MAX_VALUES) {
            values = null;
            size = 0;
            return;
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = score;
        size++;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b));
    }

    /**
     * The largest lattice value at most {@code radius}, times 1 + {@value #TIE} (never more than {@code radius});
     * {@code radius} itself when the scores are not on a lattice or no value is that small.
     */
    double snap(double radius) {
        if (!isLattice() || !(radius < Double.POSITIVE_INFINITY)) {
            return radius;
        }
        int i = Arrays.binarySearch(values, 0, size, radius);
        int below = i >= 0 ? i : -i - 2;
        return below < 0 ? radius : Math.min(radius, values[below] * (1 + TIE));
    }

    DefaultCalibrator.LatticeState state() {
        return new DefaultCalibrator.LatticeState(seen, values == null ? null : Arrays.copyOf(values, size));
    }

    static ScoreLattice restore(DefaultCalibrator.LatticeState state) {
        long seen = state.seen();
        if (seen < 0) {
            throw new IllegalArgumentException("corrupt score lattice: " + seen + " scores seen");
        }
        if (state.values() == null) {
            return continuous(seen);
        }
        double[] stored = state.values();
        if (stored.length > MAX_VALUES) {
            throw new IllegalArgumentException("corrupt score lattice: " + stored.length + " values");
        }
        double[] values = new double[MAX_VALUES];
        for (int i = 0; i < stored.length; i++) {
            values[i] = stored[i];
            if (Double.isNaN(values[i]) || i > 0 && !(values[i] > values[i - 1])) {
                throw new IllegalArgumentException("corrupt score lattice: values not ascending");
            }
        }
        return new ScoreLattice(values, stored.length, seen);
    }
}
