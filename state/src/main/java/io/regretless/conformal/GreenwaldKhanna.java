package io.regretless.conformal;

import java.util.Arrays;

/**
 * A deterministic quantile summary with a guaranteed rank error (Greenwald &amp; Khanna, "Space-efficient online
 * computation of quantile summaries", SIGMOD 2001).
 *
 * <p>Tuples (v_i, g_i, Δ_i) sorted by v: r_min(v_i) = Σ_{j≤i} g_j and r_max(v_i) = r_min(v_i) + Δ_i bound the
 * true rank of v_i. The invariant g_i + Δ_i ≤ ⌊2εn⌋ makes every answer at most εn ranks from the truth:
 * {@link #valueAtRank} returns a stored value whose true rank is within εn of the requested one, and
 * {@link #countAtLeast} is within εn of the true count. A new value gets Δ = g + Δ − 1 of its successor (the
 * tight form of the paper's ⌊2εn⌋), extremes get Δ = 0, so the minimum and maximum are always exact. Every
 * ⌊1/(2ε)⌋ insertions adjacent tuples are merged right to left while g_i + g_{i+1} + Δ_{i+1} ≤ ⌊2εn⌋.
 *
 * <p>Bounded by design: the paper bounds the summary by (11/(2ε))·log(2εn) tuples, which grows without limit.
 * Here the summary never holds more than {@code maxTuples}: when a compression leaves more, ε is doubled and the
 * summary compressed again. The current guarantee is {@link #epsilon()} (never smaller than the configured one),
 * so {@link #rankErrorBound()} = ε·n is always a true bound. No randomness: the same scores in the same order
 * give the same summary, bit for bit, and a restored summary continues exactly as the original.
 */
public final class GreenwaldKhanna {
    /** The guarantee ε, the tuple bound, the values summarised, and the tuples (v_i, g_i, Δ_i) in order. */
    public record State(double epsilon, int maxTuples, long count, double[] values, long[] g, long[] delta) {
    }

    private final int maxTuples;
    private double epsilon;
    private long n;
    private int size;
    private double[] v;
    private long[] g;
    private long[] delta;

    public GreenwaldKhanna(double epsilon, int maxTuples) {
        if (!(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException("epsilon must be in (0, 0.5), got " + epsilon);
        }
        if (maxTuples < 16) {
            throw new IllegalArgumentException("maxTuples must be at least 16, got " + maxTuples);
        }
        this.epsilon = epsilon;
        this.maxTuples = maxTuples;
        int initial = Math.min(maxTuples + 1, 64);
        this.v = new double[initial];
        this.g = new long[initial];
        this.delta = new long[initial];
    }

    /** A summary of {@code ascending} (sorted, each value exact), compressed to the guarantee. */
    static GreenwaldKhanna ofSorted(double epsilon, int maxTuples, double[] ascending, int count) {
        GreenwaldKhanna s = new GreenwaldKhanna(epsilon, maxTuples);
        s.ensure(count);
        System.arraycopy(ascending, 0, s.v, 0, count);
        Arrays.fill(s.g, 0, count, 1L);
        s.size = count;
        s.n = count;
        s.compress();
        return s;
    }

    public void add(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("score is NaN");
        }
        int i = upperBound(x);
        long d = (i == 0 || i == size) ? 0 : g[i] + delta[i] - 1;
        ensure(size + 1);
        System.arraycopy(v, i, v, i + 1, size - i);
        System.arraycopy(g, i, g, i + 1, size - i);
        System.arraycopy(delta, i, delta, i + 1, size - i);
        v[i] = x;
        g[i] = 1;
        delta[i] = Math.max(0, d);
        size++;
        n++;
        long period = Math.max(1, (long) Math.floor(1 / (2 * epsilon)));
        if (n % period == 0 || size > maxTuples) {
            compress();
        }
    }

    /** Merges tuples whose combined band stays within ⌊2εn⌋; doubles ε while more than maxTuples remain. */
    private void compress() {
        merge();
        while (size > maxTuples) {
            epsilon = Math.min(0.49, 2 * epsilon);
            merge();
        }
    }

