package io.regretless.experts;

import io.regretless.linalg.RidgeStatistics;

/**
 * The baseline of Acharya et al., "Oracle Efficient Algorithms for Groupwise Regret" (ICLR 2024, §5):
 * a single online ridge regression (λ = 1) over the features followed by the group indicators
 * ({@link GroupFeatures}), predicting xᵀθ clipped to the {@link LabelRange} before each update, as the
 * reference krishnacharya/multidecomp does. It has no groupwise guarantee; groups that need their
 * own slopes are where the groupwise learner wins.
 *
 * <p>State size d'(d' + 1)/2 + d' doubles for d' = d + G. Not thread-safe (scratch vector).
 */
public final class GroupIndicatorRidge {
    /** The state as plain values (stored by {@code io.regretless.codec.ExpertsStateCodec}). */
    public record State(int dimension, int groups, LabelRange range, RidgeStatistics.State model) {
    }

    private final int dimension;
    private final int groups;
    private final LabelRange range;
    private final RidgeStatistics model;
    private final double[] extended;

    /** d features, G groups, λ = 1. */
    public GroupIndicatorRidge(int dimension, int groups, LabelRange range) {
        this(dimension, groups, GroupwiseRidge.POOLED_REGULARIZATION, range);
    }

    public GroupIndicatorRidge(int dimension, int groups, double regularization, LabelRange range) {
        this(dimension, groups, range, new RidgeStatistics(GroupFeatures.dimension(dimension, groups), regularization));
    }

    private GroupIndicatorRidge(int dimension, int groups, LabelRange range, RidgeStatistics model) {
        if (dimension < 1 || groups < 0 || model.dimension() != GroupFeatures.dimension(dimension, groups)) {
            throw new IllegalArgumentException("inconsistent baseline: dimension " + dimension + ", groups " + groups
                + ", model dimension " + model.dimension());
        }
        this.dimension = dimension;
        this.groups = groups;
        this.range = java.util.Objects.requireNonNull(range, "range");
        this.model = model;
        this.extended = new double[model.dimension()];
    }

    public int dimension() {
        return dimension;
    }

    public int groups() {
        return groups;
    }

    public LabelRange range() {
        return range;
    }

    public long observations() {
        return model.observations();
    }

    /** θᵀ[x, indicators] clipped to the range. */
    public double predict(double[] x, int[] caseGroups) {
        extend(x, caseGroups);
        return range.clip(model.predict(extended));
    }

    /** Learns from one labelled case. */
    public void update(double[] x, int[] caseGroups, double label) {
        Features.checkLabel(label);
        extend(x, caseGroups);
        model.update(extended, label);
    }

    private void extend(double[] x, int[] caseGroups) {
        Features.check(x, dimension);
        GroupFeatures.withIndicators(x, caseGroups, groups, extended);
    }

    /** The state: configuration and the ridge model, bit for bit (a copy). */
    public State state() {
        return new State(dimension, groups, range, model.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static GroupIndicatorRidge restore(State state) {
        return new GroupIndicatorRidge(state.dimension(), state.groups(), state.range(),
            RidgeStatistics.restore(state.model()));
    }
}
