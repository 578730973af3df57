package io.regretless.connectors.decide;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import io.regretless.connectors.client.DecisionPort;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

/**
 * A {@link LocalDecider} as a {@link DecisionPort}, so a replay or a simulator can decide in
 * process: each decision is made at once (the future is complete when returned) and timed; a
 * reward is handed to the decider's producer and the future completes when it is queued. Keeps
 * the duration of each of the last decisions it made, for {@link #latencyMicros}.
 */
public final class LocalDecisionPort implements DecisionPort {
    private final LocalDecider decider;
    private final long[] nanos;
    private final long intervalNanos;
    private long next;
    private int count;

    /**
     * @param keep        how many of the last decisions' durations to keep
     * @param maxPerSecond at most this many decisions a second (0: no limit), as an application
     *                    serving traffic would; the wait is not part of a decision's duration
     */
    public LocalDecisionPort(LocalDecider decider, int keep, int maxPerSecond) {
        this.decider = decider;
        this.nanos = new long[keep];
        this.intervalNanos = maxPerSecond == 0 ? 0 : 1_000_000_000L / maxPerSecond;
    }

    @Override
    public CompletableFuture<Decision> decide(DecisionRequest request) {
        pace();
        try {
            long start = System.nanoTime();
            Decision decision = decider.decide(request);
            record(System.nanoTime() - start);
            return CompletableFuture.completedFuture(decision);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Void> reward(Reward reward) {
        try {
            decider.reward(reward);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized void pace() {
        if (intervalNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        next = Math.max(next + intervalNanos, now);
        long wait = next - now;
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void record(long duration) {
        nanos[count++ % nanos.length] = duration;
    }

    /** The {@code percentile} (0–100) of the decisions' durations kept, in microseconds. */
    public synchronized double latencyMicros(double percentile) {
        long[] kept = Arrays.copyOf(nanos, Math.min(count, nanos.length));
        if (kept.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(kept);
        return kept[(int) Math.min(kept.length - 1, Math.ceil(percentile / 100 * kept.length) - 1)] / 1e3;
    }

    /** Decisions made. */
    public synchronized int decisions() {
        return count;
    }
}
