package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.broker.KafkaBroker;
import io.regretless.ops.broker.RealBroker;
import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.bandit.BanditTopology;

/**
 * The bandit loop end to end on a real broker, under exactly-once: requests become decisions,
 * rewards are joined into feedback, unrewarded decisions get the default reward when their window
 * closes on stream time, bad records land in dead-letters, and the models in the store learn from
 * every feedback record. All waits are bounded; nothing asserts on wall-clock time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BanditLoopIntegrationTest {
    @RegisterExtension
    static final RealBroker KAFKA = new RealBroker();

    static final Duration WAIT = Duration.ofSeconds(60);
    static final long WINDOW_MS = 5_000;
    static final int PER_MODEL = 40;
    /** Model id -> its default reward, told apart from every observed reward. */
    static final Map<String, Double> MODELS = orderedMap("lin", -0.25, "sq", -0.5);
    static final List<String> ACTIONS = List.of("a", "b", "c", "d");

    static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);
    static final AvroCodec<Reward> REWARDS = AvroCodec.of(Reward.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<DeadLetter> DEAD_LETTERS = WireCodec.of(DeadLetter.class);
    static final AvroCodec<LinearBanditState> STATES = AvroCodec.of(LinearBanditState.class);

    @TempDir
    Path stateDir;

    Topics topics;
    ReplayProducer producer;

    @Test
    void decidesJoinsClosesWindowsLearnsAndDeadLetters() throws Exception {
        KafkaBroker broker = KAFKA.broker();
        AppFixture fixture = appFixture(broker);
        topics = fixture.topics();

        try (RegretlessApp app = new RegretlessApp(fixture.properties());
             ReplayProducer p = ReplayProducer.open(broker.clientProperties());
             CommittedOutputs decisions = new CommittedOutputs(broker.clientProperties(), List.of(topics.decisions()));
             CommittedOutputs feedback = new CommittedOutputs(broker.clientProperties(), List.of(topics.feedback()));
             CommittedOutputs deadLetters = new CommittedOutputs(broker.clientProperties(), List.of(topics.deadLetters()))) {
            producer = p;
            app.start(WAIT);
            long base = System.currentTimeMillis();

            // 1. requests for both models; every decision is checked against its request
            Map<String, DecisionRequest> requests = new LinkedHashMap<>();
            for (int i = 0; i < PER_MODEL; i++) {
                for (String model : MODELS.keySet()) {
                    DecisionRequest request = request(model + "-" + i, model, base + i, i);
                    requests.put(request.getRequestId(), request);
                    send(topics.requests(), request.getRequestId(), REQUESTS.encode(request), base + i);
                }
            }
            producer.flush();
            Map<String, Decision> decided = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : decisions.take(requests.size(), WAIT)) {
                Decision decision = DECISIONS.decode(record.value());
                assertEquals(decision.getRequestId(), new String(record.key(), StandardCharsets.UTF_8));
                assertNull(decided.put(decision.getRequestId(), decision),
                    "one decision per request: " + decision.getRequestId());
                checkDecision(requests.get(decision.getRequestId()), decision);
                assertEquals(0L, decision.getModelVersion(), "no feedback has been learned yet");
                assertEquals("uniform", decision.getLearner(), "no model was published yet");
            }
            assertEquals(requests.keySet(), decided.keySet());

            // 2. rewards for most requests (every fifth stays unrewarded), then bad records
            Map<String, Double> rewarded = new HashMap<>();
            Set<String> unrewarded = new HashSet<>();
            for (DecisionRequest request : requests.values()) {
                int i = index(request.getRequestId());
                if (i % 5 == 4) {
                    unrewarded.add(request.getRequestId());
                    continue;
                }
                double value = (i % 3) / 2.0;
                rewarded.put(request.getRequestId(), value);
                long time = base + PER_MODEL + i;
                send(topics.rewards(), request.getRequestId(),
                    REWARDS.encode(new Reward(request.getRequestId(), request.getModelId(), value, time)), time);
            }
            String twiceRewarded = "lin-0";
            long badTime = base + 2L * PER_MODEL;
            Map<String, RecordMetadata> badRecords = new LinkedHashMap<>();
            badRecords.put("UNREADABLE", send(topics.rewards(), "lin", "not avro".getBytes(StandardCharsets.UTF_8), badTime));
            badRecords.put("UNKNOWN_REQUEST", send(topics.rewards(), "never-decided",
                REWARDS.encode(new Reward("never-decided", "sq", 1.0, badTime)), badTime));
            badRecords.put("DUPLICATE_REWARD", send(topics.rewards(), twiceRewarded,
                REWARDS.encode(new Reward(twiceRewarded, "lin", 1.0, badTime)), badTime));
            badRecords.put("UNKNOWN_MODEL", send(topics.requests(), "nobody-0",
                REQUESTS.encode(request("nobody-0", "nobody", badTime, 0)), badTime));
            producer.flush();

            // 3. every rewarded request appears once, observed, with its reward
            Map<String, Integer> feedbackPerModel = new HashMap<>();
            Map<String, Feedback> observed = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : feedback.take(rewarded.size(), WAIT)) {
                Feedback f = FEEDBACK.decode(record.value());
                String id = f.getRequest().getRequestId();
                assertTrue(f.getObserved(), "observed reward expected for " + id);
                assertNull(observed.put(id, f), "one feedback record per request: " + id);
                assertEquals(rewarded.get(id), f.getReward(), "reward of " + id);
                assertEquals(decided.get(id), f.getDecision());
                assertEquals(requests.get(id), f.getRequest());
                feedbackPerModel.merge(f.getDecision().getModelId(), 1, Integer::sum);
            }
            assertEquals(rewarded.keySet(), observed.keySet());

            // 4. later requests move stream time past every open window: the rest get the default reward
            long tick = base + WINDOW_MS + 1_000;
            Map<String, Long> tickVersions = new HashMap<>();
            for (String model : MODELS.keySet()) {
                send(topics.requests(), model + "-tick", REQUESTS.encode(request(model + "-tick", model, tick, 0)), tick);
            }
            producer.flush();
            for (ConsumerRecord<byte[], byte[]> record : decisions.take(MODELS.size(), WAIT)) {
                Decision later = DECISIONS.decode(record.value());
                assertTrue(later.getModelVersion() >= 0 && later.getModelVersion() <= PER_MODEL,
                    "a decision carries the version of a published model: " + later.getModelVersion());
                tickVersions.put(later.getModelId(), later.getModelVersion());
            }
            for (ConsumerRecord<byte[], byte[]> record : feedback.take(unrewarded.size(), WAIT)) {
                Feedback f = FEEDBACK.decode(record.value());
                String id = f.getRequest().getRequestId();
                assertTrue(unrewarded.remove(id), "default reward for an unrewarded request, got " + id);
                assertFalse(f.getObserved());
                assertEquals(MODELS.get(f.getDecision().getModelId()), f.getReward());
                assertEquals(requests.get(id).getTimestamp() + WINDOW_MS, f.getRewardTimestamp());
                feedbackPerModel.merge(f.getDecision().getModelId(), 1, Integer::sum);
            }
            assertTrue(unrewarded.isEmpty(), "no default reward for " + unrewarded);

            // 5. the bad records are in dead-letters with their reason and origin
            Map<String, DeadLetter> letters = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : deadLetters.take(badRecords.size(), WAIT)) {
                DeadLetter letter = DEAD_LETTERS.decode(record.value());
                assertNull(letters.put(letter.getReason(), letter), "one dead letter per reason");
            }
            for (Map.Entry<String, RecordMetadata> bad : badRecords.entrySet()) {
                DeadLetter letter = letters.get(bad.getKey());
                assertNotNull(letter, "dead letter " + bad.getKey() + " among " + letters.keySet());
                assertEquals(bad.getValue().topic(), letter.getSourceTopic());
                assertEquals(bad.getValue().partition(), letter.getPartition());
                assertEquals(bad.getValue().offset(), letter.getOffset());
            }
            assertTrue(letters.get("DUPLICATE_REWARD").getDetail().contains(twiceRewarded));

            // 6. the models learned once per feedback record, are published, and decide with the learned version
            for (String model : MODELS.keySet()) {
                assertEquals(PER_MODEL, feedbackPerModel.get(model));
                awaitPublished(app, model, PER_MODEL);
            }
            Map<String, LinearBanditState> models = readModels(app);
            for (String model : MODELS.keySet()) {
                LinearBanditState state = models.get(model);
                assertNotNull(state, "model " + model + " in the store");
                assertEquals((long) PER_MODEL, state.getVersion(), "updates of " + model);
                send(topics.requests(), model + "-last", REQUESTS.encode(request(model + "-last", model, tick + 1, 1)), tick + 1);
            }
            producer.flush();
            for (ConsumerRecord<byte[], byte[]> record : decisions.take(MODELS.size(), WAIT)) {
                Decision last = DECISIONS.decode(record.value());
                assertEquals((long) PER_MODEL, last.getModelVersion());
                assertTrue(last.getModelVersion() >= tickVersions.get(last.getModelId()),
                    "model versions in decisions never go back");
                checkDecision(request(last.getRequestId(), last.getModelId(), tick + 1, 1), last);
            }
        }
    }

    AppFixture appFixture(KafkaBroker broker) {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
        AppFixture fixture = AppFixture.on(broker, prefix, stateDir).applicationId(prefix + "-app").banditTopics(2)
            .banditModel("lin", "linucb", 16).banditModel("sq", "squarecb", 16);
        for (Map.Entry<String, Double> model : MODELS.entrySet()) {
            fixture.modelSetting(model.getKey(), "attribution.window.ms", WINDOW_MS)
                .modelSetting(model.getKey(), "default.reward", model.getValue())
                // a reward for a request never decided waits this long (stream time) before its dead letter
                .modelSetting(model.getKey(), "reward.wait.ms", 1000);
        }
        return fixture;
    }

    RecordMetadata send(String topic, String key, byte[] value, long timestamp) throws Exception {
        return producer.sendAndWait(topic, key.getBytes(StandardCharsets.UTF_8), value, timestamp);
    }

    /** Waits until the app decides with a published version of {@code model} that has {@code version} updates. */
    static void awaitPublished(RegretlessApp app, String model, long version) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (app.published().get(model) == null || app.published().get(model).version() < version) {
            if (System.nanoTime() > deadline) {
                fail("no progress for " + WAIT.toSeconds() + " s: model " + model + " published at version "
                    + (app.published().get(model) == null ? "none" : app.published().get(model).version())
                    + ", expected " + version);
            }
            Thread.sleep(50);
        }
    }

    /** A request whose context depends on {@code i}, so the models see different features. */
    static DecisionRequest request(String id, String model, long timestamp, int i) {
        List<Action> actions = new ArrayList<>();
        for (int a = 0; a < ACTIONS.size(); a++) {
            actions.add(new Action(ACTIONS.get(a), Map.of("price", 1.0 + a)));
        }
        Map<String, Double> context = Map.of("age", (double) (i % 7), "device=mobile", (double) (i % 2), "bias", 1.0);
        return new DecisionRequest(id, model, timestamp, context, actions);
    }

    static void checkDecision(DecisionRequest request, Decision decision) {
        assertNotNull(request, "a decision for a request never sent: " + decision.getRequestId());
        assertEquals(request.getRequestId(), decision.getRequestId());
        assertEquals(request.getModelId(), decision.getModelId());
        assertEquals(request.getTimestamp(), decision.getTimestamp());
        String learner = decision.getModelId().equals("lin") ? "linucb-disjoint" : "squarecb-disjoint";
        assertTrue(decision.getLearner().equals(learner) || decision.getLearner().equals("uniform"), decision.getLearner());
        List<ActionProbability> probabilities = decision.getProbabilities();
        assertEquals(request.getActions().size(), probabilities.size());
        double sum = 0;
        Double chosen = null;
        for (int a = 0; a < probabilities.size(); a++) {
            ActionProbability p = probabilities.get(a);
            assertEquals(request.getActions().get(a).getId(), p.getActionId(), "probabilities in request order");
            assertTrue(p.getProbability() >= 0 && p.getProbability() <= 1, "probability " + p);
            sum += p.getProbability();
            if (p.getActionId().equals(decision.getChosenActionId())) {
                chosen = p.getProbability();
            }
        }
        assertEquals(1.0, sum, 1e-9, "probabilities of " + decision.getRequestId() + " sum to 1");
        assertNotNull(chosen, "the chosen action is a candidate");
        assertEquals(chosen, decision.getPropensity(), "propensity is the chosen action's probability");
        assertTrue(decision.getPropensity() > 0);
    }

    /** Reads every model through interactive queries, retrying while the store is not queryable. */
    static Map<String, LinearBanditState> readModels(RegretlessApp app) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, byte[]> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                    BanditTopology.modelStoreName(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
                Map<String, LinearBanditState> models = new HashMap<>();
                for (String model : MODELS.keySet()) {
                    byte[] bytes = store.get(model);
                    if (bytes != null) {
                        models.put(model, STATES.decode(bytes));
                    }
                }
                return models;
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    fail("the models store is not queryable within " + WAIT + ": " + e);
                }
                Thread.sleep(100);
            }
        }
    }

    static int index(String requestId) {
        return Integer.parseInt(requestId.substring(requestId.lastIndexOf('-') + 1));
    }

    static Map<String, Double> orderedMap(String k1, double v1, String k2, double v2) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
