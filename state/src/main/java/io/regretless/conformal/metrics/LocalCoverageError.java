package io.regretless.conformal.metrics;

/**
 * Local coverage error LCE_k = max over all windows of k consecutive steps of |window coverage − c|
 * (Bhatnagar et al. 2023, the local coverage error of their experiments; reference
 * {@code utils.interval_miscoverage}, which takes the rolling mean over complete windows only). Streaming: a ring
 * of the last k coverage flags and an integer count, so the window coverage count/k is exact. NaN until k steps
 * have been observed. O(1) per step; state: 4 numbers plus the flags packed 64 to a long.
 */
public final class LocalCoverageError {
    /** The window k, the target, the largest error so far, the steps seen, and the last min(seen, k) flags. */
    public record State(int window, double target, double max, long seen, boolean[] recentCovered) {
    }

    private final int k;
    private final double target;
    private final boolean[] ring;
    private int head;
    private long seen;
    private int coveredInWindow;
    private double max = Double.NaN;

    public LocalCoverageError(int k, double target) {
        if (k < 1) {
            throw new IllegalArgumentException("window must be positive, got " + k);
        }
        this.k = k;
        this.target = target;
        this.ring = new boolean[k];
    }

    public void observe(boolean covered) {
        if (seen >= k && ring[head]) {
            coveredInWindow--;
        }
        ring[head] = covered;
        head = (head + 1) % k;
        if (covered) {
            coveredInWindow++;
        }
        seen++;
        if (seen >= k) {
            double err = Math.abs((double) coveredInWindow / k - target);
            max = Double.isNaN(max) ? err : Math.max(max, err);
        }
    }

    public int window() {
        return k;
    }

    /** LCE_k so far; NaN before the first complete window. */
    public double value() {
        return max;
    }

    /** The coverage of the last k steps; NaN before the first complete window. */
    public double currentWindowCoverage() {
        return seen >= k ? (double) coveredInWindow / k : Double.NaN;
    }

    public State state() {
        int n = (int) Math.min(seen, k);
        boolean[] recent = new boolean[n];
        for (int i = 0; i < n; i++) {
            recent[i] = ring[(head - n + i + k) % k];
        }
        return new State(k, target, max, seen, recent);
    }

    /** @throws IllegalArgumentException if the state is not a valid tracker's */
    public static LocalCoverageError restore(State state) {
        LocalCoverageError e = new LocalCoverageError(state.window(), state.target());
        long seen = state.seen();
        int n = (int) Math.min(seen, e.k);
        if (seen < 0 || state.recentCovered().length != n) {
            throw new IllegalArgumentException("corrupt local coverage error state");
        }
        for (int i = 0; i < n; i++) {
            e.ring[i] = state.recentCovered()[i];
            if (e.ring[i]) {
                e.coveredInWindow++;
            }
        }
        e.head = n % e.k;
        e.seen = seen;
        e.max = state.max();
        return e;
    }
}
