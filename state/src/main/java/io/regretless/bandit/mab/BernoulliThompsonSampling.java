package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Choice;

/**
 * Thompson sampling with Beta posteriors for rewards in [0, 1] (Agrawal &amp; Goyal 2012, "Analysis
 * of Thompson Sampling for the Multi-armed Bandit Problem", Algorithm 1): arm i's posterior is
 * Beta(a₀ + S_i, b₀ + F_i) and the arm with the largest posterior draw is played. A reward r counts
 * r successes and 1 − r failures (exact for 0/1 rewards; for fractional rewards this replaces the
 * paper's Bernoulli re-draw of r, which would need randomness in the update).
 *
 * <p>Asymptotically optimal for Bernoulli arms: E[regret(T)] ≤ (1 + ε) Σ_i Δ_i ln T / KL(μ_i, μ*)
 * + O(K/ε²) (Kaufmann, Korda &amp; Munos 2012; Agrawal &amp; Goyal 2013, Theorem 1).
 *
 * <p>The choice is not drawn by sampling the posteriors: the probability that each offered arm
 * draws the largest sample is computed ({@link ProbabilityOfMaximum}, error ≤ 1e-9) and the arm
 * is drawn from those probabilities with one uniform draw, so the logged propensity is the
 * probability the arm was played with.
 */
public final class BernoulliThompsonSampling implements MultiArmedBandit {
    public static final String NAME = "ts-bernoulli";

    /** One arm's success and failure counts. */
    public record Arm(String id, double successes, double failures) {
    }

    /** The learner's state: the arms in first-seen order and the number of updates. */
    public record State(List<Arm> arms, long version) implements MabState {
        public State {
            arms = List.copyOf(arms);
        }

        @Override
        public String learner() {
            return NAME;
        }
    }

    private final BetaArms beta;

    /** A learner with prior Beta(a₀, b₀), a₀, b₀ ≥ 1 (Beta(1, 1), uniform, in the paper). */
    public BernoulliThompsonSampling(int maxArms, double priorSuccesses, double priorFailures) {
        this(new BetaArms(new ArmTable(maxArms), priorSuccesses, priorFailures));
    }

    private BernoulliThompsonSampling(BetaArms beta) {
        this.beta = beta;
    }

    /**
     * The learner a stored state describes, with the prior it was written with.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static BernoulliThompsonSampling restore(int maxArms, double priorSuccesses, double priorFailures,
                                                    State state) {
        BetaArms beta = new BetaArms(ArmTable.of(maxArms, state.arms().stream().map(Arm::id).toList()),
            priorSuccesses, priorFailures);
        for (int j = 0; j < state.arms().size(); j++) {
            Arm arm = state.arms().get(j);
            BetaArms.requireCounts(arm.id(), arm.successes(), arm.failures());
            beta.successes[j] = arm.successes();
            beta.failures[j] = arm.failures();
        }
        if (state.version() < 0) {
            throw new IllegalStateException("negative version " + state.version());
        }
        beta.version = state.version();
        return new BernoulliThompsonSampling(beta);
    }

    @Override
    public String learner() {
        return NAME;
    }

    @Override
    public long version() {
        return beta.version;
    }

    @Override
    public List<String> arms() {
        return beta.table.ids();
    }

    /** The posterior of an arm (the prior for an arm never updated). */
    public Posterior.Beta posterior(String armId) {
        return beta.posterior(beta.table.indexOf(armId));
    }

    @Override
    public Choice choose(String[] armIds, SplittableRandom random) {
        return beta.choose(armIds, random);
    }

    @Override
    public void update(String armId, double reward) {
        beta.add(beta.arm(armId, reward), reward);
    }

    @Override
    public State state() {
        List<Arm> arms = new ArrayList<>(beta.table.size());
        for (int j = 0; j < beta.table.size(); j++) {
            arms.add(new Arm(beta.table.ids().get(j), beta.successes[j], beta.failures[j]));
        }
        return new State(arms, beta.version);
    }
}
