package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * LinUCB (Li, Chu, Langford &amp; Schapire 2010, "A Contextual-Bandit Approach to Personalized News
 * Article Recommendation", Algorithm 1): choose the action of largest upper confidence bound
 * score_a = θ̂_aᵀx_a + α √(x_aᵀ A_a⁻¹ x_a), with α = {@link BanditConfig#exploration()}.
 *
 * <p>Disjoint: one ridge model per action, as in the paper's Algorithm 1. Shared: one model for
 * all actions, whose features carry action indicators and action × context crosses (see
 * {@link CandidateEncoder}); this is not the paper's hybrid model (Algorithm 2).
 *
 * <p>The rule is deterministic except for exact ties, which are broken uniformly at random; the
 * logged distribution is 1/|ties| on each tied maximiser and 0 elsewhere.
 */
public final class LinUcb extends AbstractLinearBandit {

    public LinUcb(BanditConfig config) {
        this(config, new ArmModels(config));
    }

    LinUcb(BanditConfig config, ArmModels models) {
        super(config, models);
        if (config.kind() != LearnerKind.LINUCB) {
            throw new IllegalArgumentException("LinUcb cannot run a " + config.kind() + " configuration");
        }
    }

    /** The upper confidence bound of each candidate, in candidate order. */
    public double[] scores(Candidates candidates) {
        FeatureChecks.requireCandidates(candidates, config.dimension());
        double alpha = config.exploration();
        double[] scores = new double[candidates.size()];
        for (int a = 0; a < scores.length; a++) {
            RidgeRegression model = models.modelFor(candidates.actionIds()[a]);
            double[] x = candidates.features()[a];
            scores[a] = model.predict(x) + alpha * Math.sqrt(model.variance(x));
        }
        return scores;
    }

    @Override
    protected Choice decide(Candidates candidates, SplittableRandom random) {
        int[] ties = Maximizers.of(scores(candidates));
        double[] probabilities = new double[candidates.size()];
        for (int a : ties) {
            probabilities[a] = 1.0 / ties.length;
        }
        int chosen = ties.length == 1 ? ties[0] : ties[random.nextInt(ties.length)];
        return new Choice(chosen, probabilities);
    }
}
