package io.regretless.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.features.CollisionSketch;
import io.regretless.features.DeclaredFeatures;
import io.regretless.topology.bandit.FeatureNameWatch;
import io.regretless.topology.metrics.Counters;

/** The model view says how many of a bandit model's feature names share a coordinate, from the join tasks' gauges. */
class FeatureNameCountsTest {
    private static final BanditConfig HASHED = new BanditConfig(LearnerKind.LINUCB, false, 64, 1.0, 1.0, 1L, 10);

    private final Map<MetricName, Metric> metrics = new HashMap<>();

    private void gauge(String name, String model, String task, double value) {
        MetricName metricName = new MetricName(name, Counters.GROUP, "", Map.of("model", model, "task-id", task,
            "thread-id", "t"));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    private void task(String model, String task, double names, double sharing, double overflowing) {
        gauge(FeatureNameWatch.NAMES, model, task, names);
        gauge(FeatureNameWatch.SHARING, model, task, sharing);
        gauge(FeatureNameWatch.OVERFLOWING, model, task, overflowing);
    }

    @Test
    void theTaskThatSawTheMostNamesSpeaksForTheInstance() {
        task("m", "0_0", 40, 20, 0);
        task("m", "0_1", 62, 42, 0);
        task("other", "0_1", 100, 100, 3);
        assertEquals(new CollisionSketch.Report(0, 62, 42, 0), FeatureNameCounts.of(metrics, "m", HASHED));
        assertEquals("at least 100 of at least 100 feature names share a coordinate with another",
            FeatureNameCounts.of(metrics, "other", HASHED).describe());
    }

    @Test
    void beforeAnyUpdateOnlyTheDeclaredNamesAreKnown() {
        BanditConfig declared = new BanditConfig(LearnerKind.LINUCB, false, 66, 1.0, 1.0, 1L, 10,
            DeclaredFeatures.of(DeclaredFeatures.parseList("p{0..63}"), List.of()));
        assertEquals(new CollisionSketch.Report(65, 0, 0, 0), FeatureNameCounts.of(metrics, "m", declared));
        assertEquals(new CollisionSketch.Report(0, 0, 0, 0), FeatureNameCounts.of(metrics, "m", HASHED));
    }

    @Test
    void theModelViewCarriesTheCounts() throws Exception {
        task("m", "0_0", 62, 42, 0);
        byte[] state = LinearBanditCodec.encode(LinearBandits.create(HASHED), "m");
        JsonNode view = new ObjectMapper().readTree(StateViews.bandit(state, HASHED, FeatureNameCounts.of(metrics, "m", HASHED)));
        JsonNode features = view.get("features");
        assertEquals(64, features.get("dimension").asInt());
        assertEquals(0, features.get("declared").asInt());
        assertEquals(62, features.get("names").asInt());
        assertEquals(42, features.get("sharing").asInt());
        assertTrue(features.get("exact").asBoolean());
        assertEquals("42 of 62 feature names share a coordinate with another", features.get("summary").asText());
        assertEquals("linucb-disjoint", view.get("learner").asText());
    }
}
