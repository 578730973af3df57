package io.regretless.topology.bandit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.FeatureChecks;
import io.regretless.schemas.Action;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;

/**
 * The bounds and sanity rules every context-and-candidates record must meet before a learner sees
 * it. Each violation throws {@link InvalidRecordException} with its dead-letter reason.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    static ModelConfig model(Map<String, ModelConfig> models, String modelId) {
        ModelConfig config = models.get(modelId);
        if (config == null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_MODEL,
                "model '" + modelId + "' is not configured; configured: " + models.keySet());
        }
        return config;
    }

    static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, what + " must not be empty");
        }
    }

    /** Finite and small enough that squares and sums cannot overflow a learner's state. */
    static void requireFinite(double value, String what) {
        if (!(Math.abs(value) <= FeatureChecks.MAX_MAGNITUDE)) {
            throw new InvalidRecordException(DeadLetterReason.NON_FINITE_NUMBER,
                what + " is " + value + ", not a finite number within +-" + FeatureChecks.MAX_MAGNITUDE);
        }
    }

    /** Checks the context and candidates against the model's bounds and the bandit's arm capacity. */
    static void candidates(ModelConfig config, ContextualBandit bandit, Map<String, Double> context, List<Action> actions) {
        if (actions.isEmpty()) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "no candidate actions");
        }
        if (actions.size() > config.maxActions()) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_ACTIONS,
                actions.size() + " actions, over max.actions=" + config.maxActions());
        }
        int features = context.size();
        for (Action action : actions) {
            features += action.getFeatures().size();
        }
        if (features > config.maxFeatures()) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_FEATURES,
                features + " features, over max.features=" + config.maxFeatures());
        }
        context.forEach((name, value) -> requireFinite(value, "context feature '" + name + "'"));
        Set<String> ids = new HashSet<>();
        int newArms = 0;
        for (Action action : actions) {
            requireId(action.getId(), "action id");
            if (!ids.add(action.getId())) {
                throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "duplicate action id '" + action.getId() + "'");
            }
            action.getFeatures().forEach((name, value) ->
                requireFinite(value, "feature '" + name + "' of action '" + action.getId() + "'"));
            if (bandit.isNewArm(action.getId())) {
                newArms++;
            }
        }
        int maxArms = config.bandit().maxArms();
        if (bandit.armCount() + newArms > maxArms) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_ACTIONS, "the model has " + bandit.armCount()
                + " arms and the request adds " + newArms + ", over max.arms=" + maxArms);
        }
    }
}
