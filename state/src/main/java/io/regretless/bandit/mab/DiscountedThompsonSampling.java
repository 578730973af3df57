package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Choice;

/**
 * Discounted Thompson sampling for rewards that drift (Raj &amp; Kalyani 2017, "Taming
 * Non-stationary Bandits: A Bayesian Approach", discounted TS; analysed by Qi et al. 2023,
 * "Discounted Thompson Sampling for Non-Stationary Bandit Problems"): after every reward, every
 * arm's success and failure counts are multiplied by γ ∈ (0, 1) and the played arm's then grow by
 * r and 1 − r; arm i's posterior is Beta(a₀ + S_i, b₀ + F_i). Evidence older than about 1/(1 − γ)
 * rounds fades, so the posterior of an arm whose mean moved follows it within that many rounds,
 * and the counts of every arm stay below 1/(1 − γ).
 *
 * <p>Propensities are exact as in {@link BernoulliThompsonSampling}. Cost per update: O(known arms).
 */
public final class DiscountedThompsonSampling implements MultiArmedBandit {
    public static final String NAME = "ts-discounted";

    /** One arm's discounted success and failure counts. */
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
    private final double discount;

    /** A learner with discount γ ∈ (0, 1] and prior Beta(a₀, b₀), a₀, b₀ ≥ 1. */
    public DiscountedThompsonSampling(int maxArms, double discount, double priorSuccesses, double priorFailures) {
        this(new BetaArms(new ArmTable(maxArms), priorSuccesses, priorFailures), discount);
    }

    private DiscountedThompsonSampling(BetaArms beta, double discount) {
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("discount must be in (0, 1], got " + discount);
        }
        this.beta = beta;
        this.discount = discount;
    }

    /**
     * The learner a stored state describes, with the discount and prior it was written with.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static DiscountedThompsonSampling restore(int maxArms, double discount, double priorSuccesses,
                                                     double priorFailures, State state) {
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
        return new DiscountedThompsonSampling(beta, discount);
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

    public double discount() {
        return discount;
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
        int arm = beta.arm(armId, reward);
        for (int j = 0; j < beta.table.size(); j++) {
            beta.successes[j] *= discount;
            beta.failures[j] *= discount;
        }
        beta.add(arm, reward);
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
