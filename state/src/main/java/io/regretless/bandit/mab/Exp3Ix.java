package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Categorical;
import io.regretless.bandit.Choice;

/**
 * EXP3-IX for adversarial rewards (Neu 2015, "Explore no more: Improved high-probability regret
 * bounds for non-stochastic bandits", Algorithm 1): exponential weights on importance-weighted
 * loss estimates with implicit exploration,
 * <pre>
 *   p_i ∝ exp(−η L̂_i),   L̂_i += ℓ / (p_i + γ) for the played arm i,   ℓ = 1 − r,
 * </pre>
 * for rewards r ∈ [0, 1]. The γ in the denominator biases the estimates down, which makes their
 * upper deviations small and gives regret O(√(K T ln K)) with high probability, not only in
 * expectation, without mixing in uniform exploration.
 *
 * <p>Tuning: with a known horizon T, Theorem 1's η = √(2 ln K / (K T)) and γ = η/2; without one
 * (horizon 0), η_t = √(ln K / (K t)) and γ_t = η_t/2 at round t = updates + 1, the usual anytime
 * schedule (Theorem 1's guarantee is stated for the fixed-horizon tuning). K is the number of
 * arms known or offered, at least 2.
 *
 * <p>The loss estimate needs the probability the arm was played with:
 * {@link #update(String, double, double)} takes it from the logged decision (what the topology
 * has, with delayed rewards); {@link #update(String, double)} recomputes it over all known arms,
 * which is the same when rewards arrive before the next choice and every known arm is offered.
 * An arm seen for the first time starts at the smallest loss estimate of the known arms, level
 * with the current leader.
 */
public final class Exp3Ix implements MultiArmedBandit {
    public static final String NAME = "exp3-ix";

    /** One arm's cumulative loss estimate L̂. */
    public record Arm(String id, double lossEstimate) {
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

    private final ArmTable table;
    private final long horizon;
    private double[] lossEstimates;
    private long version;

    /** A learner for a known horizon T, or an anytime one with {@code horizon} 0. */
    public Exp3Ix(int maxArms, long horizon) {
        this(new ArmTable(maxArms), horizon);
    }

    private Exp3Ix(ArmTable table, long horizon) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be >= 0 (0: anytime), got " + horizon);
        }
        this.table = table;
        this.horizon = horizon;
        this.lossEstimates = new double[Math.max(8, table.size())];
    }

    /**
     * The learner a stored state describes, with the horizon it was written with.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static Exp3Ix restore(int maxArms, long horizon, State state) {
        Exp3Ix learner = new Exp3Ix(ArmTable.of(maxArms, state.arms().stream().map(Arm::id).toList()), horizon);
        for (int j = 0; j < state.arms().size(); j++) {
            double loss = state.arms().get(j).lossEstimate();
            if (!(loss >= 0) || Double.isInfinite(loss)) {
                throw new IllegalStateException("malformed EXP3-IX arm " + state.arms().get(j));
            }
            learner.lossEstimates[j] = loss;
        }
        if (state.version() < 0) {
            throw new IllegalStateException("negative version " + state.version());
        }
        learner.version = state.version();
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

    /** η for K arms at round {@code version + 1}. */
    double learningRate(int arms) {
        double k = Math.max(2, arms);
        double logK = StrictMath.log(k);
        return horizon > 0 ? Math.sqrt(2 * logK / (k * horizon)) : Math.sqrt(logK / (k * (version + 1)));
    }

    private double newArmLoss() {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < table.size(); j++) {
            min = Math.min(min, lossEstimates[j]);
        }
        return table.size() == 0 ? 0.0 : min;
    }

    /** Exponential weights over the given loss estimates, shifted by their minimum so none underflows. */
    private static double[] weights(double[] losses, double eta) {
        double min = Double.POSITIVE_INFINITY;
        for (double l : losses) {
            min = Math.min(min, l);
        }
        double[] p = new double[losses.length];
        double sum = 0.0;
        for (int a = 0; a < losses.length; a++) {
            p[a] = StrictMath.exp(-eta * (losses[a] - min));
            sum += p[a];
        }
        for (int a = 0; a < p.length; a++) {
            p[a] /= sum;
        }
        return p;
    }

    @Override
    public Choice choose(String[] armIds, SplittableRandom random) {
        int[] offered = table.offered(armIds);
        int unknown = 0;
        double[] losses = new double[offered.length];
        double newArm = newArmLoss();
        for (int a = 0; a < offered.length; a++) {
            if (offered[a] < 0) {
                unknown++;
                losses[a] = newArm;
            } else {
                losses[a] = lossEstimates[offered[a]];
            }
        }
        double[] probabilities = weights(losses, learningRate(table.size() + unknown));
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }

    /** Learns with the probability of the played arm recomputed over every known arm. */
    @Override
    public void update(String armId, double reward) {
        Rewards.requireArm(armId);
        Rewards.requireUnit(reward, armId);
        int j = arm(armId);
        double[] p = weights(Arrays.copyOf(lossEstimates, table.size()), learningRate(table.size()));
        learn(j, reward, p[j]);
    }

    /** Learns with the probability the arm was played with, as logged with the decision. */
    @Override
    public void update(String armId, double reward, double propensity) {
        Rewards.requireArm(armId);
        Rewards.requireUnit(reward, armId);
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity of arm '" + armId + "' must be in (0, 1], got " + propensity);
        }
        learn(arm(armId), reward, propensity);
    }

    private int arm(String armId) {
        int known = table.indexOf(armId);
        if (known >= 0) {
            return known;
        }
        double start = newArmLoss();
        int j = table.indexOrAdd(armId);
        if (j == lossEstimates.length) {
            lossEstimates = Arrays.copyOf(lossEstimates, 2 * j);
        }
        lossEstimates[j] = start;
        return j;
    }

    private void learn(int arm, double reward, double propensity) {
        double gamma = learningRate(table.size()) / 2;
        lossEstimates[arm] += (1.0 - reward) / (propensity + gamma);
        version++;
    }

    @Override
    public State state() {
        List<Arm> arms = new ArrayList<>(table.size());
        for (int j = 0; j < table.size(); j++) {
            arms.add(new Arm(table.ids().get(j), lossEstimates[j]));
        }
        return new State(arms, version);
    }
}
