package io.regretless.conformal.metrics;

import io.regretless.codec.PackedState;
import io.regretless.codec.StateReader;
import io.regretless.codec.StateWriter;

/**
 * Local coverage error LCE_k = max over all windows of k consecutive steps of |window coverage − c|
 * (Bhatnagar et al. 2023, the local coverage error of their experiments; reference
 * {@code utils.interval_miscoverage}, which takes the rolling mean over complete windows only). Streaming: a ring
 * of the last k coverage flags and an integer count, so the window coverage count/k is exact. NaN until k steps
 * have been observed. O(1) per step; state: 4 numbers plus the flags packed 64 to a long.
 */
public final class LocalCoverageError {
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

    void writeTo(StateWriter w) {
        w.putLong(k).putDouble(target).putDouble(max).putLong(seen);
        int n = (int) Math.min(seen, k);
        long bits = 0;
        int filled = 0;
        // Flags oldest first, packed 64 to a long.
        for (int i = 0; i < n; i++) {
            boolean f = ring[(head - n + i + k) % k];
            if (f) {
                bits |= 1L << filled;
            }
            if (++filled == 64) {
                w.putLong(bits);
                bits = 0;
                filled = 0;
            }
        }
        if (filled > 0) {
            w.putLong(bits);
        }
    }

    static LocalCoverageError readFrom(StateReader r) {
        int k = r.getSize();
        LocalCoverageError e = new LocalCoverageError(k, r.getDouble());
        double max = r.getDouble();
        long seen = r.getLong();
        int n = (int) Math.min(seen, k);
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if (i % 64 == 0) {
                bits = r.getLong();
            }
            e.ring[i] = (bits >>> (i % 64) & 1L) != 0;
            if (e.ring[i]) {
                e.coveredInWindow++;
            }
        }
        e.head = n % k;
        e.seen = seen;
        e.max = max;
        return e;
    }

    public PackedState exportState() {
        StateWriter w = new StateWriter("lce");
        writeTo(w);
        return w.build();
    }

    public static LocalCoverageError restore(PackedState state) {
        StateReader r = new StateReader(state, "lce");
        LocalCoverageError e = readFrom(r);
        r.finish();
        return e;
    }
}
