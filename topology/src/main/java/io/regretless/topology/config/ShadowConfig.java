package io.regretless.topology.config;

import java.util.List;

import io.regretless.bandit.BanditConfig;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.evaluation.ShadowEvaluation;

/**
 * A bandit model's shadow policies: candidates evaluated on its feedback by the evaluation
 * sub-topology, and how their estimates are published.
 *
 * @param candidates   the candidate policies, in order; empty when the model has none
 * @param publishEvery a {@code PolicyEvaluation} is written after every this many of the model's feedback records
 * @param rewardMin    rewards' a-priori low end (the reward model's clip, the empirical-Bernstein range)
 * @param rewardMax    rewards' a-priori high end
 * @param weightCap    clipped IPS's weight cap
 */
public record ShadowConfig(List<CandidateSpec> candidates, int publishEvery, double rewardMin, double rewardMax,
                           double weightCap) {
    /** No shadow policies. */
    public static final ShadowConfig NONE = new ShadowConfig(List.of(), 100, 0.0, 1.0, 10.0);

    public ShadowConfig {
        candidates = List.copyOf(candidates);
        if (publishEvery < 1) {
            throw new IllegalArgumentException("publishEvery must be >= 1, got " + publishEvery);
        }
    }

    public boolean enabled() {
        return !candidates.isEmpty();
    }

    /**
     * The evaluation next to a model configured as {@code deployed}.
     *
     * @throws IllegalArgumentException if a candidate does not fit it, or the reward range or cap is bad
     */
    public ShadowEvaluation.Setup setup(BanditConfig deployed) {
        return new ShadowEvaluation.Setup(deployed, candidates, rewardMin, rewardMax, weightCap);
    }
}
