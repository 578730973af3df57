package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.Topics;
import io.regretless.topology.metrics.Counters;

/** The bandit loop's logic on {@link TopologyTestDriver}: decide, join, window close, learn, dead letters. */
class BanditTopologyTest {
    static final long WINDOW = 10_000;
    static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);
    static final AvroCodec<Reward> REWARDS = AvroCodec.of(Reward.class);
    static final AvroCodec<LoggedFeedback> LOGGED = AvroCodec.of(LoggedFeedback.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final AvroCodec<LinearBanditState> STATE = AvroCodec.of(LinearBanditState.class);

    TopologyTestDriver driver;
    Topics topics;
    TestInputTopic<byte[], byte[]> requests;
    TestInputTopic<byte[], byte[]> rewards;
    TestInputTopic<byte[], byte[]> labeled;
    TestOutputTopic<byte[], byte[]> decisions;
    TestOutputTopic<byte[], byte[]> feedback;
    TestOutputTopic<byte[], byte[]> deadLetters;

    static Properties appProperties() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.state.store.type", "in-memory");
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
        driver = newDriver();
    }

    TopologyTestDriver newDriver() {
        RegretlessConfig config = RegretlessConfig.fromProperties(appProperties());
        topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "bandit-test");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyTestDriver d = new TopologyTestDriver(RegretlessTopology.build(config), streams, Instant.EPOCH);
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        requests = d.createInputTopic(topics.requests(), out, out);
        rewards = d.createInputTopic(topics.rewards(), out, out);
        labeled = d.createInputTopic(topics.labeled(), out, out);
        decisions = d.createOutputTopic(topics.decisions(), in, in);
        feedback = d.createOutputTopic(topics.feedback(), in, in);
        deadLetters = d.createOutputTopic(topics.deadLetters(), in, in);
        return d;
    }

    @AfterEach
    void stop() {
        driver.close();
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
        requests.pipeInput(r.getModelId().getBytes(), REQUESTS.encode(r), time);
    }

    void reward(String requestId, String model, double value, long time) {
        rewards.pipeInput(model.getBytes(), REWARDS.encode(new Reward(requestId, model, value, time)), time);
    }

    LinearBanditState model(String id) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(BanditTopology.MODELS_STORE);
        byte[] bytes = store.get(id);
        return bytes == null ? null : STATE.decode(bytes);
    }

    List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
        return letters;
    }

    @Test
    void decidesWithAFullLoggedDistribution() {
        send(request("r1"), 1_000);
        Decision decision = DECISIONS.decode(decisions.readValue());
        assertEquals("r1", decision.getRequestId());
        assertEquals("linucb-disjoint", decision.getLearner());
        assertEquals(0L, decision.getModelVersion());
        assertEquals(3, decision.getProbabilities().size());
        double sum = 0;
        double chosen = -1;
        for (ActionProbability p : decision.getProbabilities()) {
            sum += p.getProbability();
            if (p.getActionId().equals(decision.getChosenActionId())) {
                chosen = p.getProbability();
            }
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(chosen, decision.getPropensity());
        assertTrue(decision.getPropensity() > 0);
        assertTrue(deadLetters.isEmpty());
        assertEquals(1.0, counter("propensity-total", "bucket", PropensityBuckets.of(decision.getPropensity())),
            "the propensity histogram counts the decision");
    }

    @Test
    void joinsARewardAndLearnsOnce() {
        send(request("r1"), 1_000);
        Decision decision = DECISIONS.decode(decisions.readValue());
        reward("r1", "m1", 1.0, 2_000);
        Feedback joined = FEEDBACK.decode(feedback.readValue());
        assertTrue(joined.getObserved());
        assertEquals(1.0, joined.getReward());
        assertEquals(decision, joined.getDecision());
        assertEquals("r1", joined.getRequest().getRequestId());
        assertEquals(1L, model("m1").getVersion());
        assertEquals(decision.getChosenActionId(), model("m1").getArms().get(0).getActionId());
        assertTrue(feedback.isEmpty());

        send(request("r2"), 3_000);
        assertEquals(1L, DECISIONS.decode(decisions.readValue()).getModelVersion());
    }

    @Test
    void closesTheWindowWithTheDefaultRewardOnStreamTime() {
        send(request("r1"), 1_000);
        decisions.readValue();
        send(request("r2"), 1_000 + WINDOW - 1);
        assertTrue(feedback.isEmpty(), "the window is still open");
        send(request("r3"), 1_000 + WINDOW + 1_000);
        Feedback closed = FEEDBACK.decode(feedback.readValue());
        assertEquals("r1", closed.getRequest().getRequestId());
        assertFalse(closed.getObserved());
        assertEquals(-0.5, closed.getReward());
        assertEquals(1_000 + WINDOW, closed.getRewardTimestamp());
        assertEquals(1L, model("m1").getVersion());
        assertTrue(feedback.isEmpty(), "r2 is still waiting");
    }

    @Test
    void publishesChangedModelsToTheSnapshotTopicOnTheWallClock() {
        TestOutputTopic<byte[], byte[]> snapshots =
            driver.createOutputTopic(topics.modelSnapshots(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        send(request("r1"), 1_000);
        reward("r1", "m1", 1.0, 2_000);
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(61));
        ModelSnapshot snapshot = WireCodec.of(ModelSnapshot.class).decode(snapshots.readValue());
        assertEquals("m1", snapshot.getModelId());
        assertEquals("bandit", snapshot.getKind());
        assertEquals(1L, snapshot.getVersion());
        byte[] stored = driver.<String, byte[]>getKeyValueStore(BanditTopology.MODELS_STORE).get("m1");
        byte[] published = new byte[snapshot.getState().remaining()];
        snapshot.getState().get(published);
        assertArrayEquals(stored, published);
        assertTrue(snapshots.isEmpty());
        driver.advanceWallClockTime(java.time.Duration.ofSeconds(61));
        assertTrue(snapshots.isEmpty(), "an unchanged model is not republished");
    }

    @Test
    void learnsFromLoggedFeedback() {
        LoggedFeedback logged = new LoggedFeedback("e1", "m2", 5L, Map.of("x", 1.0),
            List.of(new Action("a", Map.of("price", 3.0)), new Action("b", Map.of())), "a", 0.5, 1.0);
        labeled.pipeInput("m2".getBytes(), LOGGED.encode(logged), 5L);
        LinearBanditState state = model("m2");
        assertNotNull(state);
        assertEquals(1L, state.getVersion());
        assertEquals("egreedy-shared", state.getLearner());
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void sameInputGivesTheSameModelBytes() {
        for (int i = 0; i < 40; i++) {
            send(request("r" + i, "m1", Map.of("x", i % 3 * 1.0, "y", i % 5 * 1.0), "a", "b", "c"), 1_000L + i);
            Decision d = DECISIONS.decode(decisions.readValue());
            reward(d.getRequestId(), "m1", d.getChosenActionId().equals("b") ? 1.0 : 0.0, 1_000L + i);
        }
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(BanditTopology.MODELS_STORE);
        byte[] first = store.get("m1");
        driver.close();
        driver = newDriver();
        for (int i = 0; i < 40; i++) {
            send(request("r" + i, "m1", Map.of("x", i % 3 * 1.0, "y", i % 5 * 1.0), "a", "b", "c"), 1_000L + i);
            Decision d = DECISIONS.decode(decisions.readValue());
            reward(d.getRequestId(), "m1", d.getChosenActionId().equals("b") ? 1.0 : 0.0, 1_000L + i);
        }
        assertArrayEquals(first, driver.<String, byte[]>getKeyValueStore(BanditTopology.MODELS_STORE).get("m1"));
        assertEquals(40L, model("m1").getVersion());
    }

    @Test
    void everyBadRecordGoesToDeadLettersWithItsReason() {
        requests.pipeInput("m1".getBytes(), new byte[] {1, 2, 3}, 10);
        rewards.pipeInput("m1".getBytes(), "not avro".getBytes(), 10);
        labeled.pipeInput("m1".getBytes(), REQUESTS.encode(request("wrong-schema")), 10);
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
        labeled.pipeInput("m1".getBytes(), LOGGED.encode(new LoggedFeedback("e", "m1", 1L, Map.of(),
            List.of(new Action("a", Map.of())), "a", 0.0, 1.0)), 60 + WINDOW);
        labeled.pipeInput("m1".getBytes(), LOGGED.encode(new LoggedFeedback("e", "m1", 1L, Map.of(),
            List.of(new Action("a", Map.of())), "z", 1.0, 1.0)), 60 + WINDOW);
        send(request("arms1", "m1", Map.of(), "d", "e", "f"), 70 + WINDOW);

        List<String> reasons = new ArrayList<>();
        List<DeadLetter> letters = deadLetters();
        letters.forEach(l -> reasons.add(l.getReason()));
        assertEquals(List.of("UNREADABLE", "UNREADABLE", "UNREADABLE", "NON_FINITE_NUMBER", "NON_FINITE_NUMBER",
            "UNKNOWN_MODEL", "TOO_MANY_FEATURES", "TOO_MANY_ACTIONS", "INVALID_RECORD", "INVALID_RECORD",
            "INVALID_RECORD", "UNKNOWN_REQUEST", "DUPLICATE_REQUEST", "NON_FINITE_NUMBER", "INVALID_RECORD",
            "DUPLICATE_REWARD", "LATE_REWARD", "LATE_REWARD", "INVALID_RECORD", "INVALID_RECORD",
            "TOO_MANY_ACTIONS"), reasons);
        DeadLetter first = letters.get(0);
        assertEquals(topics.requests(), first.getSourceTopic());
        assertEquals(0, first.getPartition());
        assertEquals(0L, first.getOffset());
        assertArrayEquals(new byte[] {1, 2, 3}, first.getValue().array());
        assertEquals(topics.rewards(), letters.get(1).getSourceTopic());
        assertEquals(topics.labeled(), letters.get(2).getSourceTopic());
        assertTrue(letters.get(5).getDetail().contains("nobody"));

        assertEquals(21.0, deadLetterTotal(), "every dead letter is counted");
        assertEquals(3.0, deadLetterTotal("UNREADABLE"));
    }

    double counter(String name, String tag, String value) {
        double total = 0;
        for (MetricName metric : new HashMap<>(driver.metrics()).keySet()) {
            if (metric.group().equals(Counters.GROUP) && metric.name().equals(name) && value.equals(metric.tags().get(tag))) {
                total += (Double) driver.metrics().get(metric).metricValue();
            }
        }
        return total;
    }

    @Test
    void propensitiesFallInTenths() {
        assertEquals("0.0-0.1", PropensityBuckets.of(0.05));
        assertEquals("0.0-0.1", PropensityBuckets.of(0.1));
        assertEquals("0.1-0.2", PropensityBuckets.of(0.1000001));
        assertEquals("0.9-1.0", PropensityBuckets.of(1.0));
    }

    double deadLetterTotal(String... reasons) {
        double total = 0;
        for (Map.Entry<MetricName, ?> e : new HashMap<>(driver.metrics()).entrySet()) {
            MetricName name = e.getKey();
            if (name.group().equals(Counters.GROUP) && name.name().equals("dead-letters-total")
                && (reasons.length == 0 || name.tags().get("reason").equals(reasons[0]))) {
                total += (Double) driver.metrics().get(name).metricValue();
            }
        }
        return total;
    }
}
