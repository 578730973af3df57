package io.regretless.evaluation;

/**
 * Inverse propensity scoring: IPS = mean_i w_i r_i with w_i = π(a_i|x_i)/p_i (Horvitz &amp; Thompson
 * 1952). Unbiased whenever the logging policy gives positive probability to every action the
 * target may take; its variance grows with the weights.
 *
 * @param terms   the per-round terms w r
 * @param weights the importance weights
 */
public record InversePropensityScoring(Moments terms, Moments weights)
        implements OffPolicyEstimator<InversePropensityScoring> {
    public static final InversePropensityScoring EMPTY = new InversePropensityScoring(Moments.EMPTY, Moments.EMPTY);

    @Override
    public String name() {
        return "ips";
    }

    @Override
    public long rounds() {
        return terms.count();
    }

    @Override
    public InversePropensityScoring update(LoggedRound round) {
        double w = round.weight();
        return new InversePropensityScoring(terms.plus(w * round.reward()), weights.plus(w));
    }

    @Override
    public Estimate estimate(KnownBounds bounds) {
        return new Estimate(name(), rounds(), terms.mean(), ConfidenceIntervals.normal(terms),
            ConfidenceIntervals.empiricalBernstein(terms, bounds.weightedRewardRange(bounds.maxWeight())),
            ConfidenceIntervals.effectiveSampleSize(weights), ConfidenceIntervals.maxWeight(weights));
    }
}
