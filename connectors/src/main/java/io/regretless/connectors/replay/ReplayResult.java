package io.regretless.connectors.replay;

import java.time.Duration;
import java.util.List;

/**
 * What one model earned in a replay. Averages are progressive-validation rewards: each decision
 * was made before its reward was revealed to the model, so cumulative reward / decisions
 * estimates the online policy's value (Bietti et al., "A Contextual Bandit Bake-off", 2021).
 *
 * @param modelId         the model
 * @param decisions       decisions made: passes × rows
 * @param totalReward     sum of the rewards
 * @param average         totalReward / decisions
 * @param lastPassAverage average reward over the last pass
 * @param passAverages    average reward of each pass, in pass order
 * @param curve           the progressive reward at evenly spaced decision counts (at most
 *                        {@link ReplaySettings#curvePoints()} points, the last at {@code decisions})
 * @param wallTime        wall time of the whole run (all models were replayed together)
 * @param maxRewardLag    the longest wall time from sending a request to sending its reward;
 *                        compare it with the model's attribution window
 */
public record ReplayResult(
        String modelId, long decisions, double totalReward, double average, double lastPassAverage,
        List<Double> passAverages, List<Point> curve, Duration wallTime, Duration maxRewardLag) {

    public ReplayResult {
        passAverages = List.copyOf(passAverages);
        curve = List.copyOf(curve);
    }

    /** The progressive reward after {@code decisions} decisions. */
    public record Point(long decisions, double average) {}
}
