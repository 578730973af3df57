package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModelCodec;
import io.regretless.ops.broker.KafkaBroker;
import io.regretless.ops.broker.RealBroker;
import io.regretless.ops.http.AppMetrics;
import io.regretless.ops.http.OpsServer;
import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertAdvice;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.experts.ExpertsTopology;

/**
 * Sleeping experts end to end on a real broker, under exactly-once: advice becomes combined
 * predictions, labels are joined and learned, per-group evaluation records come out, bad records
 * land in dead-letters, and the models in the store (and behind the HTTP model view) changed.
 * All waits are bounded; nothing asserts on wall-clock time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExpertsIntegrationTest {
    @RegisterExtension
    static final RealBroker KAFKA = new RealBroker();

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int CASES = 30;
    static final List<String> EXPERTS = List.of("e0", "e1", "e2");

    static final AvroCodec<Advice> ADVICE = AvroCodec.of(Advice.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<CombinedPrediction> COMBINED = WireCodec.of(CombinedPrediction.class);
    static final WireCodec<ExpertsEvaluation> EVALUATIONS = WireCodec.of(ExpertsEvaluation.class);
    static final WireCodec<DeadLetter> DEAD_LETTERS = WireCodec.of(DeadLetter.class);

    @TempDir
    Path stateDir;

    Topics topics;
    ReplayProducer producer;

    @Test
    void combinesJoinsLearnsEvaluatesAndDeadLetters() throws Exception {
        KafkaBroker broker = KAFKA.broker();
        AppFixture fixture = appFixture(broker);
        topics = fixture.topics();

        try (RegretlessApp app = new RegretlessApp(fixture.properties());
             ReplayProducer p = ReplayProducer.open(broker.clientProperties());
             CommittedOutputs combined = new CommittedOutputs(broker.clientProperties(), List.of(topics.combined()));
             CommittedOutputs evaluation = new CommittedOutputs(broker.clientProperties(), List.of(topics.groupEvaluation()));
             CommittedOutputs deadLetters = new CommittedOutputs(broker.clientProperties(), List.of(topics.deadLetters()))) {
            producer = p;
            app.start(WAIT);
            long base = System.currentTimeMillis();

            // 1. cases for both models: advice (e0 and e1 speak, e2 never does) and features
            Map<String, Advice> cases = new LinkedHashMap<>();
            for (int i = 0; i < CASES; i++) {
                for (Advice a : List.of(adviceCase(i, base + i), featuresCase(i, base + i))) {
                    cases.put(a.getId(), a);
                    send(topics.advice(), a.getModelId(), ADVICE.encode(a), base + i);
                }
            }
            producer.flush();
            Map<String, CombinedPrediction> first = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : combined.take(cases.size(), WAIT)) {
                CombinedPrediction c = COMBINED.decode(record.value());
                assertEquals(c.getModelId(), new String(record.key(), StandardCharsets.UTF_8));
                assertNull(first.put(c.getId(), c), "one combined prediction per case: " + c.getId());
                Advice a = cases.get(c.getId());
                assertNotNull(a, "a prediction for a case never sent: " + c.getId());
                assertEquals(0L, c.getVersion(), "no label has been learned yet");
                assertEquals(a.getTimestamp(), c.getTimestamp());
                checkWeights(a, c);
            }
            assertEquals(cases.keySet(), first.keySet());

            // 2. labels for every case, then bad records
            int expectedEvaluations = 0;
            for (Advice a : cases.values()) {
                long time = base + CASES + index(a.getId());
                send(topics.expertLabels(), a.getModelId(),
                    LABELS.encode(new Label(a.getId(), a.getModelId(), label(a), time)), time);
                expectedEvaluations += a.getGroups().size() + 1;
            }
            long badTime = base + 2L * CASES;
            Map<String, RecordMetadata> bad = new LinkedHashMap<>();
            bad.put("UNREADABLE", send(topics.advice(), "adv", "not avro".getBytes(StandardCharsets.UTF_8), badTime));
            bad.put("UNKNOWN_GROUP", send(topics.advice(), "adv", ADVICE.encode(new Advice("bad-group", "adv", badTime,
                List.of("martian"), List.of(new ExpertAdvice("e0", 0.5)), List.of())), badTime));
            bad.put("TOO_MANY_FEATURES", send(topics.advice(), "feat", ADVICE.encode(new Advice("long", "feat", badTime,
                List.of(), List.of(), List.of(1.0, 2.0, 3.0))), badTime));
            bad.put("UNKNOWN_REQUEST", send(topics.expertLabels(), "adv",
                LABELS.encode(new Label("never-seen", "adv", 0.5, badTime)), badTime));
            bad.put("DUPLICATE_LABEL", send(topics.expertLabels(), "adv",
                LABELS.encode(new Label("adv-0", "adv", 0.5, badTime)), badTime));
            producer.flush();

            // 3. one evaluation record per group of each labelled case; the last always-on ones count every case
            Map<String, ExpertsEvaluation> lastAlwaysOn = new HashMap<>();
            Map<String, Long> rounds = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : evaluation.take(expectedEvaluations, WAIT)) {
                ExpertsEvaluation e = EVALUATIONS.decode(record.value());
                String key = e.getModelId() + "/" + e.getGroup();
                long previous = rounds.getOrDefault(key, 0L);
                assertEquals(previous + 1, e.getRounds(), "rounds of " + key + " count up by one");
                rounds.put(key, e.getRounds());
                assertEquals(e.getAlgorithmLoss() - e.getHindsightLoss(), e.getRegret(), 1e-12);
                assertTrue(e.getHindsightLoss() >= 0 && e.getAlgorithmLoss() >= 0, e.toString());
                if (e.getGroup().equals(ExpertsModel.ALWAYS_ON)) {
                    lastAlwaysOn.put(e.getModelId(), e);
                }
            }
            for (String model : List.of("adv", "feat")) {
                assertEquals((long) CASES, lastAlwaysOn.get(model).getRounds(), model);
            }
            assertEquals(CASES / 2L, rounds.get("adv/old"));
            assertEquals((long) CASES, rounds.get("adv/young"));

            // 4. the bad records are in dead-letters with their reason and origin
            Map<String, DeadLetter> letters = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : deadLetters.take(bad.size(), WAIT)) {
                DeadLetter letter = DEAD_LETTERS.decode(record.value());
                assertNull(letters.put(letter.getReason(), letter), "one dead letter per reason");
            }
            for (Map.Entry<String, RecordMetadata> b : bad.entrySet()) {
                DeadLetter letter = letters.get(b.getKey());
                assertNotNull(letter, "dead letter " + b.getKey() + " among " + letters.keySet());
                assertEquals(b.getValue().topic(), letter.getSourceTopic());
                assertEquals(b.getValue().partition(), letter.getPartition());
                assertEquals(b.getValue().offset(), letter.getOffset());
            }

            // 5. the models changed: every label learned once, the silent expert untouched, new weights played
            ExpertsModel adv = readModel(app, "adv");
            ExpertsModel feat = readModel(app, "feat");
            assertEquals((long) CASES, adv.version());
            assertEquals((long) CASES, feat.version());
            assertEquals(0.0, adv.hedgeRegret(2), "e2 never spoke");
            assertTrue(adv.hedgeRegret(1) > adv.hedgeRegret(0), "e1 is the better expert");
            assertEquals((long) CASES, feat.observations(2), "the always-on regression learned every case");
            long tick = base + 3L * CASES;
            for (Advice a : List.of(adviceCase(0, tick), featuresCase(0, tick))) {
                Advice again = Advice.newBuilder(a).setId(a.getId() + "-again").build();
                send(topics.advice(), a.getModelId(), ADVICE.encode(again), tick);
            }
            producer.flush();
            for (ConsumerRecord<byte[], byte[]> record : combined.take(2, WAIT)) {
                CombinedPrediction c = COMBINED.decode(record.value());
                assertEquals((long) CASES, c.getVersion());
                CombinedPrediction before = first.get(c.getId().replace("-again", ""));
                assertNotEquals(before.getPrediction(), c.getPrediction(), "the model learned: " + c.getId());
            }
            checkHttpView(app);
        }
    }

    /** The advice model as an operator sees it at {@code /models/adv}. */
    private void checkHttpView(RegretlessApp app) throws Exception {
        PrometheusMeterRegistry registry = AppMetrics.prometheus(app.streams());
        try (OpsServer http = new OpsServer(new InetSocketAddress("127.0.0.1", 0), app.streams(), app.health(), app.config(),
                registry, null)) {
            http.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/models/adv")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            String body = response.body();
            assertTrue(body.contains("\"kind\":\"experts\"") && body.contains("\"mode\":\"advice\"")
                && body.contains("\"version\":" + CASES) && body.contains("\"group\":\"always-on\",\"rounds\":" + CASES)
                && body.contains("{\"expert\":\"e2\",\"hedgeRegret\":0.0}"), body);
        } finally {
            registry.close();
        }
    }

    /** Advice model: e0 is noisy, e1 close to the label; groups young always, old every other case. */
    static Advice adviceCase(int i, long time) {
        List<String> groups = i % 2 == 0 ? List.of("young") : List.of("old", "young");
        double truth = truth(i);
        List<ExpertAdvice> advice = List.of(new ExpertAdvice("e0", truth + (i % 3 - 1) * 0.3),
            new ExpertAdvice("e1", truth + 0.01));
        return new Advice("adv-" + i, "adv", time, groups, advice, List.of());
    }

    static Advice featuresCase(int i, long time) {
        List<String> groups = i % 3 == 0 ? List.of() : List.of(i % 3 == 1 ? "a" : "b");
        return new Advice("feat-" + i, "feat", time, groups, List.of(), List.of(truth(i), 1.0));
    }

    static double truth(int i) {
        return 0.2 + 0.6 * ((i * 7) % 10) / 10.0;
    }

    static double label(Advice a) {
        int i = index(a.getId());
        return a.getModelId().equals("adv") ? truth(i) : 0.9 * truth(i) + 0.05;
    }

    static void checkWeights(Advice a, CombinedPrediction c) {
        List<String> names = c.getWeights().stream().map(ExpertWeight::getExpert).toList();
        if (a.getModelId().equals("adv")) {
            assertEquals(List.of("e0", "e1"), names, "the awake experts, in advice order");
        } else {
            List<String> expected = new ArrayList<>(a.getGroups());
            expected.add(ExpertsModel.ALWAYS_ON);
            assertEquals(expected, names, "the case's groups, then always-on");
        }
        double sum = 0;
        for (ExpertWeight w : c.getWeights()) {
            assertTrue(w.getWeight() >= 0 && w.getWeight() <= 1, w.toString());
            sum += w.getWeight();
        }
        assertEquals(1.0, sum, 1e-9);
    }

    AppFixture appFixture(KafkaBroker broker) {
        String prefix = "ex-" + UUID.randomUUID().toString().substring(0, 8);
        return AppFixture.on(broker, prefix, stateDir).applicationId(prefix + "-app").expertsTopics(2)
            .set("regretless.experts.models", "adv,feat")
            .set("regretless.experts.model.adv.mode", "advice")
            .set("regretless.experts.model.adv.groups", "young,old")
            .set("regretless.experts.model.adv.experts", String.join(",", EXPERTS))
            .set("regretless.experts.model.feat.mode", "features")
            .set("regretless.experts.model.feat.groups", "a,b")
            .set("regretless.experts.model.feat.dimension", 2);
    }

    RecordMetadata send(String topic, String modelId, byte[] value, long timestamp) throws Exception {
        return producer.sendAndWait(topic, modelId.getBytes(StandardCharsets.UTF_8), value, timestamp);
    }

    static int index(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    /** Reads a model through interactive queries, retrying while the store is not queryable. */
    static ExpertsModel readModel(RegretlessApp app, String model) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, byte[]> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                    ExpertsTopology.expertsStoreName(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
                byte[] bytes = store.get(model);
                assertNotNull(bytes, "model " + model + " in the store");
                return ExpertsModelCodec.decode(bytes, app.config().experts().get(model).shape());
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    fail("the experts store is not queryable within " + WAIT + ": " + e);
                }
                Thread.sleep(100);
            }
        }
    }
}
