package io.regretless.ops.bench;

import java.util.Arrays;

/** A sorted sample of latencies in nanoseconds, read by nearest-rank percentiles. */
public final class Latencies {
    private final long[] sortedNanos;

    /** Copies and sorts {@code nanos}; must not be empty. */
    public Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** The nearest-rank percentile, {@code q} in (0, 100], in milliseconds. */
    public double percentileMillis(double q) {
        if (!(q > 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + q);
        }
        int rank = (int) Math.ceil(q / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    public double maxMillis() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
