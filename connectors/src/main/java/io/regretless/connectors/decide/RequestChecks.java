package io.regretless.connectors.decide;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.FeatureChecks;
import io.regretless.schemas.Action;

/**
 * The rules every context-and-candidates record meets before a learner sees it, wherever it is
 * decided or learned: ids present and unique, every value a finite number within the learners'
 * safe range, and the model's bounds on features, candidates and arms. Each violation is a
 * {@link RequestRefusedException} naming the field.
 */
public final class RequestChecks {
    private RequestChecks() {
    }

    /** {@code id} is present and not blank. */
    public static void requireId(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new RequestRefusedException("INVALID_RECORD", field, "must not be empty");
        }
    }

    /** Finite and small enough that squares and sums cannot overflow a learner's state. */
    public static void requireFinite(double value, String field) {
        if (!finite(value)) {
            throw new RequestRefusedException("NON_FINITE_NUMBER", field,
                value + " is not a finite number within +-" + FeatureChecks.MAX_MAGNITUDE);
        }
    }

    /**
     * Checks the context and candidates; with {@code limits} (null before a model is known) also
     * the bounds on features and candidates, and with {@code bandit} whether the candidates would
     * take the model past its arms.
     */
    public static void candidates(Map<String, Double> context, List<Action> actions, Limits limits,
                                  ContextualBandit bandit) {
        if (actions == null || actions.isEmpty()) {
            throw new RequestRefusedException("INVALID_RECORD", "/actions", "no candidate actions");
        }
        if (limits != null && actions.size() > limits.maxActions()) {
            throw new RequestRefusedException("TOO_MANY_ACTIONS", "/actions",
                actions.size() + " actions, over max.actions=" + limits.maxActions());
        }
        int features = context.size();
        for (Action action : actions) {
            features += action.getFeatures().size();
        }
        if (limits != null && features > limits.maxFeatures()) {
            throw new RequestRefusedException("TOO_MANY_FEATURES", "/context",
                features + " features (context and actions), over max.features=" + limits.maxFeatures());
        }
        for (Map.Entry<String, Double> feature : context.entrySet()) {
            if (!finite(feature.getValue())) {
                requireFinite(feature.getValue(), "/context/" + pointer(feature.getKey()));
            }
        }
        Set<String> ids = new HashSet<>();
        int newArms = 0;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            requireId(action.getId(), "/actions/" + i + "/id");
            if (!ids.add(action.getId())) {
                throw new RequestRefusedException("INVALID_RECORD", "/actions/" + i + "/id",
                    "action id '" + action.getId() + "' appears twice");
            }
            for (Map.Entry<String, Double> feature : action.getFeatures().entrySet()) {
                if (!finite(feature.getValue())) {
                    requireFinite(feature.getValue(), "/actions/" + i + "/features/" + pointer(feature.getKey()));
                }
            }
            if (bandit != null && bandit.isNewArm(action.getId())) {
                newArms++;
            }
        }
        if (bandit != null && limits != null && bandit.armCount() + newArms > limits.maxArms()) {
            throw new RequestRefusedException("TOO_MANY_ACTIONS", "/actions", "the model has " + bandit.armCount()
                + " arms and the request adds " + newArms + ", over max.arms=" + limits.maxArms());
        }
    }

    private static boolean finite(double value) {
        return Math.abs(value) <= FeatureChecks.MAX_MAGNITUDE;
    }

    /** A JSON pointer token (RFC 6901): '~' as "~0", '/' as "~1". */
    static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** The bounds of one model on a request. */
    public record Limits(int maxFeatures, int maxActions, int maxArms) {
    }
}
