package io.regretless.experts;

import io.regretless.bandit.RidgeRegression;
import io.regretless.conformal.PackedState;
import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;

/**
 * The groupwise learner of Acharya, Arunachaleswaran, Kannan, Roth &amp; Ziani, "Oracle Efficient
 * Algorithms for Groupwise Regret" (ICLR 2024, Algorithm 1 instantiated with online ridge regression,
 * §4.1 and §5; reference code krishnacharya/multidecomp): one online ridge regression per group
 * (λ = 1 by default) plus one for an always-on group, combined by {@link SleepingAdaNormalHedge}
 * whose awake set is the groups the case belongs to, plus the always-on group.
 *
 * <p>Experts 0..G−1 are the groups, expert G ({@link #alwaysOnExpert()}) the always-on group. Each
 * expert predicts xᵀθ clipped to the {@link LabelRange} and learns only from its group's rows, after
 * predicting (predict, then update). The combined prediction is Σ_k p_k ŷ_k over the awake experts;
 * the hedge is scored with {@link LossFunction#normalised} losses in [0, 1]: square loss divided by
 * (high − low)² or absolute loss by (high − low), which for labels in [0, 1] is the reference's
 * unscaled square loss of [0, 1]-clipped predictions.
 *
 * <p>{@link #update} recomputes the round's predictions and weights from the current state, which
 * equal those {@link #predict} returned if nothing was learned in between. State size is
 * (G + 1)(d(d + 1)/2 + d) + 3(G + 1) doubles. Not thread-safe (scratch arrays).
 */
public final class GroupwiseRidge {
    /** The {@link PackedState#kind()} of an exported learner. */
    public static final String KIND = "experts.groupwise-ridge.v1";
    /** The paper's ridge penalty. */
    public static final double DEFAULT_REGULARIZATION = 1.0;

    private final int dimension;
    private final int groups;
    private final LossFunction loss;
    private final LabelRange range;
    private final RidgeRegression[] experts;
    private final SleepingAdaNormalHedge hedge;
    private final int[] awake;
    private final double[] predictions;
    private final double[] losses;
    private final double[] weights;

    /** G groups plus the always-on group over d features, ridge penalty λ = 1. */
    public GroupwiseRidge(int dimension, int groups, LossFunction loss, LabelRange range) {
        this(dimension, groups, DEFAULT_REGULARIZATION, loss, range);
    }

    public GroupwiseRidge(int dimension, int groups, double regularization, LossFunction loss, LabelRange range) {
        this(dimension, groups, loss, range, freshExperts(dimension, groups, regularization),
            new SleepingAdaNormalHedge(groups + 1));
    }

    private GroupwiseRidge(int dimension, int groups, LossFunction loss, LabelRange range,
                           RidgeRegression[] experts, SleepingAdaNormalHedge hedge) {
        if (groups < 0 || dimension < 1) {
            throw new IllegalArgumentException("need dimension >= 1 and groups >= 0, got " + dimension + ", " + groups);
        }
        if (hedge.experts() != groups + 1 || experts.length != groups + 1) {
            throw new IllegalArgumentException("expected " + (groups + 1) + " experts");
        }
        for (RidgeRegression e : experts) {
            if (e.dimension() != dimension) {
                throw new IllegalArgumentException("expert of dimension " + e.dimension() + ", expected " + dimension);
            }
        }
        this.dimension = dimension;
        this.groups = groups;
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.range = java.util.Objects.requireNonNull(range, "range");
        this.experts = experts;
        this.hedge = hedge;
        this.awake = new int[groups + 1];
        this.predictions = new double[groups + 1];
        this.losses = new double[groups + 1];
        this.weights = new double[groups + 1];
    }

    private static RidgeRegression[] freshExperts(int dimension, int groups, double regularization) {
        RidgeRegression[] e = new RidgeRegression[Math.max(groups + 1, 0)];
        for (int i = 0; i < e.length; i++) {
            e[i] = new RidgeRegression(dimension, regularization);
        }
        return e;
    }

    public int dimension() {
        return dimension;
    }

    public int groups() {
        return groups;
    }

    /** The index of the always-on group's expert, G. */
    public int alwaysOnExpert() {
        return groups;
    }

    public LossFunction loss() {
        return loss;
    }

    public LabelRange range() {
        return range;
    }

