package io.regretless.bandit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Epsilon-greedy over the ridge-regression oracle (Sutton &amp; Barto, <i>Reinforcement Learning</i>,
 * 2nd ed., §2.2, with contexts): with probability ε an action uniformly at random, otherwise the
 * action of highest predicted reward θ̂ᵀx. So p_a = ε/K + (1 − ε)/|ties| on each exactly tied
 * greedy action and ε/K elsewhere; ε = {@link BanditConfig#exploration()}.
 */
public final class EpsilonGreedy extends AbstractLinearBandit {

    public EpsilonGreedy(BanditConfig config) {
        this(config, new ArmModels(config));
    }

    EpsilonGreedy(BanditConfig config, ArmModels models) {
        super(config, models);
        if (config.kind() != LearnerKind.EPSILON_GREEDY) {
            throw new IllegalArgumentException("EpsilonGreedy cannot run a " + config.kind() + " configuration");
        }
    }

    @Override
    protected Choice decide(Candidates candidates, SplittableRandom random) {
        int k = candidates.size();
        double epsilon = config.exploration();
        int[] greedy = Maximizers.of(models.predictions(candidates));
        double[] probabilities = new double[k];
        Arrays.fill(probabilities, epsilon / k);
        for (int a : greedy) {
            probabilities[a] += (1.0 - epsilon) / greedy.length;
        }
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }
}
