package io.regretless.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;

/**
 * A candidate policy evaluated on a log it did not produce: its probability of each candidate
 * action, and learning from the logged rewards. Scored progressively: {@link #probabilities}
 * before {@link #learn} on every round.
 */
public interface ShadowPolicy {

    /** The name shown in results. */
    String name();

    /** π(a | x) for every candidate; may draw from {@code random}, never changes the policy. */
    double[] probabilities(Candidates candidates, SplittableRandom random);

    /** Learns the logged reward of the logged action. */
    void learn(String actionId, double[] features, double reward);

    /** Uniform over the candidates; learns nothing. */
    static ShadowPolicy uniform() {
        return new ShadowPolicy() {
            @Override
            public String name() {
                return "uniform";
            }

            @Override
            public double[] probabilities(Candidates candidates, SplittableRandom random) {
                double[] p = new double[candidates.size()];
                Arrays.fill(p, 1.0 / p.length);
                return p;
            }

            @Override
            public void learn(String actionId, double[] features, double reward) {
            }
        };
    }

    /**
     * A contextual learner as a shadow policy: its decision distribution (for linear Thompson
     * sampling the logged Monte Carlo estimate, which is then the policy evaluated) and its update.
     */
    static ShadowPolicy of(String name, ContextualBandit learner) {
        return new ShadowPolicy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double[] probabilities(Candidates candidates, SplittableRandom random) {
                return learner.choose(candidates, random).probabilities();
            }

            @Override
            public void learn(String actionId, double[] features, double reward) {
                learner.update(actionId, features, reward);
            }
        };
    }
}
