package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.metrics.Counters;

/**
 * The bandit loop's logic on {@link org.apache.kafka.streams.TopologyTestDriver}: decide with the
 * published model, join by request id, close windows on stream time, learn once through the
 * updates topic, publish, dead letters.
 */
class BanditTopologyTest {
    static final long WINDOW = 10_000;
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<LoggedFeedback> LOGGED = WireCodec.of(LoggedFeedback.class);
    static final WireCodec<LoggedDecision> LOGGED_DECISIONS = WireCodec.of(LoggedDecision.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);
    static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);
    static final AvroCodec<LinearBanditState> STATE = AvroCodec.of(LinearBanditState.class);

    BanditDriver d;

    static Properties appProperties() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "m1,m2");
        props.put("regretless.model.m1.learner", "linucb");
        props.put("regretless.model.m1.dimension", "16");
        props.put("regretless.model.m1.attribution.window.ms", Long.toString(WINDOW));
        props.put("regretless.model.m1.default.reward", "-0.5");
        props.put("regretless.model.m1.max.features", "6");
        props.put("regretless.model.m1.max.actions", "3");
        props.put("regretless.model.m1.max.arms", "3");
        props.put("regretless.model.m2.learner", "egreedy");
        props.put("regretless.model.m2.shared", "true");
        props.put("regretless.model.m2.dimension", "32");
        return props;
    }

    @BeforeEach
    void start() {
        d = new BanditDriver(appProperties());
    }

    @AfterEach
    void stop() {
        d.close();
    }

    static DecisionRequest request(String id, String model, Map<String, Double> context, String... actions) {
        List<Action> candidates = new ArrayList<>();
        for (String action : actions) {
            candidates.add(new Action(action, Map.of()));
        }
        return new DecisionRequest(id, model, 0L, context, candidates);
    }

    static DecisionRequest request(String id) {
        return request(id, "m1", Map.of("x", 1.0, "y", -2.0), "a", "b", "c");
    }

    void send(DecisionRequest r, long time) {
        d.requests.pipeInput(r.getRequestId().getBytes(StandardCharsets.UTF_8), REQUESTS.encode(r, WireFormat.AVRO), time);
    }

    void reward(String requestId, String model, double value, long time) {
        d.rewards.pipeInput(requestId.getBytes(StandardCharsets.UTF_8),
            REWARDS.encode(new Reward(requestId, model, value, time), WireFormat.AVRO), time);
    }

    LinearBanditState published(String id) {
        PublishedBandit model = d.published.get(id);
        return model == null ? null : STATE.decode(model.state());
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
        return letters;
    }

    @Test
    void beforeAModelIsPublishedTheDecisionIsUniformWithExactPropensities() {
        send(request("r1"), 1_000);
        Decision decision = DECISIONS.decode(d.decisions.readRecord().value());
        assertEquals("r1", decision.getRequestId());
        assertEquals(RequestDecider.UNIFORM, decision.getLearner());
        assertEquals(0L, decision.getModelVersion());
        assertEquals(3, decision.getProbabilities().size());
        for (ActionProbability p : decision.getProbabilities()) {
            assertEquals(1.0 / 3, p.getProbability());
        }
        assertEquals(1.0 / 3, decision.getPropensity());
        assertTrue(d.deadLetters.isEmpty());
        assertEquals(1.0, counter("propensity-total", "bucket", PropensityBuckets.of(decision.getPropensity())),
            "the propensity histogram counts the decision");
    }

    @Test
    void decisionsAreKeyedByRequestId() {
        send(request("r1"), 1_000);
        assertEquals("r1", new String(d.decisions.readRecord().key(), StandardCharsets.UTF_8));
    }

    @Test
    void aJoinedRewardIsFeedbackAndOneUpdateAndThePublishedModelDecidesNext() {
        send(request("r1"), 1_000);
        Decision decision = DECISIONS.decode(d.decisions.readValue());
        reward("r1", "m1", 1.0, 2_000);
        Feedback joined = FEEDBACK.decode(d.feedback.readValue());
        assertTrue(joined.getObserved());
        assertEquals(1.0, joined.getReward());
        assertEquals(decision, joined.getDecision());
        LearningUpdate update = UPDATES.decode(d.updates.readValue());
        assertEquals("r1", update.getRequestId());
        assertEquals(decision.getChosenActionId(), update.getActionId());
        assertEquals(16 * 8, update.getFeatures().remaining(), "hashed into the model's dimension");
        assertTrue(d.feedback.isEmpty());
        assertTrue(d.updates.isEmpty(), "one update per reward");

        assertEquals(1, d.publish(), "the changed model is published");
        LinearBanditState model = published("m1");
        assertEquals(1L, model.getVersion());
        assertEquals("linucb", model.getSettings().getLearner());
        assertEquals(16, model.getSettings().getDimension());
        send(request("r2"), 3_000);
        Decision next = DECISIONS.decode(d.decisions.readValue());
        assertEquals(1L, next.getModelVersion());
        assertEquals("linucb-disjoint", next.getLearner());
    }

    @Test
    void theStreamDecidesExactlyAsALocalDeciderWithTheSameModelVersion() {
        for (int i = 0; i < 30; i++) {
            send(request("w" + i, "m1", Map.of("x", i % 3 * 1.0), "a", "b", "c"), 1_000L + i);
            Decision decided = DECISIONS.decode(d.decisions.readValue());
            reward(decided.getRequestId(), "m1", decided.getChosenActionId().equals("a") ? 1.0 : 0.0, 1_000L + i);
        }
        d.publish();
        RequestDecider local = new RequestDecider();
        for (int i = 0; i < 20; i++) {
            DecisionRequest r = request("q" + i, "m1", Map.of("x", i % 3 * 1.0, "y", i * 0.1), "a", "b", "c");
            send(r, 2_000L + i);
            Decision stream = DECISIONS.decode(d.decisions.readValue());
            assertEquals(local.decide(r, d.published.get("m1")), stream);
            assertEquals(30L, stream.getModelVersion());
        }
    }

    @Test
    void closesTheWindowWithTheDefaultRewardOnStreamTime() {
        send(request("r1"), 1_000);
        d.decisions.readValue();
        send(request("r2"), 1_000 + WINDOW - 1);
        assertTrue(d.feedback.isEmpty(), "the window is still open");
        send(request("r3"), 1_000 + WINDOW + 1_000);
        Feedback closed = FEEDBACK.decode(d.feedback.readValue());
        assertEquals("r1", closed.getRequest().getRequestId());
        assertFalse(closed.getObserved());
        assertEquals(-0.5, closed.getReward());
        assertEquals(1_000 + WINDOW, closed.getRewardTimestamp());
        LearningUpdate update = UPDATES.decode(d.updates.readValue());
        assertFalse(update.getObserved());
        assertEquals(-0.5, update.getReward());
        assertTrue(d.feedback.isEmpty(), "r2 is still waiting");
    }

    @Test
    void aDecisionLoggedElsewhereIsJoinedAndLearnedOnce() {
        DecisionRequest r = request("ext1");
        Decision made = new RequestDecider().decide(r, null);
        d.decisionLog.pipeInput("ext1".getBytes(StandardCharsets.UTF_8),
            LOGGED_DECISIONS.encode(new LoggedDecision(r, made, "local"), WireFormat.AVRO), 1_000);
        assertTrue(d.decisions.isEmpty(), "a logged decision is not answered again");
        reward("ext1", "m1", 1.0, 1_500);
        assertEquals(made, FEEDBACK.decode(d.feedback.readValue()).getDecision());
        assertEquals("ext1", UPDATES.decode(d.updates.readValue()).getRequestId());

        d.decisionLog.pipeInput("ext1".getBytes(StandardCharsets.UTF_8),
            LOGGED_DECISIONS.encode(new LoggedDecision(r, made, "local"), WireFormat.AVRO), 1_600);
        Decision bad = Decision.newBuilder(made).setRequestId("ext2").setPropensity(1.5).build();
        d.decisionLog.pipeInput("ext2".getBytes(StandardCharsets.UTF_8), LOGGED_DECISIONS.encode(
            new LoggedDecision(request("ext2"), bad, "local"), WireFormat.AVRO), 1_700);
        List<DeadLetter> letters = deadLetters();
        assertEquals(List.of("DUPLICATE_REQUEST", "INVALID_RECORD"), letters.stream().map(DeadLetter::getReason).toList());
        assertTrue(letters.get(1).getDetail().contains("/decision/propensity"), letters.get(1).getDetail());
    }

    @Test
    void aRewardReadBeforeItsLoggedDecisionWaitsForItThenIsJoined() {
        DecisionRequest r = request("early1");
        Decision made = new RequestDecider().decide(r, null);
        reward("early1", "m1", 1.0, 1_000);
        assertTrue(d.feedback.isEmpty(), "the decision has not come yet");
        assertTrue(d.deadLetters.isEmpty(), "the reward waits instead of being refused");
        d.decisionLog.pipeInput("early1".getBytes(StandardCharsets.UTF_8),
            LOGGED_DECISIONS.encode(new LoggedDecision(r, made, "local"), WireFormat.AVRO), 1_200);
        Feedback joined = FEEDBACK.decode(d.feedback.readValue());
        assertEquals("early1", joined.getRequest().getRequestId());
        assertTrue(joined.getObserved());
        assertEquals(1, d.updates.readValuesToList().size(), "learned once");

        reward("never", "m1", 1.0, 2_000);
        send(request("later"), 2_000 + 10_000 + 1_000);
        List<DeadLetter> letters = deadLetters();
        assertEquals(List.of("UNKNOWN_REQUEST"), letters.stream().map(DeadLetter::getReason).toList(),
            "no decision within reward.wait.ms of stream time");
        assertEquals(d.topics.rewards(), letters.get(0).getSourceTopic(), "the dead letter names where the reward came from");
    }

    @Test
    void publishesChangedModelsOnTheWallClockWithTheirSettings() {
        send(request("r1"), 1_000);
        reward("r1", "m1", 1.0, 2_000);
        d.driver.advanceWallClockTime(d.config.publishInterval());
        ModelSnapshot snapshot = SNAPSHOTS.decode(d.snapshots.readValue());
        assertEquals("m1", snapshot.getModelId());
        assertEquals("bandit", snapshot.getKind());
        assertEquals(1L, snapshot.getVersion());
        byte[] state = new byte[snapshot.getState().remaining()];
        snapshot.getState().get(state);
        PublishedBandit published = PublishedBandit.decode(state);
        assertEquals(d.config.models().get("m1").bandit(), published.config());
        assertEquals(6, published.maxFeatures());
        LinearBanditState stored = STATE.decode(d.storedModel("m1"));
        assertEquals(1L, stored.getVersion(), "the store holds the snapshot taken at publication");
        assertTrue(d.snapshots.isEmpty());
        d.driver.advanceWallClockTime(d.config.publishInterval());
        assertTrue(d.snapshots.isEmpty(), "an unchanged model is not republished");
    }

    @Test
    void learnsFromLoggedFeedback() {
        LoggedFeedback logged = new LoggedFeedback("e1", "m2", 5L, Map.of("x", 1.0),
            List.of(new Action("a", Map.of("price", 3.0)), new Action("b", Map.of())), "a", 0.5, 1.0);
        d.labeled.pipeInput("m2".getBytes(), LOGGED.encode(logged, WireFormat.AVRO), 5L);
        d.publish();
        LinearBanditState state = published("m2");
        assertNotNull(state);
        assertEquals(1L, state.getVersion());
        assertEquals("egreedy-shared", state.getLearner());
        assertTrue(d.deadLetters.isEmpty());
    }

    @Test
    void sameInputGivesTheSameModelBytes() {
        byte[] first = playForty();
        d.close();
        d = new BanditDriver(appProperties());
        assertArrayEquals(first, playForty());
        assertEquals(40L, published("m1").getVersion());
    }

    private byte[] playForty() {
        for (int i = 0; i < 40; i++) {
            send(request("r" + i, "m1", Map.of("x", i % 3 * 1.0, "y", i % 5 * 1.0), "a", "b", "c"), 1_000L + i);
            Decision decided = DECISIONS.decode(d.decisions.readValue());
            reward(decided.getRequestId(), "m1", decided.getChosenActionId().equals("b") ? 1.0 : 0.0, 1_000L + i);
            if (i % 10 == 9) {
                d.publish();
            }
        }
        return d.storedModel("m1");
    }

    @Test
    void everyBadRecordGoesToDeadLettersWithItsReason() {
        d.requests.pipeInput("m1".getBytes(), new byte[] {1, 2, 3}, 10);
        d.rewards.pipeInput("m1".getBytes(), "not avro".getBytes(), 10);
        d.labeled.pipeInput("m1".getBytes(), REQUESTS.encode(request("wrong-schema"), WireFormat.AVRO), 10);
        send(request("nan", "m1", Map.of("x", Double.NaN), "a"), 10);
        send(request("inf", "m1", Map.of("x", Double.POSITIVE_INFINITY), "a"), 10);
        send(request("who", "nobody", Map.of(), "a"), 10);
        send(request("wide", "m1", Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0, "e", 1.0, "f", 1.0, "g", 1.0), "a"), 10);
        send(request("many", "m1", Map.of(), "a", "b", "c", "d"), 10);
        send(request("none", "m1", Map.of()), 10);
        send(request("twice-same-action", "m1", Map.of(), "a", "a"), 10);
        send(request("", "m1", Map.of(), "a"), 10);
        reward("never-asked", "m1", 1.0, 10);
        send(request("ok"), 20);
        send(request("ok"), 20);
        reward("ok", "m1", Double.NaN, 20);
        reward("ok", "m2", 1.0, 20);
        reward("ok", "m1", 1.0, 30);
        reward("ok", "m1", 1.0, 40);
        send(request("slow"), 50);
        reward("slow", "m1", 1.0, 50 + WINDOW + 1);
        send(request("tick"), 50 + WINDOW + 2_000);
        reward("slow", "m1", 1.0, 50 + WINDOW + 2_000);
        d.labeled.pipeInput("m1".getBytes(), LOGGED.encode(new LoggedFeedback("e", "m1", 1L, Map.of(),
            List.of(new Action("a", Map.of())), "a", 0.0, 1.0), WireFormat.AVRO), 60 + WINDOW);
        d.labeled.pipeInput("m1".getBytes(), LOGGED.encode(new LoggedFeedback("e", "m1", 1L, Map.of(),
            List.of(new Action("a", Map.of())), "z", 1.0, 1.0), WireFormat.AVRO), 60 + WINDOW);
        d.publish();
        send(request("arms1", "m1", Map.of(), "d", "e", "f"), 70 + WINDOW);

        List<String> reasons = new ArrayList<>();
        List<DeadLetter> letters = deadLetters();
        letters.forEach(l -> reasons.add(l.getReason()));
        assertEquals(List.of("UNREADABLE", "UNREADABLE", "UNREADABLE", "NON_FINITE_NUMBER", "NON_FINITE_NUMBER",
            "UNKNOWN_MODEL", "TOO_MANY_FEATURES", "TOO_MANY_ACTIONS", "INVALID_RECORD", "INVALID_RECORD",
            "INVALID_RECORD", "DUPLICATE_REQUEST", "NON_FINITE_NUMBER", "INVALID_RECORD",
            "DUPLICATE_REWARD", "LATE_REWARD", "UNKNOWN_REQUEST", "LATE_REWARD", "INVALID_RECORD", "INVALID_RECORD",
            "TOO_MANY_ACTIONS"), reasons, "a reward for an unknown request waits reward.wait.ms for its decision first");
        DeadLetter first = letters.get(0);
        assertEquals(d.topics.requests(), first.getSourceTopic());
        assertEquals(0, first.getPartition());
        assertEquals(0L, first.getOffset());
        assertArrayEquals(new byte[] {1, 2, 3}, first.getValue().array());
        assertEquals(d.topics.rewards(), letters.get(1).getSourceTopic());
        assertEquals(d.topics.labeled(), letters.get(2).getSourceTopic());
        assertTrue(letters.get(5).getDetail().contains("nobody"));
        assertTrue(letters.get(3).getDetail().contains("/context/x"), "the field is named: " + letters.get(3).getDetail());

        assertEquals(21.0, deadLetterTotal(), "every dead letter is counted");
        assertEquals(3.0, deadLetterTotal("UNREADABLE"));
    }

    @Test
    void propensitiesFallInTenths() {
        assertEquals("0.0-0.1", PropensityBuckets.of(0.05));
        assertEquals("0.0-0.1", PropensityBuckets.of(0.1));
        assertEquals("0.1-0.2", PropensityBuckets.of(0.1000001));
        assertEquals("0.9-1.0", PropensityBuckets.of(1.0));
    }

    double counter(String name, String tag, String value) {
        double total = 0;
        for (MetricName metric : new HashMap<>(d.driver.metrics()).keySet()) {
            if (metric.group().equals(Counters.GROUP) && metric.name().equals(name) && value.equals(metric.tags().get(tag))) {
                total += (Double) d.driver.metrics().get(metric).metricValue();
            }
        }
        return total;
    }

    double deadLetterTotal(String... reasons) {
        double total = 0;
        for (Map.Entry<MetricName, ?> e : new HashMap<>(d.driver.metrics()).entrySet()) {
            MetricName name = e.getKey();
            if (name.group().equals(Counters.GROUP) && name.name().equals("dead-letters-total")
                && (reasons.length == 0 || name.tags().get("reason").equals(reasons[0]))) {
                total += (Double) d.driver.metrics().get(name).metricValue();
            }
        }
        return total;
    }
}
