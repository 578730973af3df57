package io.regretless.evaluation;

/**
 * IPS with the weights capped: mean_i min(w_i, M) r_i (Ionides 2008, "Truncated importance
 * sampling"; Bottou et al. 2013, §4.4). Trades a bias toward the logging policy (downward for
 * non-negative rewards) for bounded variance; M = ∞ is IPS.
 *
 * @param cap     M &gt; 0
 * @param terms   the per-round terms min(w, M) r
 * @param weights the capped weights min(w, M), whose size and overlap are reported
 */
public record ClippedInversePropensityScoring(double cap, Moments terms, Moments weights)
        implements OffPolicyEstimator<ClippedInversePropensityScoring> {

    public ClippedInversePropensityScoring {
        if (!(cap > 0)) {
            throw new IllegalArgumentException("the weight cap must be > 0, got " + cap);
        }
    }

    /** Nothing seen yet, weights capped at {@code cap}. */
    public static ClippedInversePropensityScoring empty(double cap) {
        return new ClippedInversePropensityScoring(cap, Moments.EMPTY, Moments.EMPTY);
    }

    @Override
    public String name() {
        return "clipped-ips";
    }

    @Override
    public long rounds() {
        return terms.count();
    }

    @Override
    public ClippedInversePropensityScoring update(LoggedRound round) {
        double w = Math.min(round.weight(), cap);
        return new ClippedInversePropensityScoring(cap, terms.plus(w * round.reward()), weights.plus(w));
    }

    /** The interval covers the clipped estimator's own expectation, not the (unclipped) policy value. */
    @Override
    public Estimate estimate(KnownBounds bounds) {
        return new Estimate(name(), rounds(), terms.mean(), ConfidenceIntervals.normal(terms),
            ConfidenceIntervals.empiricalBernstein(terms, bounds.weightedRewardRange(Math.min(cap, bounds.maxWeight()))),
            ConfidenceIntervals.effectiveSampleSize(weights), ConfidenceIntervals.maxWeight(weights));
    }
}
