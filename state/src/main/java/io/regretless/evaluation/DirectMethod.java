package io.regretless.evaluation;

/**
 * The direct method: DM = mean_i Σ_a π(a|x_i) q̂(x_i, a), the target policy's expected reward under
 * a reward model q̂. Low variance; biased exactly as much as q̂ is wrong (Dudík, Langford &amp; Li
 * 2011, §2). The weights are tracked only to report overlap (effective sample size, largest weight).
 *
 * @param terms   the per-round terms Σ_a π(a|x) q̂(x, a)
 * @param weights the importance weights π(a_i|x_i)/p_i
 */
public record DirectMethod(Moments terms, Moments weights) implements OffPolicyEstimator<DirectMethod> {
    public static final DirectMethod EMPTY = new DirectMethod(Moments.EMPTY, Moments.EMPTY);

    @Override
    public String name() {
        return "dm";
    }

    @Override
    public long rounds() {
        return terms.count();
    }

    @Override
    public DirectMethod update(LoggedRound round) {
        return new DirectMethod(terms.plus(round.expectedPrediction()), weights.plus(round.weight()));
    }

    /** Assumes q̂ ∈ [rewardMin, rewardMax] for the a-priori range. */
    @Override
    public Estimate estimate(KnownBounds bounds) {
        return new Estimate(name(), rounds(), terms.mean(), ConfidenceIntervals.normal(terms),
            ConfidenceIntervals.empiricalBernstein(terms, bounds.rewardMax() - bounds.rewardMin()),
            ConfidenceIntervals.effectiveSampleSize(weights), ConfidenceIntervals.maxWeight(weights));
    }
}
