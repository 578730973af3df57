package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.LinearBanditState;

/**
 * Multi-armed models in the bandit loop: requests with no context and actions with no features are
 * decided, their rewards joined and learned, the model published with its state and settings, and
 * the stream decides exactly as a {@link RequestDecider} does with the published version. The
 * learned model is the model a fresh learner reaches from the same (arm, reward, propensity) log.
 */
class MultiArmedTopologyTest {
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);
    static final AvroCodec<LinearBanditState> STATE = AvroCodec.of(LinearBanditState.class);
    static final String[] ARMS = {"red", "green", "blue"};

    BanditDriver d;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "ucb1,ts-bernoulli,exp3-ix,sw-ucb");
        for (String model : List.of("ucb1", "ts-bernoulli", "exp3-ix", "sw-ucb")) {
            props.put("regretless.model." + model + ".learner", model);
        }
        props.put("regretless.model.exp3-ix.horizon", "200");
        props.put("regretless.model.sw-ucb.window", "20");
        d = new BanditDriver(props);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    /** A request with no context whose actions carry no features. */
    static DecisionRequest request(String id, String model) {
        List<Action> actions = new ArrayList<>();
        for (String arm : ARMS) {
            actions.add(new Action(arm, Map.of()));
        }
        return new DecisionRequest(id, model, 0L, Map.of(), actions);
    }

    Decision decide(DecisionRequest r, long time) {
        d.requests.pipeInput(r.getRequestId().getBytes(StandardCharsets.UTF_8), REQUESTS.encode(r, WireFormat.JSON), time);
        return DECISIONS.decode(d.decisions.readValue());
    }

    void reward(String requestId, String model, double value, long time) {
        d.rewards.pipeInput(requestId.getBytes(StandardCharsets.UTF_8),
            REWARDS.encode(new Reward(requestId, model, value, time), WireFormat.JSON), time);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ucb1", "ts-bernoulli", "exp3-ix", "sw-ucb"})
    void decidesRequestsWithoutContextLearnsAndDecidesAsALocalDeciderFromThePublishedVersion(String model) {
        SplittableRandom world = new SplittableRandom(11);
        ContextualBandit offline = LinearBandits.create(d.config.models().get(model).bandit());
        RequestDecider local = new RequestDecider();
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            DecisionRequest r = request(model + "-" + i, model);
            Decision decision = decide(r, 1_000L + i);
            assertEquals(decision, local.decide(r, d.published.get(model)), "stream and local decider, request " + i);
            compared += d.published.get(model) == null ? 0 : 1;
            double total = 0;
            for (ActionProbability p : decision.getProbabilities()) {
                total += p.getProbability();
            }
            assertEquals(1.0, total, 1e-9, "a whole distribution is logged");
            assertTrue(decision.getPropensity() > 0, "the chosen arm had a chance");

            double mean = decision.getChosenActionId().equals("green") ? 0.8 : 0.2;
            double value = world.nextDouble() < mean ? 1.0 : 0.0;
            reward(r.getRequestId(), model, value, 1_000L + i);
            Feedback joined = FEEDBACK.decode(d.feedback.readValue());
            assertEquals(decision, joined.getDecision());
            LearningUpdate update = UPDATES.decode(d.updates.readValue());
            assertEquals(0, update.getFeatures().remaining(), "a multi-armed model's update carries no features");
            assertEquals(decision.getPropensity(), update.getPropensity(), "the update carries the logged propensity");
            offline.update(update.getActionId(), new double[0], value, 1.0, decision.getPropensity());
            if (i % 10 == 9) {
                assertEquals(1, d.publish(), "the changed model is published");
            }
        }
        assertEquals(110, compared, "decided with a published model after the first publication");
        assertTrue(d.deadLetters.isEmpty());

        PublishedBandit published = d.published.get(model);
        assertEquals(120L, published.version());
        assertEquals(d.config.models().get(model).bandit(), published.config(), "the settings travel with the model");
        LinearBanditState state = STATE.decode(published.state());
        assertEquals(model, state.getLearner());
        assertNotNull(state.getMultiArmed());
        assertEquals(List.of(), state.getArms());
        byte[] stored = d.storedModel(model);
        assertArrayEquals(LinearBanditCodec.encode(offline, model), stored,
            "the model is the one a fresh learner reaches from the same updates");
        assertArrayEquals(stored, LinearBanditCodec.encode(published.learner(), model),
            "the published bytes restore the learner bit for bit");

        Decision later = decide(request("after", model), 5_000L);
        assertEquals(model, later.getLearner());
        assertEquals(120L, later.getModelVersion());
        // exp3-ix mixes by design, and sw-ucb with a window of 20 replays any arm absent from its window
        if (model.equals("ucb1") || model.equals("ts-bernoulli")) {
            assertEquals("green", later.getChosenActionId(), "the paying arm is learned: " + later);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ucb1", "ts-bernoulli"})
    void aRewardOutsideTheUnitIntervalIsDeadLetteredBeforeItBecomesFeedback(String model) {
        DecisionRequest r = request("r1", model);
        decide(r, 1_000L);
        reward("r1", model, 1.5, 1_100L);
        List<DeadLetter> letters = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
        assertEquals(1, letters.size());
        assertEquals("INVALID_RECORD", letters.get(0).getReason());
        assertTrue(letters.get(0).getDetail().contains("/value") && letters.get(0).getDetail().contains("[0, 1]"),
            letters.get(0).getDetail());
        assertTrue(d.feedback.isEmpty() && d.updates.isEmpty(), "nothing is learned");
        reward("r1", model, 1.0, 1_200L);
        assertEquals(1.0, FEEDBACK.decode(d.feedback.readValue()).getReward(), "the window is still open for a good one");
    }
}
