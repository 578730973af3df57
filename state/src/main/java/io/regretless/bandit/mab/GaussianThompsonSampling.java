package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Categorical;
import io.regretless.bandit.Choice;

/**
 * Thompson sampling with Gaussian posteriors (Agrawal &amp; Goyal 2013, "Further Optimal Regret
 * Bounds for Thompson Sampling", Algorithm 2): a conjugate normal model with prior N(μ₀, σ₀²) on
 * each arm's mean and rewards seen as N(mean, σ²), so after n rewards summing to s arm i's
 * posterior is N(m_i, v_i) with 1/v_i = 1/σ₀² + n/σ² and m_i = v_i (μ₀/σ₀² + s/σ²). The paper's
 * algorithm, N(s/(n + 1), 1/(n + 1)), is μ₀ = 0, σ₀² = σ² = 1; its bound holds for any rewards in
 * [0, 1]. Rewards may be any finite numbers here.
 *
 * <p>Propensities are exact as in {@link BernoulliThompsonSampling}: computed with
 * {@link ProbabilityOfMaximum} (error ≤ 1e-9) and the arm drawn from them.
 */
public final class GaussianThompsonSampling implements MultiArmedBandit {
    public static final String NAME = "ts-gaussian";

    /** One arm's reward count and sum. */
    public record Arm(String id, long pulls, double rewardSum) {
    }

    /** The learner's state: the arms in first-seen order. */
    public record State(List<Arm> arms) implements MabState {
        public State {
            arms = List.copyOf(arms);
        }

        @Override
        public String learner() {
            return NAME;
        }

        @Override
        public long version() {
            return arms.stream().mapToLong(Arm::pulls).sum();
        }
    }

    private final ArmTable table;
    private final double priorMean;
    private final double priorVariance;
    private final double noiseVariance;
    private final ProbabilityOfMaximum maximum = new ProbabilityOfMaximum();
    private final LastProbabilities last = new LastProbabilities();
    private long[] pulls;
    private double[] rewardSums;
    private long version;

    /** A learner with prior N(μ₀, σ₀²) on each mean and reward variance σ². */
    public GaussianThompsonSampling(int maxArms, double priorMean, double priorVariance, double noiseVariance) {
        this(new ArmTable(maxArms), priorMean, priorVariance, noiseVariance);
    }

    private GaussianThompsonSampling(ArmTable table, double priorMean, double priorVariance, double noiseVariance) {
        if (!Double.isFinite(priorMean) || !(priorVariance > 0) || !(noiseVariance > 0)
                || Double.isInfinite(priorVariance) || Double.isInfinite(noiseVariance)) {
            throw new IllegalArgumentException("need a finite prior mean and finite variances > 0, got "
                + priorMean + ", " + priorVariance + ", " + noiseVariance);
        }
        this.table = table;
        this.priorMean = priorMean;
        this.priorVariance = priorVariance;
        this.noiseVariance = noiseVariance;
        this.pulls = new long[Math.max(8, table.size())];
        this.rewardSums = new double[Math.max(8, table.size())];
    }

    /**
     * The learner a stored state describes, with the prior and variance it was written with.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static GaussianThompsonSampling restore(int maxArms, double priorMean, double priorVariance,
                                                   double noiseVariance, State state) {
        GaussianThompsonSampling learner = new GaussianThompsonSampling(
            ArmTable.of(maxArms, state.arms().stream().map(Arm::id).toList()), priorMean, priorVariance, noiseVariance);
        for (int j = 0; j < state.arms().size(); j++) {
            Arm arm = state.arms().get(j);
            if (arm.pulls() < 0 || !(Math.abs(arm.rewardSum()) < Double.POSITIVE_INFINITY)) {
                throw new IllegalStateException("malformed Gaussian arm " + arm);
            }
            learner.pulls[j] = arm.pulls();
            learner.rewardSums[j] = arm.rewardSum();
            learner.version += arm.pulls();
        }
        return learner;
    }

    @Override
    public String learner() {
        return NAME;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<String> arms() {
        return table.ids();
    }

    /** The posterior of an arm (the prior for an arm never updated). */
    public Posterior.Normal posterior(String armId) {
        return posterior(table.indexOf(armId));
    }

    private Posterior.Normal posterior(int arm) {
        long n = arm < 0 ? 0 : pulls[arm];
        double sum = arm < 0 ? 0.0 : rewardSums[arm];
        double precision = 1.0 / priorVariance + n / noiseVariance;
        double mean = (priorMean / priorVariance + sum / noiseVariance) / precision;
        return new Posterior.Normal(mean, Math.sqrt(1.0 / precision));
    }

    @Override
    public Choice choose(String[] armIds, SplittableRandom random) {
        int[] offered = table.offered(armIds);
        double[] probabilities = last.get(version, armIds);
        if (probabilities == null) {
            Posterior[] posteriors = new Posterior[offered.length];
            for (int a = 0; a < offered.length; a++) {
                posteriors[a] = posterior(offered[a]);
            }
            probabilities = maximum.probabilities(posteriors);
            last.put(version, armIds, probabilities);
        }
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }

    @Override
    public void update(String armId, double reward) {
        Rewards.requireArm(armId);
        Rewards.requireFinite(reward, armId);
        int j = table.indexOrAdd(armId);
        if (j == pulls.length) {
            pulls = Arrays.copyOf(pulls, 2 * j);
            rewardSums = Arrays.copyOf(rewardSums, 2 * j);
        }
        pulls[j]++;
        rewardSums[j] += reward;
        version++;
    }

    @Override
    public State state() {
        List<Arm> arms = new ArrayList<>(table.size());
        for (int j = 0; j < table.size(); j++) {
            arms.add(new Arm(table.ids().get(j), pulls[j], rewardSums[j]));
        }
        return new State(arms);
    }
}
