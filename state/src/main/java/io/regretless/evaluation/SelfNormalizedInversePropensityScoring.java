package io.regretless.evaluation;

/**
 * Self-normalised IPS: SNIPS = Σ w_i r_i / Σ w_i (Swaminathan &amp; Joachims 2015, "The
 * Self-Normalized Estimator for Counterfactual Learning"). Slightly biased, consistent, and far
 * less variable than IPS when the weights are large; invariant to adding a constant to rewards.
 *
 * <p>Normal interval by the delta method: with Y = w r, W = w and S = Ȳ/W̄,
 * Var(S) ≈ [s²_Y − 2 S s_YW + S² s²_W] / (n W̄²), sample (co)variances with n − 1. Empirical
 * Bernstein: intervals [L_Y, U_Y] for E[Y] and [L_W, U_W] for E[W] = 1, each at δ/2, combined into
 * the range of their quotient (union bound; unbounded above while L_W ≤ 0).
 *
 * @param weightedRewards  moments of Y = w r
 * @param weights          moments of W = w
 * @param crossDeviations  Σ (Y − Ȳ)(W − W̄), kept by the bivariate Welford update
 */
public record SelfNormalizedInversePropensityScoring(Moments weightedRewards, Moments weights,
                                                     double crossDeviations)
        implements OffPolicyEstimator<SelfNormalizedInversePropensityScoring> {
    public static final SelfNormalizedInversePropensityScoring EMPTY =
        new SelfNormalizedInversePropensityScoring(Moments.EMPTY, Moments.EMPTY, 0.0);

    @Override
    public String name() {
        return "snips";
    }

    @Override
    public long rounds() {
        return weights.count();
    }

    @Override
    public SelfNormalizedInversePropensityScoring update(LoggedRound round) {
        double w = round.weight();
        double y = w * round.reward();
        double deltaY = y - weightedRewards.mean();
        Moments nextWeights = weights.plus(w);
        return new SelfNormalizedInversePropensityScoring(weightedRewards.plus(y), nextWeights,
            crossDeviations + deltaY * (w - nextWeights.mean()));
    }

    /** Σ w r / Σ w; NaN until some weight is positive. */
    public double value() {
        return weights.mean() > 0 ? weightedRewards.mean() / weights.mean() : Double.NaN;
    }

    @Override
    public Estimate estimate(KnownBounds bounds) {
        double value = value();
        long n = rounds();
        Interval normal = Interval.UNBOUNDED;
        if (n >= 2 && weights.mean() > 0) {
            double covariance = crossDeviations / (n - 1);
            double variance = weightedRewards.variance() - 2 * value * covariance + value * value * weights.variance();
            double half = ConfidenceIntervals.Z_95 * Math.sqrt(Math.max(0.0, variance) / n) / weights.mean();
            normal = new Interval(value - half, value + half);
        }
        return new Estimate(name(), n, value, normal, bernstein(bounds), ConfidenceIntervals.effectiveSampleSize(weights),
            ConfidenceIntervals.maxWeight(weights));
    }

    private Interval bernstein(KnownBounds bounds) {
        // each of the two intervals at half the error: widen both by taking δ/2, i.e. rescale ln(4/δ)
        Interval numerator = halfDelta(weightedRewards, bounds.weightedRewardRange(bounds.maxWeight()));
        Interval denominator = halfDelta(weights, bounds.maxWeight());
        if (!(denominator.lower() > 0) || Double.isInfinite(numerator.lower()) || Double.isInfinite(numerator.upper())) {
            return Interval.UNBOUNDED;
        }
        double a = numerator.lower() / denominator.lower();
        double b = numerator.lower() / denominator.upper();
        double c = numerator.upper() / denominator.lower();
        double d = numerator.upper() / denominator.upper();
        return new Interval(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
    }

    /** The empirical-Bernstein interval at confidence 1 − δ/2. */
    private static Interval halfDelta(Moments terms, double range) {
        long n = terms.count();
        if (n < 2) {
            return Interval.UNBOUNDED;
        }
        double width = Double.isFinite(range) ? Math.max(range, terms.range()) : terms.range();
        double log = StrictMath.log(8 / ConfidenceIntervals.DELTA);
        double half = Math.sqrt(2 * terms.variance() * log / n) + 7 * width * log / (3.0 * (n - 1));
        return new Interval(terms.mean() - half, terms.mean() + half);
    }
}
