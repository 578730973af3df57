package io.regretless.experts;

import io.regretless.linalg.RidgeStatistics;

/**
 * Regret on one group (Acharya et al., "Oracle Efficient Algorithms for Groupwise Regret", ICLR 2024,
 * Definition 2.1 with square loss): the algorithm's cumulative square loss on the group's rounds minus
 * the square loss, on those same rounds, of the least-squares linear fit in hindsight.
 *
 * <p>The comparator comes from sufficient statistics ({@link RidgeStatistics#hindsightLoss()}: XᵀX as a
 * Cholesky factor, Xᵀy, yᵀy; ridge λ = 1e-6 by default), so adding a row is O(d²) and nothing is stored per
 * row. Use one instance per (model, group), including the always-on group, and pass the features the
 * comparator may use (the reference fits on the learners' own features, group indicators included).
 * The algorithm's loss is the caller's; regret is only meaningful against this comparator for square
 * loss. Negative regret means the algorithm beat every fixed linear model on the group.
 *
 * <p>State size d(d + 1)/2 + d + 3 doubles. Not thread-safe.
 */
public final class GroupRegret {
    /**
     * The state as plain values: the algorithm's loss and the comparator's statistics, whose row count is
     * the number of rounds (stored by {@code io.regretless.codec.ExpertsStateCodec}).
     */
    public record State(double algorithmLoss, RidgeStatistics.State hindsight) {
    }
    /**
     * The comparator's λ: tiny, so that A is positive definite when XᵀX is singular — always, with group
     * indicators as features — while θ tends to the minimum-norm least-squares fit. The fit is not
     * clipped to the label range (the reference code clips it to [0, 1], which can only lower the
     * comparator's loss).
     */
    public static final double DEFAULT_REGULARIZATION = 1e-6;

    private final RidgeStatistics hindsight;
    private double algorithmLoss;

    /** Over d features, comparator ridge λ = 1e-6. */
    public GroupRegret(int dimension) {
        this(dimension, DEFAULT_REGULARIZATION);
    }

    /** Over d features with comparator ridge λ &gt; 0 (tiny: the comparator is least squares). */
    public GroupRegret(int dimension, double regularization) {
        this(RidgeStatistics.withLabelSquares(dimension, regularization), 0.0);
    }

    private GroupRegret(RidgeStatistics hindsight, double algorithmLoss) {
        this.hindsight = hindsight;
        this.algorithmLoss = algorithmLoss;
    }

    public int dimension() {
        return hindsight.dimension();
    }

    /**
     * Records one round of the group: features x, label y, the algorithm's loss on it.
     *
     * @throws IllegalArgumentException for a wrong-length or non-finite x, a non-finite label or a
     *     negative or non-finite loss (nothing is recorded)
     */
    public void add(double[] x, double label, double loss) {
        Features.check(x, hindsight.dimension());
        Features.checkLabel(label);
        if (!(loss >= 0) || !Double.isFinite(loss)) {
            throw new IllegalArgumentException("loss must be finite and >= 0, got " + loss);
        }
        hindsight.update(x, label);
        algorithmLoss += loss;
    }

    public long rounds() {
        return hindsight.observations();
    }

    /** The algorithm's cumulative loss on the group. */
    public double algorithmLoss() {
        return algorithmLoss;
    }

    /** The square loss of the least-squares fit in hindsight on the group's rounds. O(d²). */
    public double hindsightLoss() {
        return hindsight.hindsightLoss();
    }

    /** {@link #algorithmLoss()} − {@link #hindsightLoss()}. O(d²). */
    public double regret() {
        return algorithmLoss - hindsight.hindsightLoss();
    }

    /** The comparator's coefficients (a new array). */
    public double[] hindsightCoefficients() {
        return hindsight.coefficients();
    }

    /** The state, bit for bit (a copy). */
    public State state() {
        return new State(algorithmLoss, hindsight.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid accumulator's */
    public static GroupRegret restore(State state) {
        double loss = state.algorithmLoss();
        long rounds = state.hindsight().observations();
        if (!(loss >= 0) || !Double.isFinite(loss) || rounds < 0) {
            throw new IllegalArgumentException("corrupt group regret state: loss " + loss + ", rounds " + rounds);
        }
        double yy = state.hindsight().labelSquares();
        if (!Double.isFinite(yy)) {
            throw new IllegalArgumentException("corrupt least-squares statistics: yᵀy=" + yy);
        }
        return new GroupRegret(RidgeStatistics.restore(state.hindsight()), loss);
    }
}
