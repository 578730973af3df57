package io.regretless.evaluation;

import java.util.List;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;

/**
 * What a logged decision's propensities must satisfy before the decision may be learned from or
 * used by an estimator: an importance weight π(a|x)/p needs p to be the probability the logging
 * policy really chose a with. So the propensity is a number in (0, 1]; the probability vector, when
 * the record carries one, has one entry per candidate in the candidates' order, each in [0, 1],
 * summing to 1 within {@value #SUM_TOLERANCE}; and the chosen action's entry is the propensity
 * (within {@value #PROPENSITY_TOLERANCE}, which doubles survive exactly through Avro and JSON).
 */
public final class LoggedPropensities {
    /** How far a logged vector may sum from 1 (a Monte Carlo estimate of M draws sums to 1 up to rounding). */
    public static final double SUM_TOLERANCE = 1e-6;
    /** How far the propensity may be from the chosen action's entry of the vector. */
    public static final double PROPENSITY_TOLERANCE = 1e-9;

    private LoggedPropensities() {
    }

    /**
     * Checks a propensity alone, as logged feedback from another system carries it.
     *
     * @param at the propensity's JSON pointer, e.g. {@code /propensity}
     * @throws InvalidLogException NON_FINITE_NUMBER for NaN or ±∞, INVALID_RECORD outside (0, 1]
     */
    public static void requirePropensity(double propensity, String at) {
        if (!Double.isFinite(propensity)) {
            throw new InvalidLogException("NON_FINITE_NUMBER", at, propensity + " is not a finite number");
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new InvalidLogException("INVALID_RECORD", at, propensity + " is outside (0, 1]");
        }
    }

    /**
     * Checks a decision's propensity against its own probability vector and its candidates.
     *
     * @param decisionAt the decision's JSON pointer, e.g. {@code /decision} ("" for a top-level decision)
     * @throws InvalidLogException naming the field that is wrong
     */
    public static void check(List<Action> candidates, String chosenActionId, double propensity,
                             List<ActionProbability> probabilities, String decisionAt) {
        requirePropensity(propensity, decisionAt + "/propensity");
        int chosen = -1;
        for (int a = 0; a < candidates.size(); a++) {
            if (candidates.get(a).getId().equals(chosenActionId)) {
                chosen = a;
            }
        }
        if (chosen < 0) {
            throw new InvalidLogException("INVALID_RECORD", decisionAt + "/chosenActionId",
                "'" + chosenActionId + "' is not among the candidates");
        }
        String vector = decisionAt + "/probabilities";
        if (probabilities.size() != candidates.size()) {
            throw new InvalidLogException("INVALID_RECORD", vector, probabilities.size() + " probabilities for "
                + candidates.size() + " candidates; one per candidate, in their order");
        }
        double sum = 0;
        for (int a = 0; a < probabilities.size(); a++) {
            ActionProbability p = probabilities.get(a);
            if (!p.getActionId().equals(candidates.get(a).getId())) {
                throw new InvalidLogException("INVALID_RECORD", vector + "/" + a + "/actionId", "'" + p.getActionId()
                    + "' where candidate " + a + " is '" + candidates.get(a).getId() + "'");
            }
            double value = p.getProbability();
            if (!Double.isFinite(value)) {
                throw new InvalidLogException("NON_FINITE_NUMBER", vector + "/" + a + "/probability",
                    value + " is not a finite number");
            }
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidLogException("INVALID_RECORD", vector + "/" + a + "/probability",
                    value + " for '" + p.getActionId() + "' is outside [0, 1]");
            }
            sum += value;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidLogException("INVALID_RECORD", vector, "sum to " + sum + ", not 1");
        }
        double logged = probabilities.get(chosen).getProbability();
        if (Math.abs(logged - propensity) > PROPENSITY_TOLERANCE) {
            throw new InvalidLogException("INVALID_RECORD", decisionAt + "/propensity", propensity
                + " is not the chosen action's probability " + logged + " in the decision's own vector");
        }
    }
}
