package io.regretless.experts;

import io.regretless.conformal.PackedState;
import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;

/**
 * Regret on one group (Acharya et al., "Oracle Efficient Algorithms for Groupwise Regret", ICLR 2024,
 * Definition 2.1 with square loss): the algorithm's cumulative square loss on the group's rounds minus
 * the square loss, on those same rounds, of the least-squares linear fit in hindsight.
 *
 * <p>The comparator comes from sufficient statistics ({@link HindsightLeastSquares}: XᵀX as a Cholesky
 * factor, Xᵀy, yᵀy; ridge λ = 1e-6 by default), so adding a row is O(d²) and nothing is stored per
 * row. Use one instance per (model, group), including the always-on group, and pass the features the
 * comparator may use (the reference fits on the learners' own features, group indicators included).
 * The algorithm's loss is the caller's; regret is only meaningful against this comparator for square
 * loss. Negative regret means the algorithm beat every fixed linear model on the group.
 *
 * <p>State size d(d + 1)/2 + d + 3 doubles. Not thread-safe.
 */
public final class GroupRegret {
    /** The {@link PackedState#kind()} of an exported accumulator. */
    public static final String KIND = "experts.group-regret.v1";

    private final HindsightLeastSquares hindsight;
    private double algorithmLoss;
    private long rounds;

    /** Over d features, comparator ridge λ = 1e-6. */
    public GroupRegret(int dimension) {
        this(dimension, HindsightLeastSquares.DEFAULT_REGULARIZATION);
    }

    /** Over d features with comparator ridge λ &gt; 0 (tiny: the comparator is least squares). */
    public GroupRegret(int dimension, double regularization) {
        this(new HindsightLeastSquares(dimension, regularization), 0.0, 0L);
    }

    private GroupRegret(HindsightLeastSquares hindsight, double algorithmLoss, long rounds) {
        this.hindsight = hindsight;
        this.algorithmLoss = algorithmLoss;
        this.rounds = rounds;
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
        hindsight.add(x, label);
        algorithmLoss += loss;
        rounds++;
    }

    public long rounds() {
        return rounds;
    }

    /** The algorithm's cumulative loss on the group. */
    public double algorithmLoss() {
        return algorithmLoss;
    }

    /** The square loss of the least-squares fit in hindsight on the group's rounds. O(d²). */
    public double hindsightLoss() {
        return hindsight.loss();
    }

    /** {@link #algorithmLoss()} − {@link #hindsightLoss()}. O(d²). */
    public double regret() {
        return algorithmLoss - hindsight.loss();
    }

    /** The comparator's coefficients (a new array). */
    public double[] hindsightCoefficients() {
        return hindsight.coefficients();
    }

    /** The state, bit for bit. */
    public PackedState exportState() {
        StateWriter w = new StateWriter(KIND).putDouble(algorithmLoss).putLong(rounds);
        hindsight.writeTo(w);
        return w.build();
    }

    /** @throws IllegalArgumentException if the state is not a valid exported accumulator */
    public static GroupRegret restore(PackedState state) {
        StateReader r = new StateReader(state, KIND);
        double loss = r.getDouble();
        long rounds = r.getLong();
        HindsightLeastSquares hindsight = HindsightLeastSquares.readFrom(r);
        r.finish();
        if (!(loss >= 0) || !Double.isFinite(loss) || rounds < 0) {
            throw new IllegalArgumentException("corrupt group regret state: loss " + loss + ", rounds " + rounds);
        }
        return new GroupRegret(hindsight, loss, rounds);
    }
}
