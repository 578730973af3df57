package io.regretless.bandit.mab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Choice;

/**
 * UCB1 (Auer, Cesa-Bianchi &amp; Fischer 2002, "Finite-time Analysis of the Multiarmed Bandit
 * Problem", Figure 1): play each arm once, then the arm maximising x̄_j + √(2 ln n / n_j), with x̄_j
 * the mean reward of arm j, n_j its number of plays and n the plays of all arms. For rewards in
 * [0, 1] Theorem 1 bounds the expected regret after n plays by
 * Σ_{j: Δ_j &gt; 0} 8 ln n / Δ_j + (1 + π²/3) Σ_j Δ_j.
 *
 * <p>Deterministic: the chosen arm has probability 1, the others 0, and the random stream is not
 * used. Tie rule: among offered arms of exactly equal index (in particular among arms not played
 * yet, whose index is +∞) the first in the offered order is chosen. n counts the plays of every
 * known arm, offered or not.
 */
public final class Ucb1 implements MultiArmedBandit {
    public static final String NAME = "ucb1";

    /** One arm's statistics. */
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
    private long[] pulls;
    private double[] rewardSums;
    private long plays;

    /** A learner that has seen nothing, bounded to {@code maxArms} arms. */
    public Ucb1(int maxArms) {
        this(new ArmTable(maxArms));
    }

    private Ucb1(ArmTable table) {
        this.table = table;
        this.pulls = new long[Math.max(8, table.size())];
        this.rewardSums = new double[Math.max(8, table.size())];
    }

    /**
     * The learner a stored state describes. A state with more arms than {@code maxArms} is kept
     * whole and gains no new arm.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static Ucb1 restore(int maxArms, State state) {
        Ucb1 learner = new Ucb1(ArmTable.of(maxArms, state.arms().stream().map(Arm::id).toList()));
        for (int j = 0; j < state.arms().size(); j++) {
            Arm arm = state.arms().get(j);
            if (arm.pulls() < 0 || !Double.isFinite(arm.rewardSum())) {
                throw new IllegalStateException("malformed UCB1 arm " + arm);
            }
            learner.pulls[j] = arm.pulls();
            learner.rewardSums[j] = arm.rewardSum();
            learner.plays += arm.pulls();
        }
        return learner;
    }

    @Override
    public String learner() {
        return NAME;
    }

    @Override
    public long version() {
        return plays;
    }

    @Override
    public List<String> arms() {
        return table.ids();
    }

    /** The index x̄_j + √(2 ln n / n_j) of each offered arm, +∞ for arms not played yet. */
    public double[] indices(String[] armIds) {
        int[] offered = table.offered(armIds);
        double logPlays = plays > 0 ? StrictMath.log(plays) : 0.0;
        double[] indices = new double[offered.length];
        for (int a = 0; a < offered.length; a++) {
            int j = offered[a];
            if (j < 0 || pulls[j] == 0) {
                indices[a] = Double.POSITIVE_INFINITY;
            } else {
                double n = pulls[j];
                indices[a] = rewardSums[j] / n + Math.sqrt(2.0 * logPlays / n);
            }
        }
        return indices;
    }

    @Override
    public Choice choose(String[] armIds, SplittableRandom random) {
        return Deterministic.first(indices(armIds));
    }

    @Override
    public void update(String armId, double reward) {
        Rewards.requireArm(armId);
        Rewards.requireUnit(reward, armId);
        int j = table.indexOrAdd(armId);
        if (j == pulls.length) {
            pulls = Arrays.copyOf(pulls, 2 * j);
            rewardSums = Arrays.copyOf(rewardSums, 2 * j);
        }
        pulls[j]++;
        rewardSums[j] += reward;
        plays++;
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
