package io.regretless.evaluation;

/**
 * Doubly robust: DR = mean_i [Σ_a π(a|x_i) q̂(x_i, a) + w_i (r_i − q̂(x_i, a_i))] (Dudík, Langford
 * &amp; Li 2011, eq. 2; Robins &amp; Rotnitzky 1995). Unbiased when the propensities are right,
 * whatever q̂ (as long as q̂ for round i does not depend on round i's reward: train it on earlier
 * rounds only); its variance shrinks as q̂ approaches the true mean reward.
 *
 * @param terms   the per-round terms
 * @param weights the importance weights
 */
public record DoublyRobust(Moments terms, Moments weights) implements OffPolicyEstimator<DoublyRobust> {
    public static final DoublyRobust EMPTY = new DoublyRobust(Moments.EMPTY, Moments.EMPTY);

    @Override
    public String name() {
        return "dr";
    }

    @Override
    public long rounds() {
        return terms.count();
    }

    @Override
    public DoublyRobust update(LoggedRound round) {
        double w = round.weight();
        double term = round.expectedPrediction() + w * (round.reward() - round.chosenPrediction());
        return new DoublyRobust(terms.plus(term), weights.plus(w));
    }

    /** A-priori range: (rewardMax − rewardMin)(1 + 2W), assuming q̂ ∈ [rewardMin, rewardMax]. */
    @Override
    public Estimate estimate(KnownBounds bounds) {
        return new Estimate(name(), rounds(), terms.mean(), ConfidenceIntervals.normal(terms),
            ConfidenceIntervals.empiricalBernstein(terms, bounds.doublyRobustRange()),
            ConfidenceIntervals.effectiveSampleSize(weights), ConfidenceIntervals.maxWeight(weights));
    }
}
