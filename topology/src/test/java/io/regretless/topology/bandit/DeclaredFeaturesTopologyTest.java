package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.bandit.CandidateEncoder;
import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.features.FeatureHasher;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.metrics.Counters;

/**
 * Declared features through the whole loop: a model publishes them with its settings, a local
 * decider with the published model encodes every request into exactly the vectors the application
 * learned from and decides as the stream does, and each model's feature names that share a
 * coordinate are counted in gauges.
 */
class DeclaredFeaturesTopologyTest {
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);

    BanditDriver d;
    final Map<String, DecisionRequest> sent = new HashMap<>();
    final SplittableRandom random = new SplittableRandom(17);

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "declared,hashed");
        props.put("regretless.model.declared.learner", "linucb");
        props.put("regretless.model.declared.features", "p{0..7}");
        props.put("regretless.model.declared.action.features", "price");
        props.put("regretless.model.declared.dimension", "12");
        props.put("regretless.model.hashed.learner", "lints");
        props.put("regretless.model.hashed.dimension", "8");
        d = new BanditDriver(props);
    }

    @AfterEach
    void stop() {
        d.close();
    }

    /** Eight pixels, one name that is not declared, and actions with a declared and an undeclared feature. */
    DecisionRequest request(String id, String model) {
        Map<String, Double> context = new HashMap<>();
        for (int p = 0; p < 8; p++) {
            context.put("p" + p, random.nextDouble());
        }
        context.put("q", random.nextDouble());
        List<Action> actions = List.of(new Action("a", Map.of("price", random.nextDouble(), "colour", 1.0)),
            new Action("b", Map.of("price", random.nextDouble())), new Action("c", Map.of()));
        return new DecisionRequest(id, model, 0L, context, actions);
    }

    Decision decide(DecisionRequest r, long time) {
        sent.put(r.getRequestId(), r);
        d.requests.pipeInput(r.getRequestId().getBytes(StandardCharsets.UTF_8), REQUESTS.encode(r, WireFormat.AVRO), time);
        return DECISIONS.decode(d.decisions.readValue());
    }

    void learn(String model, int rounds, long time) {
        for (int i = 0; i < rounds; i++) {
            Decision decision = decide(request(model + "-" + time + "-" + i, model), time + i);
            d.rewards.pipeInput(decision.getRequestId().getBytes(StandardCharsets.UTF_8), REWARDS.encode(new Reward(
                decision.getRequestId(), model, decision.getChosenActionId().equals("a") ? 1.0 : 0.0, time + i),
                WireFormat.AVRO), time + i);
        }
    }

    @Test
    void aLocalDeciderWithThePublishedSettingsEncodesAndDecidesAsTheApplication() {
        learn("declared", 40, 1_000);
        d.publish();
        PublishedBandit published = d.published.get("declared");
        assertEquals(d.config.models().get("declared").bandit(), published.config(), "the settings, features included");

        List<LearningUpdate> updates = new ArrayList<>();
        d.updates.readValuesToList().forEach(v -> updates.add(UPDATES.decode(v)));
        assertEquals(40, updates.size());
        for (LearningUpdate update : updates) {
            DecisionRequest r = sent.get(update.getRequestId());
            Action chosen = LearningUpdates.chosenAction(r.getActions(), update.getActionId());
            double[] local = CandidateEncoder.encode(r.getContext(), List.of(chosen), published.config()).features()[0];
            double[] learned = LearningUpdates.features(update, 12);
            assertArrayEquals(local, learned, "request " + r.getRequestId());
            for (int p = 0; p < 8; p++) {
                assertEquals(r.getContext().get("p" + p), learned[1 + p], "pixel " + p + " alone in its coordinate");
            }
        }

        RequestDecider local = new RequestDecider();
        for (int i = 0; i < 20; i++) {
            DecisionRequest r = request("q" + i, "declared");
            Decision stream = decide(r, 2_000L + i);
            assertEquals(local.decide(r, published), stream);
            assertEquals(40L, stream.getModelVersion());
        }
    }

    @Test
    void featureNamesThatShareACoordinateAreCountedPerModel() {
        learn("declared", 5, 1_000);
        learn("hashed", 5, 2_000);
        // declared: the bias, 8 pixels and price have their own coordinates; q, colour hash into the 2 left
        assertEquals(12.0, gauge(FeatureNameWatch.NAMES, "declared"));
        double sharing = gauge(FeatureNameWatch.SHARING, "declared");
        assertEquals(FeatureHasher.index("c^q", 2) == FeatureHasher.index("a^colour", 2) ? 2.0 : 0.0, sharing);

        List<String> names = new ArrayList<>(List.of("bias", "c^q", "a^price", "a^colour"));
        for (int p = 0; p < 8; p++) {
            names.add("c^p" + p);
        }
        Map<Integer, Integer> perCoordinate = new HashMap<>();
        names.forEach(n -> perCoordinate.merge(FeatureHasher.index(n, 8), 1, Integer::sum));
        int expected = perCoordinate.values().stream().filter(c -> c > 1).mapToInt(Integer::intValue).sum();
        assertEquals(12.0, gauge(FeatureNameWatch.NAMES, "hashed"));
        assertEquals(expected, gauge(FeatureNameWatch.SHARING, "hashed"));
        assertTrue(expected >= 12 - 8 + 1, "12 names in 8 coordinates must share");
        assertEquals(0.0, gauge(FeatureNameWatch.OVERFLOWING, "hashed"));
    }

    private double gauge(String name, String model) {
        for (Map.Entry<MetricName, ? extends Metric> m : d.driver.metrics().entrySet()) {
            MetricName metric = m.getKey();
            if (metric.name().equals(name) && metric.group().equals(Counters.GROUP)
                    && model.equals(metric.tags().get("model"))) {
                return (Double) m.getValue().metricValue();
            }
        }
        throw new AssertionError("no gauge " + name + " for " + model);
    }
}
