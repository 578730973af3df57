package io.regretless.evaluation;

/**
 * One logged decision as the estimators see it: the action the logging policy chose (an index
 * into the round's candidates), the probability it chose it with, the reward observed, the target
 * policy's probability of every candidate, and optionally a reward model's prediction for every
 * candidate (needed by the direct method and doubly robust).
 *
 * @throws IllegalArgumentException if the chosen index is out of range, the propensity is not in
 *     (0, 1], the reward or a prediction is not finite, a target probability is not in [0, 1], or
 *     the vectors differ in length
 */
public record LoggedRound(int chosen, double propensity, double reward, double[] targetProbabilities,
                          double[] rewardPredictions) {
    public LoggedRound {
        if (targetProbabilities == null || targetProbabilities.length == 0) {
            throw new IllegalArgumentException("a logged round needs the target policy's probabilities");
        }
        if (chosen < 0 || chosen >= targetProbabilities.length) {
            throw new IllegalArgumentException("chosen action " + chosen + " is not one of "
                + targetProbabilities.length + " candidates");
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], got " + propensity);
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
        for (double p : targetProbabilities) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("target probabilities must be in [0, 1], got " + p);
            }
        }
        if (rewardPredictions != null) {
            if (rewardPredictions.length != targetProbabilities.length) {
                throw new IllegalArgumentException("need one reward prediction per candidate, got "
                    + rewardPredictions.length + " for " + targetProbabilities.length);
            }
            for (double q : rewardPredictions) {
                if (!Double.isFinite(q)) {
                    throw new IllegalArgumentException("reward predictions must be finite, got " + q);
                }
            }
        }
    }

    /** A round without reward predictions: enough for IPS, clipped IPS and SNIPS. */
    public LoggedRound(int chosen, double propensity, double reward, double[] targetProbabilities) {
        this(chosen, propensity, reward, targetProbabilities, null);
    }

    /** The importance weight w = π(chosen | x) / p. */
    public double weight() {
        return targetProbabilities[chosen] / propensity;
    }

    /** Σ_a π(a|x) q̂(x, a), the direct method's term. */
    public double expectedPrediction() {
        if (rewardPredictions == null) {
            throw new IllegalStateException("this round carries no reward predictions");
        }
        double sum = 0.0;
        for (int a = 0; a < targetProbabilities.length; a++) {
            sum += targetProbabilities[a] * rewardPredictions[a];
        }
        return sum;
    }

    /** q̂(x, chosen). */
    public double chosenPrediction() {
        if (rewardPredictions == null) {
            throw new IllegalStateException("this round carries no reward predictions");
        }
        return rewardPredictions[chosen];
    }
}
