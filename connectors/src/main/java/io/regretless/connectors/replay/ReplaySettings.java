package io.regretless.connectors.replay;

import java.time.Duration;

/**
 * How {@link BanditReplay} plays an environment.
 *
 * @param passes           passes over the rows, each in its own seeded shuffled order (>= 1)
 * @param seed             seeds the row orders; the same seed gives the same orders
 * @param maxInFlight      most decisions outstanding at once, over all models (>= 1)
 * @param rewardDelay      a request's reward is sent once its decision is in and at least this many
 *                         further requests of the same model were sent (>= 0; 0 means as soon as
 *                         the decision is in). Keep the wall time this takes well inside the
 *                         model's attribution window; see {@link ReplayResult#maxRewardLag()}
 * @param progressInterval least time between two progress reports (>= 0)
 * @param curvePoints      points of the progressive-reward curve kept per model (>= 0)
 */
public record ReplaySettings(
        int passes, long seed, int maxInFlight, int rewardDelay, Duration progressInterval, int curvePoints) {

    public ReplaySettings {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be >= 1, got " + passes);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        if (rewardDelay < 0) {
            throw new IllegalArgumentException("rewardDelay must be >= 0, got " + rewardDelay);
        }
        if (progressInterval == null || progressInterval.isNegative()) {
            throw new IllegalArgumentException("progressInterval must be >= 0, got " + progressInterval);
        }
        if (curvePoints < 0) {
            throw new IllegalArgumentException("curvePoints must be >= 0, got " + curvePoints);
        }
    }

    /** 1 pass, seed 1, 1000 in flight, reward delay 100, progress every 250 ms, 100 curve points. */
    public static ReplaySettings defaults() {
        return new ReplaySettings(1, 1L, 1000, 100, Duration.ofMillis(250), 100);
    }

    public ReplaySettings withPasses(int passes) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }

    public ReplaySettings withSeed(long seed) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }

    public ReplaySettings withMaxInFlight(int maxInFlight) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }

    public ReplaySettings withRewardDelay(int rewardDelay) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }

    public ReplaySettings withProgressInterval(Duration progressInterval) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }

    public ReplaySettings withCurvePoints(int curvePoints) {
        return new ReplaySettings(passes, seed, maxInFlight, rewardDelay, progressInterval, curvePoints);
    }
}
