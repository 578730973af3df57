package io.regretless.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.regretless.linalg.RidgeStatistics;

/**
 * The default reward model: one online ridge regression per action ({@link RidgeStatistics}, the
 * learners' own reward model: A = λI + Σ xxᵀ, b = Σ r x, θ̂ = A⁻¹b) over the action's encoded
 * features, predictions clipped to the reward range (a model's prediction outside the range is
 * never closer to the truth than the range's end). An action not seen yet predicts the middle of
 * the range. Models are created in first-seen order, so the state is a function of the updates.
 */
public final class RidgeRewardModel implements RewardModel {
    private final int dimension;
    private final double regularization;
    private final double rewardMin;
    private final double rewardMax;
    private final Map<String, RidgeStatistics> models = new LinkedHashMap<>();

    public RidgeRewardModel(int dimension, double regularization, double rewardMin, double rewardMax) {
        if (dimension < 1 || !(regularization > 0) || Double.isInfinite(regularization)
                || !Double.isFinite(rewardMin) || !Double.isFinite(rewardMax) || rewardMin > rewardMax) {
            throw new IllegalArgumentException("need dimension >= 1, finite regularization > 0 and a finite reward"
                + " range, got " + dimension + ", " + regularization + ", [" + rewardMin + ", " + rewardMax + "]");
        }
        this.dimension = dimension;
        this.regularization = regularization;
        this.rewardMin = rewardMin;
        this.rewardMax = rewardMax;
    }

    /**
     * A model restored from the per-action states of {@link #toState()}.
     *
     * @throws IllegalStateException if a state is malformed or of another dimension
     */
    public static RidgeRewardModel restore(int dimension, double regularization, double rewardMin, double rewardMax,
                                           Map<String, RidgeStatistics.State> state) {
        RidgeRewardModel model = new RidgeRewardModel(dimension, regularization, rewardMin, rewardMax);
        state.forEach((action, stored) -> {
            if (stored.dimension() != dimension) {
                throw new IllegalStateException("reward model of action '" + action + "' has dimension "
                    + stored.dimension() + ", expected " + dimension);
            }
            try {
                model.models.put(action, RidgeStatistics.restore(stored));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("malformed reward model of action '" + action + "': " + e.getMessage(), e);
            }
        });
        return model;
    }

    @Override
    public double predict(String actionId, double[] features) {
        RidgeStatistics model = models.get(actionId);
        if (model == null) {
            return (rewardMin + rewardMax) / 2;
        }
        return Math.min(rewardMax, Math.max(rewardMin, model.predict(features)));
    }

    @Override
    public void update(String actionId, double[] features, double reward) {
        if (features.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + features.length);
        }
        for (double v : features) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("features must be finite, got " + v);
            }
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, got " + reward);
        }
        models.computeIfAbsent(actionId, id -> new RidgeStatistics(dimension, regularization)).update(features, reward);
    }

    /** Whether {@code actionId} has a model of its own (has been learned from). */
    public boolean knows(String actionId) {
        return models.containsKey(actionId);
    }

    /** How many actions have a model of their own. */
    public int actionCount() {
        return models.size();
    }

    /** Each action's ridge state, in first-seen order. */
    public Map<String, RidgeStatistics.State> toState() {
        Map<String, RidgeStatistics.State> state = new LinkedHashMap<>();
        models.forEach((action, model) -> state.put(action, model.state()));
        return state;
    }
}