    /** Expert i's clipped prediction xᵀθ_i, whether or not the case belongs to its group. */
    public double expertPrediction(int expert, double[] x) {
        Features.check(x, dimension);
        return range.clip(experts[expert].predict(x));
    }

    /** Rows expert i has learned from. */
    public long observations(int expert) {
        return experts[expert].observations();
    }

    /** A copy of expert i's θ. */
    public double[] coefficients(int expert) {
        return experts[expert].coefficients();
    }

    /** The hedge's R_i for expert i. */
    public double hedgeRegret(int expert) {
        return hedge.regret(expert);
    }

    /** The hedge's C_i for expert i. */
    public double hedgeAbsoluteRegret(int expert) {
        return hedge.absoluteRegret(expert);
    }

    /**
     * The weights of the awake experts: {@code out[k]} for group {@code caseGroups[k]}, then
     * {@code out[caseGroups.length]} for the always-on group.
     *
     * @throws IllegalArgumentException for an unknown or repeated group, or a short {@code out}
     */
    public void weights(int[] caseGroups, double[] out) {
        int count = awakeSet(caseGroups);
        hedge.weights(awake, count, out);
    }

    /**
     * The combined prediction Σ_k p_k ŷ_k for a case with features x in groups {@code caseGroups}.
     *
     * @throws IllegalArgumentException for a wrong-length or non-finite x, an unknown or repeated group
     */
    public double predict(double[] x, int[] caseGroups) {
        Features.check(x, dimension);
        int count = awakeSet(caseGroups);
        hedge.weights(awake, count, weights);
        double combined = 0.0;
        for (int k = 0; k < count; k++) {
            combined += weights[k] * range.clip(experts[awake[k]].predict(x));
        }
        return combined;
    }

    /**
     * Learns from a labelled case: the hedge update of the awake experts with their losses on this
     * case, then each awake expert's ridge update. Asleep experts are untouched.
     *
     * @throws IllegalArgumentException for a bad x, group or non-finite label (nothing is changed)
     */
    public void update(double[] x, int[] caseGroups, double label) {
        Features.check(x, dimension);
        Features.checkLabel(label);
        int count = awakeSet(caseGroups);
        for (int k = 0; k < count; k++) {
            predictions[k] = experts[awake[k]].predict(x);
            losses[k] = loss.normalised(predictions[k], label, range);
        }
        hedge.update(awake, count, losses);
        for (int k = 0; k < count; k++) {
            experts[awake[k]].update(x, label);
        }
    }

    /** Copies the case's groups into the awake scratch and appends the always-on expert. */
    private int awakeSet(int[] caseGroups) {
        if (caseGroups.length > groups) {
            throw new IllegalArgumentException(caseGroups.length + " groups given, only " + groups + " exist");
        }
        for (int k = 0; k < caseGroups.length; k++) {
            int g = caseGroups[k];
            if (g < 0 || g >= groups) {
                throw new IllegalArgumentException("unknown group " + g + " (there are " + groups + ")");
            }
            awake[k] = g;
        }
        awake[caseGroups.length] = groups;
        return caseGroups.length + 1;
    }

    /** The state: configuration, the hedge and every expert, bit for bit. */
    public PackedState exportState() {
        StateWriter w = new StateWriter(KIND).putLong(dimension).putLong(groups);
        w.putLong(loss.stateCode()).putDouble(range.low()).putDouble(range.high());
        hedge.writeTo(w);
        for (RidgeRegression e : experts) {
            RidgeStates.write(e, w);
        }
        return w.build();
    }

    /** @throws IllegalArgumentException if the state is not a valid exported learner */
    public static GroupwiseRidge restore(PackedState state) {
        StateReader r = new StateReader(state, KIND);
        int dimension = r.getSize();
        int groups = r.getSize();
        LossFunction loss = LossFunction.ofStateCode(r.getLong());
        LabelRange range = new LabelRange(r.getDouble(), r.getDouble());
        SleepingAdaNormalHedge hedge = SleepingAdaNormalHedge.readFrom(r);
        if (hedge.experts() != groups + 1L) {
            throw new IllegalArgumentException("corrupt groupwise state: " + hedge.experts() + " hedge experts");
        }
        RidgeRegression[] experts = new RidgeRegression[groups + 1];
        for (int i = 0; i < experts.length; i++) {
            experts[i] = RidgeStates.read(r);
        }
        r.finish();
        return new GroupwiseRidge(dimension, groups, loss, range, experts, hedge);
    }
}
