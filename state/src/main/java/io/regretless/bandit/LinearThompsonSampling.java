package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * Linear Thompson sampling (Agrawal &amp; Goyal 2013, "Thompson Sampling for Contextual Bandits with
 * Linear Payoffs", Algorithm 1): draw θ̃ ~ N(θ̂, v²A⁻¹) and take the action maximising θ̃ᵀx_a,
 * with v = {@link BanditConfig#exploration()}.
 *
 * <p>θ̃ itself is never formed: only the scores θ̃ᵀx_a matter, and they are drawn directly from their
 * joint law. Disjoint models give independent scores N(θ̂_aᵀx_a, v² x_aᵀA_a⁻¹x_a). The shared model
 * gives θ̃ = θ̂ + v L⁻ᵀξ with ξ ~ N(0, I_d), so θ̃ᵀx_a = θ̂ᵀx_a + v z_a·ξ with z_a = L⁻¹x_a: one ξ
 * scores every action, with covariance v² Z Zᵀ as the posterior requires.
 *
 * <p>The chosen action is the argmax of the first draw. <b>The logged probabilities are a Monte
 * Carlo estimate</b>, not exact: the share of M draws (that first one and M − 1 more from the same
 * random stream) each action wins. The estimate is unbiased, sums to 1 and gives the chosen action
 * at least 1/M; its standard error is √(p(1 − p)/M). Cost per decision: M·K normal draws
 * (disjoint) or M·d normal draws and M·K·d multiply-adds (shared).
 */
public final class LinearThompsonSampling extends AbstractLinearBandit {
    /** Default number M of draws behind the logged probabilities. */
    public static final int DEFAULT_PROPENSITY_DRAWS = 256;

    private final int propensityDraws;

    public LinearThompsonSampling(BanditConfig config) {
        this(config, DEFAULT_PROPENSITY_DRAWS);
    }

    /** @param propensityDraws M, the number of posterior draws behind the logged probabilities */
    public LinearThompsonSampling(BanditConfig config, int propensityDraws) {
        this(config, new ArmModels(config), propensityDraws);
    }

    LinearThompsonSampling(BanditConfig config, ArmModels models, int propensityDraws) {
        super(config, models);
        if (config.kind() != LearnerKind.LINEAR_THOMPSON) {
            throw new IllegalArgumentException("LinearThompsonSampling cannot run a " + config.kind() + " configuration");
        }
        if (propensityDraws < 1) {
            throw new IllegalArgumentException("propensityDraws must be >= 1, got " + propensityDraws);
        }
        this.propensityDraws = propensityDraws;
    }

    public int propensityDraws() {
        return propensityDraws;
    }

    @Override
    Choice decide(Candidates candidates, SplittableRandom random) {
        int k = candidates.size();
        ScoreSampler sampler = config.shared() ? sharedSampler(candidates) : disjointSampler(candidates);
        double[] scores = new double[k];
        int[] wins = new int[k];
        int chosen = -1;
        for (int draw = 0; draw < propensityDraws; draw++) {
            sampler.sample(random, scores);
            int winner = Maximizers.pick(scores, random);
            if (draw == 0) {
                chosen = winner;
            }
            wins[winner]++;
        }
        double[] probabilities = new double[k];
        for (int a = 0; a < k; a++) {
            probabilities[a] = wins[a] / (double) propensityDraws;
        }
        return new Choice(chosen, probabilities);
    }

    /** One joint draw of all candidates' sampled scores θ̃ᵀx_a. */
    private interface ScoreSampler {
        void sample(SplittableRandom random, double[] scores);
    }

    private ScoreSampler disjointSampler(Candidates candidates) {
        int k = candidates.size();
        double[] means = models.predictions(candidates);
        double[] deviations = new double[k];
        for (int a = 0; a < k; a++) {
            RidgeRegression model = models.modelFor(candidates.actionIds()[a]);
            deviations[a] = config.exploration() * Math.sqrt(model.variance(candidates.features()[a]));
        }
        double[] noise = new double[k];
        return (random, scores) -> {
            StandardNormal.fill(random, noise, k);
            for (int a = 0; a < k; a++) {
                scores[a] = means[a] + deviations[a] * noise[a];
            }
        };
    }

    private ScoreSampler sharedSampler(Candidates candidates) {
        int k = candidates.size();
        int d = config.dimension();
        double v = config.exploration();
        RidgeRegression model = models.modelFor(ArmModels.SHARED_ARM);
        double[] means = models.predictions(candidates);
        double[][] whitened = new double[k][d];
        for (int a = 0; a < k; a++) {
            model.whiten(candidates.features()[a], whitened[a]);
        }
        double[] xi = new double[d];
        return (random, scores) -> {
            StandardNormal.fill(random, xi, d);
            for (int a = 0; a < k; a++) {
                double[] z = whitened[a];
                double projection = 0.0;
                for (int i = 0; i < d; i++) {
                    projection += z[i] * xi[i];
                }
                scores[a] = means[a] + v * projection;
            }
        };
    }
}
