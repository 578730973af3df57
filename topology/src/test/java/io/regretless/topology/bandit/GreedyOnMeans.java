package io.regretless.topology.bandit;

import java.util.SplittableRandom;

import io.regretless.bandit.AbstractLinearBandit;
import io.regretless.bandit.ArmModels;
import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Categorical;
import io.regretless.bandit.Choice;
import io.regretless.bandit.LearnerKind;

/**
 * A linear learner written outside the learners' module, to show that adding one is its decision
 * rule plus one registration line ({@link #KIND}): pure greedy on the ridge means, the action of
 * highest θ̂ᵀx with exact ties broken uniformly (so p = 1/|ties| on each tied maximiser). Without
 * exploration it only learns when an untried action scores as well as the best tried one, as with
 * rewards of 0 for the wrong actions.
 */
final class GreedyOnMeans extends AbstractLinearBandit {
    static final LearnerKind KIND = LearnerKind.registerLinear("greedy", GreedyOnMeans::new);

    private GreedyOnMeans(BanditConfig config, ArmModels models) {
        super(config, models);
    }

    @Override
    protected Choice decide(Candidates candidates, SplittableRandom random) {
        double[] means = models.predictions(candidates);
        double best = Double.NEGATIVE_INFINITY;
        int ties = 0;
        for (double mean : means) {
            if (mean > best) {
                best = mean;
                ties = 1;
            } else if (mean == best) {
                ties++;
            }
        }
        double[] probabilities = new double[means.length];
        for (int a = 0; a < means.length; a++) {
            probabilities[a] = means[a] == best ? 1.0 / ties : 0.0;
        }
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }
}
