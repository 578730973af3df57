package io.regretless.evaluation;

/**
 * What is known in advance about the logged rounds: rewards lie in [rewardMin, rewardMax] and no
 * importance weight π(a|x)/p exceeds maxWeight (e.g. K/ε when the logging policy gives every one
 * of K actions at least ε/K; +∞ when nothing is known). Only the empirical-Bernstein interval
 * uses them: its guarantee needs the range of the per-round terms to be known in advance.
 */
public record KnownBounds(double rewardMin, double rewardMax, double maxWeight) {
    /** Rewards in [0, 1], weights unbounded. */
    public static final KnownBounds UNIT_REWARDS = new KnownBounds(0.0, 1.0, Double.POSITIVE_INFINITY);

    public KnownBounds {
        if (!Double.isFinite(rewardMin) || !Double.isFinite(rewardMax) || rewardMin > rewardMax
                || !(maxWeight > 0)) {
            throw new IllegalArgumentException("need finite rewardMin <= rewardMax and maxWeight > 0, got "
                + rewardMin + ", " + rewardMax + ", " + maxWeight);
        }
    }

    /** Width of the range of w·r for w ∈ [0, W], r ∈ [rewardMin, rewardMax]; +∞ when W is. */
    double weightedRewardRange(double weightBound) {
        if (Double.isInfinite(weightBound)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.0, weightBound * rewardMax) - Math.min(0.0, weightBound * rewardMin);
    }

    /** Width of the range of a doubly robust term, (rewardMax − rewardMin)(1 + 2W), for q̂ within the reward range. */
    double doublyRobustRange() {
        return Double.isInfinite(maxWeight) ? Double.POSITIVE_INFINITY : (rewardMax - rewardMin) * (1 + 2 * maxWeight);
    }
}
