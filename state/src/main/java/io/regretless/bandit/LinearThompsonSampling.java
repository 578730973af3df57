package io.regretless.bandit;

import java.util.SplittableRandom;

import io.regretless.bandit.mab.Posterior;
import io.regretless.bandit.mab.ProbabilityOfMaximum;

/**
 * Linear Thompson sampling (Agrawal &amp; Goyal 2013, "Thompson Sampling for Contextual Bandits with
 * Linear Payoffs", Algorithm 1): draw θ̃ ~ N(θ̂, v²A⁻¹) and take the action maximising θ̃ᵀx_a,
 * with v = {@link BanditConfig#exploration()}.
 *
 * <p>The action is drawn from the probability with which that rule picks each action, computed
 * first, so the logged propensity is the probability the action was actually drawn with.
 *
 * <p><b>Disjoint models</b> give independent scores θ̃_aᵀx_a ~ N(θ̂_aᵀx_a, v² x_aᵀA_a⁻¹x_a), so the
 * probability of each action is the one-dimensional integral P_a = ∫ f_a Π_{b≠a} F_b, computed by
 * Gauss–Legendre quadrature ({@link ProbabilityOfMaximum}): exact to within 1e-9 per action (its
 * checked tolerance), no Monte Carlo. With v = 0 the rule is greedy, uniform among exact ties.
 *
 * <p><b>The shared model</b> gives correlated scores: θ̃ = θ̂ + v L⁻ᵀξ with ξ ~ N(0, I_d), so
 * θ̃ᵀx_a = θ̂ᵀx_a + v z_a·ξ with z_a = L⁻¹x_a. The probability of each action is then a
 * K-dimensional Gaussian orthant probability with no one-dimensional form; it is estimated from M
 * joint draws (standard error √(p(1 − p)/M), at most 0.5/√M = 0.031 for the default M = 256), and the
 * action is drawn from that estimate: the logged propensity is exact for the policy actually run,
 * which is Thompson sampling up to that error. Cost: M·d normal draws and M·K·d multiply-adds.
 */
public final class LinearThompsonSampling extends AbstractLinearBandit {
    /** Default number M of joint draws behind a shared model's probabilities. */
    public static final int DEFAULT_PROPENSITY_DRAWS = 256;

    private final int propensityDraws;
    private final ProbabilityOfMaximum maximum = new ProbabilityOfMaximum();

    public LinearThompsonSampling(BanditConfig config) {
        this(config, DEFAULT_PROPENSITY_DRAWS);
    }

    /** @param propensityDraws M, the number of joint draws behind a shared model's probabilities */
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
    protected Choice decide(Candidates candidates, SplittableRandom random) {
        double[] probabilities = config.shared() ? sharedProbabilities(candidates, random) : disjointProbabilities(candidates);
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }

    /** Exact (to the quadrature's tolerance) probability of each independent score being the largest. */
    private double[] disjointProbabilities(Candidates candidates) {
        int k = candidates.size();
        double[] means = models.predictions(candidates);
        Posterior[] scores = new Posterior[k];
        boolean greedy = config.exploration() == 0;
        for (int a = 0; a < k; a++) {
            RidgeRegression model = models.modelFor(candidates.actionIds()[a]);
            double sd = config.exploration() * StrictMath.sqrt(model.variance(candidates.features()[a]));
            greedy |= !(sd > 0);
            scores[a] = greedy ? null : new Posterior.Normal(means[a], sd);
        }
        if (greedy) {
            return Maximizers.uniformOverMaxima(means);
        }
        return maximum.probabilities(scores);
    }

    /** Monte Carlo estimate, from the decision's own random stream, of each correlated score being the largest. */
    private double[] sharedProbabilities(Candidates candidates, SplittableRandom random) {
        int k = candidates.size();
        ScoreSampler sampler = sharedSampler(candidates);
        double[] scores = new double[k];
        int[] wins = new int[k];
        for (int draw = 0; draw < propensityDraws; draw++) {
            sampler.sample(random, scores);
            wins[Maximizers.pick(scores, random)]++;
        }
        double[] probabilities = new double[k];
        for (int a = 0; a < k; a++) {
            probabilities[a] = wins[a] / (double) propensityDraws;
        }
        return probabilities;
    }

    /** One joint draw of all candidates' sampled scores θ̃ᵀx_a. */
    private interface ScoreSampler {
        void sample(SplittableRandom random, double[] scores);
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
