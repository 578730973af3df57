package io.regretless.ops.bench;

/**
 * What one app did with the measured records.
 *
 * @param records      records sent and completed
 * @param elapsedNanos from the first send to the last completion consumed
 * @param latencies    per record, from its send to its answer being consumed (a decision for the
 *                     bandit loop, the copied record for the pass-through app)
 */
public record PhaseResult(int records, long elapsedNanos, Latencies latencies) {

    /** Completed records per second. */
    public double throughput() {
        return records / (elapsedNanos / 1e9);
    }
}
