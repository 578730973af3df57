package io.regretless.bandit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.linalg.RidgeStatistics;

/**
 * The ridge-regression reward models behind every linear learner, and their bookkeeping: one model
 * per action id (disjoint, Li et al. 2010, Algorithm 1) or one model for all actions (shared, arm
 * id {@value #SHARED_ARM}), the update count, the bound on arms, and the stored state.
 *
 * <p>Disjoint models are created on an action's first update and kept in first-seen order, which
 * makes the encoded state a function of the update sequence alone. An action without a model is
 * scored by the prior (θ̂ = 0, A = λI) and is not added by scoring.
 *
 * <p>A decision rule reads them through {@link #modelFor} and {@link #predictions}; only
 * {@link AbstractLinearBandit#update} changes them.
 */
public final class ArmModels {
    static final String SHARED_ARM = "*";

    private final BanditConfig config;
    private final Map<String, RidgeStatistics> arms;
    private final RidgeStatistics prior;
    private long version;

    ArmModels(BanditConfig config) {
        this(config, new LinkedHashMap<>(), 0);
        if (config.shared()) {
            arms.put(SHARED_ARM, newModel());
        }
    }

    private ArmModels(BanditConfig config, Map<String, RidgeStatistics> arms, long version) {
        this.config = config;
        this.arms = arms;
        this.prior = newModel();
        this.version = version;
    }

    /**
     * Restores the models of a stored state. Each model keeps the λ it was built with (λ is part of
     * its factor); the configured λ applies to models created from now on. A state with more arms
     * than the configured bound (the bound was lowered) is kept whole; it just gains no new arm.
     *
     * @throws IllegalStateException if the state was written by another learner or dimension, or
     *     is malformed
     */
    static ArmModels fromState(BanditConfig config, BanditState state) {
        if (!config.learnerName().equals(state.learner())) {
            throw new IllegalStateException("stored model '" + state.modelId() + "' was written by learner '"
                + state.learner() + "' but the configuration asks for '" + config.learnerName() + "'");
        }
        if (state.version() < 0) {
            throw new IllegalStateException("stored model '" + state.modelId() + "' has a negative version");
        }
        Map<String, RidgeStatistics> arms = new LinkedHashMap<>();
        for (BanditState.Arm arm : state.arms()) {
            int stored = arm.model().dimension();
            if (stored != config.dimension()) {
                throw new IllegalStateException("stored model '" + state.modelId() + "' has dimension " + stored
                    + " but the configuration asks for dimension " + config.dimension());
            }
            // a disjoint learner may well have an action called "*": only the shared form is checked
            if (config.shared() && !SHARED_ARM.equals(arm.actionId())) {
                throw new IllegalStateException("stored model '" + state.modelId() + "' has arm '"
                    + arm.actionId() + "', impossible for learner " + config.learnerName());
            }
            if (arms.put(arm.actionId(), restore(arm.model())) != null) {
                throw new IllegalStateException("stored model '" + state.modelId() + "' repeats arm '"
                    + arm.actionId() + "'");
            }
        }
        ArmModels models = new ArmModels(config, arms, state.version());
        if (config.shared() && arms.isEmpty()) {
            arms.put(SHARED_ARM, models.newModel());
        }
        return models;
    }

    long version() {
        return version;
    }

    int armCount() {
        return arms.size();
    }

    boolean isNewArm(String actionId) {
        return !config.shared() && !arms.containsKey(actionId);
    }

    /** The model that scores {@code actionId}: its own, the shared one, or the untrained prior. */
    public RidgeStatistics modelFor(String actionId) {
        return arms.getOrDefault(config.shared() ? SHARED_ARM : actionId, prior);
    }

    /** θ̂ᵀx of each candidate. */
    public double[] predictions(Candidates candidates) {
        double[] predictions = new double[candidates.size()];
        for (int a = 0; a < predictions.length; a++) {
            predictions[a] = modelFor(candidates.actionIds()[a]).predict(candidates.features()[a]);
        }
        return predictions;
    }

    /**
     * Learns from one reward. Everything is checked before anything changes, so a refused update
     * leaves the models as they were.
     */
    void update(String actionId, double[] features, double reward, double weight) {
        FeatureChecks.requireFeatures(features, config.dimension(), actionId);
        FeatureChecks.requireReward(reward, actionId);
        FeatureChecks.requireWeight(weight, actionId);
        RidgeStatistics model = arms.get(config.shared() ? SHARED_ARM : actionId);
        if (model == null) {
            if (arms.size() >= config.maxArms()) {
                throw new ModelCapacityExceededException("learning action '" + actionId + "' would add arm "
                    + (arms.size() + 1) + " to a model bounded to " + config.maxArms() + " arms ("
                    + config.bytesPerArm() + " bytes each)");
            }
            model = newModel();
            arms.put(actionId, model);
        }
        model.update(features, reward, weight);
        version++;
    }

    BanditState toState(String modelId) {
        List<BanditState.Arm> stored = new ArrayList<>(arms.size());
        arms.forEach((id, model) -> stored.add(new BanditState.Arm(id, model.state())));
        return new BanditState(modelId, config.learnerName(), version, stored, null);
    }

    private static RidgeStatistics restore(RidgeStatistics.State stored) {
        try {
            return RidgeStatistics.restore(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("malformed ridge regression state: " + e.getMessage(), e);
        }
    }

    private RidgeStatistics newModel() {
        return new RidgeStatistics(config.dimension(), config.regularization());
    }
}