    private void merge() {
        if (size < 3) {
            return;
        }
        long threshold = (long) Math.floor(2 * epsilon * n);
        // Right to left: tuple i is folded into its kept right neighbour; the first (minimum) is always kept.
        int write = size - 1;
        for (int i = size - 2; i >= 1; i--) {
            if (g[i] + g[write] + delta[write] <= threshold) {
                g[write] += g[i];
            } else {
                write--;
                v[write] = v[i];
                g[write] = g[i];
                delta[write] = delta[i];
            }
        }
        write--;
        v[write] = v[0];
        g[write] = g[0];
        delta[write] = delta[0];
        int kept = size - write;
        System.arraycopy(v, write, v, 0, kept);
        System.arraycopy(g, write, g, 0, kept);
        System.arraycopy(delta, write, delta, 0, kept);
        size = kept;
    }

    /** First tuple whose value compares greater than x, so equal values keep arrival order. */
    private int upperBound(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(v[mid], x) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void ensure(int capacity) {
        if (capacity > v.length) {
            int c = Math.max(capacity, Math.min(maxTuples + 1, 2 * v.length));
            c = Math.max(c, capacity);
            v = Arrays.copyOf(v, c);
            g = Arrays.copyOf(g, c);
            delta = Arrays.copyOf(delta, c);
        }
    }

    /** Values summarised. */
    public long count() {
        return n;
    }

    /** Tuples held. */
    public int size() {
        return size;
    }

    /** The current guarantee ε: every answer is within ε·n ranks. */
    public double epsilon() {
        return epsilon;
    }

    /** ε·n: the most ranks by which any answer can be off. */
    public double rankErrorBound() {
        return epsilon * n;
    }

    /**
     * A stored value whose true rank (1-based, ascending) is within εn of {@code rank}; the minimum for ranks ≤ 1,
     * the maximum for ranks ≥ n.
     */
    public double valueAtRank(long rank) {
        if (size == 0) {
            throw new IllegalStateException("empty summary");
        }
        if (rank >= n) {
            return v[size - 1];
        }
        double slack = epsilon * n;
        long rMin = 0;
        for (int i = 0; i < size; i++) {
            rMin += g[i];
            if (rMin + delta[i] > rank + slack) {
                return v[Math.max(0, i - 1)];
            }
        }
        return v[size - 1];
    }

    /** An estimate of how many summarised values are ≥ x, within εn of the truth. */
    public long countAtLeast(double x) {
        // Tuples strictly below x hold at least rMin(last such) values below x and at most rMax(next) − 1.
        long rMin = 0;
        int i = 0;
        while (i < size && v[i] < x) {
            rMin += g[i];
            i++;
        }
        if (i == size) {
            return 0;
        }
        if (i == 0) {
            return n;
        }
        long upper = rMin + g[i] + delta[i] - 1;
        long below = (rMin + upper) / 2;
        return n - below;
    }

    public double min() {
        return size == 0 ? Double.NaN : v[0];
    }

    public double max() {
        return size == 0 ? Double.NaN : v[size - 1];
    }

    public State state() {
        return new State(epsilon, maxTuples, n, Arrays.copyOf(v, size), Arrays.copyOf(g, size),
            Arrays.copyOf(delta, size));
    }

    /** @throws IllegalArgumentException if the state is not a valid summary's */
    public static GreenwaldKhanna restore(State state) {
        GreenwaldKhanna s;
        try {
            s = new GreenwaldKhanna(state.epsilon(), state.maxTuples());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corrupt quantile summary: " + e.getMessage(), e);
        }
        int size = state.values().length;
        long n = state.count();
        if (size > state.maxTuples() || n < size || state.g().length != size || state.delta().length != size) {
            throw new IllegalArgumentException("corrupt quantile summary: " + size + " tuples for " + n + " values");
        }
        s.ensure(size);
        long total = 0;
        for (int i = 0; i < size; i++) {
            s.v[i] = state.values()[i];
            s.g[i] = state.g()[i];
            s.delta[i] = state.delta()[i];
            total += s.g[i];
        }
        if (total != n) {
            throw new IllegalArgumentException("corrupt quantile summary: weights sum to " + total + ", not " + n);
        }
        s.size = size;
        s.n = n;
        return s;
    }
}
