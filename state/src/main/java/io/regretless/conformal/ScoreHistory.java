package io.regretless.conformal;

import java.util.Arrays;

/**
 * The last {@code capacity} scores, kept both in arrival order (a ring) and sorted (for quantiles).
 *
 * <p>Costs: {@link #add} is a binary search plus one array shift, O(log n + n) with a small constant (a
 * {@code System.arraycopy}); order statistics and {@link #countAtLeast} are O(1) and O(log n). When full, the
 * oldest score is evicted first, so a capacity is also the sliding window. Storage grows by doubling up to the
 * capacity, so steady-state updates allocate nothing.
 *
 * <p>Equal scores are kept in arrival order in the sorted view, so the sorted array after any sequence of
 * {@link #add}s equals the one rebuilt from {@link #toArray()}: a restored history is bit-identical, including the
 * summation order of weighted quantiles ({@link NExConformal}). Ages are available per sorted position for such
 * weights. NaN is rejected because it has no place in an order.
 */
public final class ScoreHistory {
    /** The capacity and the stored scores, oldest first. */
    public record State(int capacity, double[] scores) {
    }

    private static final int INITIAL = 16;

    private final int capacity;
    private double[] ring;
    private int head;
    private int size;
    private double[] sorted;
    private long[] sortedSeq;
    private long nextSeq;

    public ScoreHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        int initial = Math.min(capacity, INITIAL);
        this.ring = new double[initial];
        this.sorted = new double[initial];
        this.sortedSeq = new long[initial];
    }

    /** A history holding the last {@code capacity} of {@code timeOrdered} (oldest first). */
    public static ScoreHistory of(int capacity, double[] timeOrdered) {
        ScoreHistory h = new ScoreHistory(capacity);
        for (int i = Math.max(0, timeOrdered.length - capacity); i < timeOrdered.length; i++) {
            h.add(timeOrdered[i]);
        }
        return h;
    }

    public void add(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN");
        }
        if (size == capacity) {
            evictOldest();
        } else if (size == ring.length) {
            grow();
        }
        ring[(head + size) % ring.length] = score;
        size++;
        // Upper bound: after every equal score, so ties stay in arrival order (the newest has the largest seq).
        int pos = upperBound(score);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - 1 - pos);
        System.arraycopy(sortedSeq, pos, sortedSeq, pos + 1, size - 1 - pos);
        sorted[pos] = score;
        sortedSeq[pos] = nextSeq++;
    }

    private void evictOldest() {
        double oldest = ring[head];
        head = (head + 1) % ring.length;
        size--;
        // The oldest of a run of equal scores is the first of the run, by the arrival-order invariant.
        int pos = lowerBound(oldest);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos);
        System.arraycopy(sortedSeq, pos + 1, sortedSeq, pos, size - pos);
    }

    private void grow() {
        int n = Math.min(capacity, Math.max(INITIAL, 2 * ring.length));
        double[] r = new double[n];
        for (int i = 0; i < size; i++) {
            r[i] = ring[(head + i) % ring.length];
        }
        ring = r;
        head = 0;
        sorted = Arrays.copyOf(sorted, n);
        sortedSeq = Arrays.copyOf(sortedSeq, n);
    }

    /** First sorted position whose score compares greater than {@code x} ({@link Double#compare} order). */
    private int upperBound(double x) {
        int lo = 0;
        int hi = size - 1; // the slot just appended is not yet part of the sorted view
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], x) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int lowerBound(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], x) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** The score of rank {@code i} (0-based) in ascending order. */
    public double sortedValue(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return sorted[i];
    }

    /** How many scores arrived after the one at sorted rank {@code i}: 0 for the newest. */
    public long ageOfSorted(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return nextSeq - 1 - sortedSeq[i];
    }

    /** The number of stored scores s with s &ge; x (numerically, so −0.0 and 0.0 count as equal). */
    public int countAtLeast(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return size - lo;
    }

    /** The smallest and largest stored scores; NaN when empty. */
    public double min() {
        return size == 0 ? Double.NaN : sorted[0];
    }

    public double max() {
        return size == 0 ? Double.NaN : sorted[size - 1];
    }

    /** The stored scores in arrival order, oldest first (the storable form). */
    public double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = ring[(head + i) % ring.length];
        }
        return out;
    }

    public State state() {
        return new State(capacity, toArray());
    }

    /** @throws IllegalArgumentException if the scores exceed the capacity, or the capacity is below 1 */
    public static ScoreHistory restore(State state) {
        double[] scores = state.scores();
        if (scores.length > state.capacity()) {
            throw new IllegalArgumentException(
                "history of " + scores.length + " scores exceeds its capacity " + state.capacity());
        }
        return of(state.capacity(), scores);
    }
}
