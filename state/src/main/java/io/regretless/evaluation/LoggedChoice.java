package io.regretless.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.regretless.bandit.FeatureChecks;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;

/**
 * One logged decision with its reward, as a shadow evaluation scores it: the request (its id seeds
 * the candidates' randomness), the context and candidates, which candidate the logging policy chose
 * with which probability, and the reward that was learned.
 *
 * @param requestId   the request's id
 * @param context     the request's context features
 * @param actions     the candidates, in the request's order
 * @param chosen      index of the chosen candidate
 * @param propensity  the logging policy's probability of it, in (0, 1]
 * @param reward      the reward (observed, or the model's default)
 */
public record LoggedChoice(String requestId, Map<String, Double> context, List<Action> actions, int chosen,
                           double propensity, double reward) {

    public LoggedChoice {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(actions, "actions");
        if (chosen < 0 || chosen >= actions.size()) {
            throw new IllegalArgumentException("chosen candidate " + chosen + " of " + actions.size());
        }
        if (!(propensity > 0 && propensity <= 1) || !Double.isFinite(reward)) {
            throw new IllegalArgumentException("need a propensity in (0, 1] and a finite reward, got " + propensity
                + ", " + reward);
        }
    }

    public Action chosenAction() {
        return actions.get(chosen);
    }

    /**
     * The feedback as a logged choice, after every check an estimator needs: the decision answers
     * the request it is joined to, the request's ids, context and candidates are well formed, the
     * reward is a finite number, and the propensities pass {@link LoggedPropensities#check}.
     *
     * @throws InvalidLogException naming the field that is wrong
     */
    public static LoggedChoice of(Feedback feedback) {
        DecisionRequest request = feedback.getRequest();
        Decision decision = feedback.getDecision();
        requireId(request.getRequestId(), "/request/requestId");
        if (!decision.getRequestId().equals(request.getRequestId())
                || !decision.getModelId().equals(request.getModelId())) {
            throw new InvalidLogException("INVALID_RECORD", "/decision", "answers request '" + decision.getRequestId()
                + "' of model '" + decision.getModelId() + "', not the request '" + request.getRequestId()
                + "' of model '" + request.getModelId() + "' it is joined to");
        }
        request.getContext().forEach((name, value) -> requireFinite(value, "/request/context/" + name));
        List<Action> actions = request.getActions();
        if (actions.isEmpty()) {
            throw new InvalidLogException("INVALID_RECORD", "/request/actions", "no candidate actions");
        }
        Set<String> ids = new HashSet<>();
        int chosen = -1;
        for (int a = 0; a < actions.size(); a++) {
            Action action = actions.get(a);
            requireId(action.getId(), "/request/actions/" + a + "/id");
            if (!ids.add(action.getId())) {
                throw new InvalidLogException("INVALID_RECORD", "/request/actions/" + a + "/id",
                    "action id '" + action.getId() + "' appears twice");
            }
            int index = a;
            action.getFeatures().forEach((name, value) ->
                requireFinite(value, "/request/actions/" + index + "/features/" + name));
            if (action.getId().equals(decision.getChosenActionId())) {
                chosen = a;
            }
        }
        requireFinite(feedback.getReward(), "/reward");
        LoggedPropensities.check(actions, decision.getChosenActionId(), decision.getPropensity(),
            decision.getProbabilities(), "/decision");
        return new LoggedChoice(request.getRequestId(), request.getContext(), actions, chosen,
            decision.getPropensity(), feedback.getReward());
    }

    private static void requireId(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new InvalidLogException("INVALID_RECORD", field, "must not be empty");
        }
    }

    private static void requireFinite(Double value, String field) {
        if (value == null || !(Math.abs(value) <= FeatureChecks.MAX_MAGNITUDE)) {
            throw new InvalidLogException("NON_FINITE_NUMBER", field,
                value + " is not a finite number within +-" + FeatureChecks.MAX_MAGNITUDE);
        }
    }
}
