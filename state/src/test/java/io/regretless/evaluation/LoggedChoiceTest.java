package io.regretless.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;

/** A logged decision an estimator may not use is refused with the reason and the field. */
class LoggedChoiceTest {

    static Feedback feedback(double propensity, List<ActionProbability> probabilities, double reward) {
        DecisionRequest request = new DecisionRequest("r1", "m", 1L, Map.of("x", 0.5),
            List.of(new Action("a", Map.of()), new Action("b", Map.of())));
        Decision decision = new Decision("r1", "m", "b", propensity, probabilities, 3L, "squarecb-disjoint", 1L);
        return new Feedback(request, decision, reward, true, 2L);
    }

    static List<ActionProbability> vector(double a, double b) {
        return List.of(new ActionProbability("a", a), new ActionProbability("b", b));
    }

    @Test
    void aConsistentRecordBecomesALoggedChoice() {
        LoggedChoice choice = LoggedChoice.of(feedback(0.75, vector(0.25, 0.75), 1.0));
        assertEquals(1, choice.chosen());
        assertEquals(0.75, choice.propensity());
        assertEquals("r1", choice.requestId());
    }

    @Test
    void badPropensitiesAreRefusedNamingTheField() {
        refused("INVALID_RECORD", "/decision/propensity", feedback(0.0, vector(1.0, 0.0), 1.0));
        refused("INVALID_RECORD", "/decision/propensity", feedback(1.5, vector(-0.5, 1.5), 1.0));
        refused("NON_FINITE_NUMBER", "/decision/propensity", feedback(Double.NaN, vector(0.5, 0.5), 1.0));
        refused("INVALID_RECORD", "/decision/propensity", feedback(0.5, vector(0.25, 0.75), 1.0));
        refused("INVALID_RECORD", "/decision/probabilities", feedback(0.75, vector(0.5, 0.75), 1.0));
        refused("INVALID_RECORD", "/decision/probabilities/0/probability", feedback(0.75, vector(-0.75, 1.75), 1.0));
        refused("INVALID_RECORD", "/decision/probabilities",
            feedback(1.0, List.of(new ActionProbability("b", 1.0)), 1.0));
        refused("INVALID_RECORD", "/decision/probabilities/0/actionId",
            feedback(0.75, List.of(new ActionProbability("b", 0.75), new ActionProbability("a", 0.25)), 1.0));
        refused("NON_FINITE_NUMBER", "/reward", feedback(0.75, vector(0.25, 0.75), Double.POSITIVE_INFINITY));
    }

    @Test
    void aDecisionForAnotherRequestOrAnUnknownActionIsRefused() {
        Feedback other = feedback(0.75, vector(0.25, 0.75), 1.0);
        other.getDecision().setRequestId("r2");
        refused("INVALID_RECORD", "/decision", other);
        Feedback unknown = feedback(0.75, vector(0.25, 0.75), 1.0);
        unknown.getDecision().setChosenActionId("z");
        refused("INVALID_RECORD", "/decision/chosenActionId", unknown);
    }

    private static void refused(String reason, String field, Feedback feedback) {
        InvalidLogException e = assertThrows(InvalidLogException.class, () -> LoggedChoice.of(feedback));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }
}
