package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * SquareCB (Foster &amp; Rakhlin 2020, "Beyond UCB: Optimal and Efficient Contextual Bandits with
 * Regression Oracles", Algorithm 1): the ridge-regression oracle predicts ŷ_a = θ̂ᵀx_a and the
 * action is drawn by {@link InverseGapWeighting} with γ = γ₀ √(K t), where K is the number of
 * candidates, t = {@link #version()} + 1 the round, and γ₀ = {@link BanditConfig#exploration()}.
 */
public final class SquareCb extends AbstractLinearBandit {

    public SquareCb(BanditConfig config) {
        this(config, new ArmModels(config));
    }

    SquareCb(BanditConfig config, ArmModels models) {
        super(config, models);
        if (config.kind() != LearnerKind.SQUARECB) {
            throw new IllegalArgumentException("SquareCb cannot run a " + config.kind() + " configuration");
        }
    }

    /** γ for a decision among {@code actions} candidates at the current version. */
    public double learningRate(int actions) {
        return InverseGapWeighting.learningRate(config.exploration(), actions, version() + 1);
    }

    @Override
    protected Choice decide(Candidates candidates, SplittableRandom random) {
        double[] probabilities = InverseGapWeighting.probabilities(
            models.predictions(candidates), learningRate(candidates.size()));
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }
}
