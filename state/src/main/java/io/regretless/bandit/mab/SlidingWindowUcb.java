package io.regretless.bandit.mab;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.regretless.bandit.Choice;

/**
 * Sliding-window UCB for rewards that change abruptly (Garivier &amp; Moulines 2011, "On
 * Upper-Confidence Bound Policies for Switching Bandit Problems", ALT, §4): only the last τ rewards
 * count. With N_i the plays of arm i among them and X̄_i their mean, play the arm maximising
 * X̄_i + B √(ξ ln min(t, τ) / N_i), an arm absent from the window first; t counts all rewards,
 * B = 1 for rewards in [0, 1], and the analysis needs ξ &gt; 1/2. With Υ abrupt changes in T rounds
 * the paper's tuning τ = 2B √(T ln T / Υ) gives regret O(√(Υ T ln T)). After a change the
 * statistics are entirely fresh after τ rounds, which bounds how long the learner can follow the
 * old best arm.
 *
 * <p>Deterministic, with the tie rule of {@link Ucb1}: the first offered arm of largest index.
 * State: the last τ (arm, reward) pairs, O(τ) memory. Window sums are kept incrementally and
 * recomputed from the window every τ updates, so rounding never accumulates beyond τ updates.
 */
public final class SlidingWindowUcb implements MultiArmedBandit {
    public static final String NAME = "sw-ucb";

    /**
     * The learner's state. {@code slotArms[s]} (an index into {@code arms}) and {@code slotRewards[s]}
     * hold update number u with u ≡ s (mod window), for the last min(version, window) updates;
     * {@code windowSums} the running reward sums of the window per arm.
     */
    public record State(List<String> arms, int window, long version, int[] slotArms, double[] slotRewards,
                        double[] windowSums) implements MabState {
        public State {
            arms = List.copyOf(arms);
            slotArms = slotArms.clone();
            slotRewards = slotRewards.clone();
            windowSums = windowSums.clone();
        }

        @Override
        public String learner() {
            return NAME;
        }

        @Override
        public int[] slotArms() {
            return slotArms.clone();
        }

        @Override
        public double[] slotRewards() {
            return slotRewards.clone();
        }

        @Override
        public double[] windowSums() {
            return windowSums.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && arms.equals(s.arms) && window == s.window && version == s.version
                && Arrays.equals(slotArms, s.slotArms) && Arrays.equals(slotRewards, s.slotRewards)
                && Arrays.equals(windowSums, s.windowSums);
        }

        @Override
        public int hashCode() {
            return Objects.hash(arms, window, version, Arrays.hashCode(slotArms), Arrays.hashCode(slotRewards),
                Arrays.hashCode(windowSums));
        }

        @Override
        public String toString() {
            return "SlidingWindowUcb.State[arms=" + arms + ", window=" + window + ", version=" + version + "]";
        }
    }

    private final ArmTable table;
    private final int window;
    private final double xi;
    private final int[] slotArms;
    private final double[] slotRewards;
    private int[] counts;
    private double[] sums;
    private long version;

    /** A learner with window τ ≥ 1 and exploration constant ξ &gt; 0 (the analysis needs ξ &gt; 1/2). */
    public SlidingWindowUcb(int maxArms, int window, double xi) {
        this(new ArmTable(maxArms), window, xi);
    }

    private SlidingWindowUcb(ArmTable table, int window, double xi) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (!(xi > 0) || Double.isInfinite(xi)) {
            throw new IllegalArgumentException("xi must be finite and > 0, got " + xi);
        }
        this.table = table;
        this.window = window;
        this.xi = xi;
        this.slotArms = new int[window];
        this.slotRewards = new double[window];
        this.counts = new int[Math.max(8, table.size())];
        this.sums = new double[Math.max(8, table.size())];
    }

    /**
     * The learner a stored state describes, with its ξ.
     *
     * @throws IllegalStateException if the state is malformed
     */
    public static SlidingWindowUcb restore(int maxArms, double xi, State state) {
        SlidingWindowUcb learner = new SlidingWindowUcb(ArmTable.of(maxArms, state.arms()), state.window(), xi);
        int filled = (int) Math.min(state.version(), state.window());
        if (state.version() < 0 || state.slotArms.length != filled || state.slotRewards.length != filled
                || state.windowSums.length != state.arms().size()) {
            throw new IllegalStateException("malformed sliding-window state " + state);
        }
        for (int s = 0; s < filled; s++) {
            int arm = state.slotArms[s];
            double reward = state.slotRewards[s];
            if (arm < 0 || arm >= state.arms().size() || !(reward >= 0 && reward <= 1)) {
                throw new IllegalStateException("malformed sliding-window slot " + s + ": " + arm + ", " + reward);
            }
            learner.slotArms[s] = arm;
            learner.slotRewards[s] = reward;
            learner.counts[arm]++;
        }
        System.arraycopy(state.windowSums, 0, learner.sums, 0, state.windowSums.length);
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

    public int window() {
        return window;
    }

    /** Each offered arm's index X̄_i + √(ξ ln min(t, τ) / N_i), +∞ for arms absent from the window. */
    public double[] indices(String[] armIds) {
        int[] offered = table.offered(armIds);
        long horizon = Math.min(version, window);
        double log = horizon > 1 ? StrictMath.log(horizon) : 0.0;
        double[] indices = new double[offered.length];
        for (int a = 0; a < offered.length; a++) {
            int j = offered[a];
            if (j < 0 || counts[j] == 0) {
                indices[a] = Double.POSITIVE_INFINITY;
            } else {
                double n = counts[j];
                indices[a] = sums[j] / n + Math.sqrt(xi * log / n);
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
        if (j == counts.length) {
            counts = Arrays.copyOf(counts, 2 * j);
            sums = Arrays.copyOf(sums, 2 * j);
        }
        int slot = (int) (version % window);
        if (version >= window) {
            int old = slotArms[slot];
            counts[old]--;
            sums[old] = counts[old] == 0 ? 0.0 : sums[old] - slotRewards[slot];
        }
        slotArms[slot] = j;
        slotRewards[slot] = reward;
        counts[j]++;
        sums[j] += reward;
        version++;
        if (version % window == 0) {
            Arrays.fill(sums, 0.0);
            for (int s = 0; s < window; s++) {
                sums[slotArms[s]] += slotRewards[s];
            }
        }
    }

    @Override
    public State state() {
        int filled = (int) Math.min(version, window);
        return new State(table.ids(), window, version, Arrays.copyOf(slotArms, filled),
            Arrays.copyOf(slotRewards, filled), Arrays.copyOf(sums, table.size()));
    }
}
