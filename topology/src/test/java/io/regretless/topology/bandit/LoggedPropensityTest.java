package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * Logged feedback and logged decisions whose propensity is 0, above 1, not a number, or not the
 * chosen action's entry of their own probability vector (or whose vector does not describe the
 * candidates) are dead-lettered with the reason: they are never learned, never joined, and so never
 * reach the feedback topic that the shadow policies' estimators read.
 */
class LoggedPropensityTest {
    static final WireCodec<LoggedFeedback> LOGGED = WireCodec.of(LoggedFeedback.class);
    static final WireCodec<LoggedDecision> LOGGED_DECISIONS = WireCodec.of(LoggedDecision.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final List<Action> ACTIONS = List.of(new Action("a", Map.of()), new Action("b", Map.of()),
        new Action("c", Map.of()));

    BanditDriver d;

    @BeforeEach
    void start() {
        d = new BanditDriver(BanditTopologyTest.appProperties());
    }

    @AfterEach
    void stop() {
        d.close();
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
        return letters;
    }

    @Test
    void labeledFeedbackWithAPropensityOfZeroAboveOneOrNotANumberIsRefused() {
        double[] bad = {0.0, 1.5, -0.2, Double.NaN, Double.POSITIVE_INFINITY};
        for (int i = 0; i < bad.length; i++) {
            LoggedFeedback logged = new LoggedFeedback("e" + i, "m1", 1L, Map.of(), ACTIONS, "b", bad[i], 1.0);
            d.labeled.pipeInput("m1".getBytes(StandardCharsets.UTF_8), LOGGED.encode(logged, WireFormat.AVRO), 10L);
        }
        List<DeadLetter> letters = deadLetters();
        assertEquals(List.of("INVALID_RECORD", "INVALID_RECORD", "INVALID_RECORD", "NON_FINITE_NUMBER", "NON_FINITE_NUMBER"),
            letters.stream().map(DeadLetter::getReason).toList());
        assertTrue(letters.get(0).getDetail().contains("/propensity: 0.0 is outside (0, 1]"), letters.get(0).getDetail());
        assertTrue(letters.get(1).getDetail().contains("/propensity: 1.5 is outside (0, 1]"), letters.get(1).getDetail());
        assertTrue(letters.get(3).getDetail().contains("/propensity"), letters.get(3).getDetail());
        assertTrue(d.updates.isEmpty(), "nothing was learned");

        LoggedFeedback good = new LoggedFeedback("ok", "m1", 1L, Map.of(), ACTIONS, "b", 0.25, 1.0);
        d.labeled.pipeInput("m1".getBytes(StandardCharsets.UTF_8), LOGGED.encode(good, WireFormat.JSON), 10L);
        assertEquals(1, d.updates.readValuesToList().size(), "a valid record is learned");
    }

    @Test
    void aLoggedDecisionInconsistentWithItsOwnProbabilityVectorIsRefusedAndNeverJoined() {
        List<List<ActionProbability>> vectors = List.of(
            vector("a", 0.25, "b", 0.5, "c", 0.25),      // propensity 0.4 is not b's 0.5
            vector("a", 0.5, "c", 0.5),                    // no entry for the chosen b
            vector("b", 0.4, "a", 0.3, "c", 0.3),          // not in the candidates' order
            vector("a", 0.3, "b", 0.4, "z", 0.3),          // an action that is no candidate
            vector("a", 0.3, "b", 0.4, "c", 0.2));         // sums to 0.9
        String[] fields = {"/decision/propensity", "/decision/probabilities", "/decision/probabilities/0/actionId",
            "/decision/probabilities/2/actionId", "/decision/probabilities"};
        for (int i = 0; i < vectors.size(); i++) {
            String id = "x" + i;
            DecisionRequest request = new DecisionRequest(id, "m1", 1L, Map.of(), ACTIONS);
            Decision decision = new Decision(id, "m1", "b", 0.4, vectors.get(i), 0L, "elsewhere", 1L);
            d.decisionLog.pipeInput(id.getBytes(StandardCharsets.UTF_8),
                LOGGED_DECISIONS.encode(new LoggedDecision(request, decision, "local"), WireFormat.AVRO), 10L);
            d.rewards.pipeInput(id.getBytes(StandardCharsets.UTF_8),
                REWARDS.encode(new Reward(id, "m1", 1.0, 20L), WireFormat.AVRO), 20L);
        }
        List<DeadLetter> letters = deadLetters();
        assertEquals(10, letters.size());
        for (int i = 0; i < vectors.size(); i++) {
            DeadLetter refused = letters.get(2 * i);
            assertEquals("INVALID_RECORD", refused.getReason());
            assertTrue(refused.getDetail().startsWith(fields[i] + ":"), refused.getDetail());
            assertEquals("UNKNOWN_REQUEST", letters.get(2 * i + 1).getReason(), "its reward finds no decision to join");
        }
        assertTrue(d.feedback.isEmpty(), "no feedback, so no estimator sees them");
        assertTrue(d.updates.isEmpty(), "and no model learns them");
    }

    private static List<ActionProbability> vector(Object... idsAndProbabilities) {
        List<ActionProbability> out = new ArrayList<>();
        for (int i = 0; i < idsAndProbabilities.length; i += 2) {
            out.add(new ActionProbability((String) idsAndProbabilities[i], (Double) idsAndProbabilities[i + 1]));
        }
        return out;
    }
}
