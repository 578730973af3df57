package io.regretless.bandit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;

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
    private final Map<String, RidgeRegression> arms;
    private final RidgeRegression prior;
    private long version;

    ArmModels(BanditConfig config) {
        this(config, new LinkedHashMap<>(), 0);
        if (config.shared()) {
            arms.put(SHARED_ARM, newModel());
        }
    }

    private ArmModels(BanditConfig config, Map<String, RidgeRegression> arms, long version) {
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
    static ArmModels fromState(BanditConfig config, LinearBanditState state) {
        if (!config.learnerName().equals(state.getLearner())) {
            throw new IllegalStateException("stored model '" + state.getModelId() + "' was written by learner '"
                + state.getLearner() + "' but the configuration asks for '" + config.learnerName() + "'");
        }
        if (state.getVersion() < 0) {
            throw new IllegalStateException("stored model '" + state.getModelId() + "' has a negative version");
        }
        Map<String, RidgeRegression> arms = new LinkedHashMap<>();
        for (ArmModel arm : state.getArms()) {
            int stored = arm.getModel().getDimension();
            if (stored != config.dimension()) {
                throw new IllegalStateException("stored model '" + state.getModelId() + "' has dimension " + stored
                    + " but the configuration asks for dimension " + config.dimension());
            }
            // a disjoint learner may well have an action called "*": only the shared form is checked
            if (config.shared() && !SHARED_ARM.equals(arm.getActionId())) {
                throw new IllegalStateException("stored model '" + state.getModelId() + "' has arm '"
                    + arm.getActionId() + "', impossible for learner " + config.learnerName());
            }
            if (arms.put(arm.getActionId(), RidgeRegression.fromState(arm.getModel())) != null) {
                throw new IllegalStateException("stored model '" + state.getModelId() + "' repeats arm '"
                    + arm.getActionId() + "'");
            }
        }
        ArmModels models = new ArmModels(config, arms, state.getVersion());
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
    public RidgeRegression modelFor(String actionId) {
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
        RidgeRegression model = arms.get(config.shared() ? SHARED_ARM : actionId);
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

    LinearBanditState toState(String modelId) {
        List<ArmModel> stored = new ArrayList<>(arms.size());
        arms.forEach((id, model) -> stored.add(new ArmModel(id, model.toState())));
        return new LinearBanditState(modelId, config.learnerName(), version, stored, null, null);
    }

    private RidgeRegression newModel() {
        return new RidgeRegression(config.dimension(), config.regularization());
    }
}
