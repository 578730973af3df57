package io.regretless.topology.bandit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.regretless.bandit.BanditConfig;
import io.regretless.features.CollisionSketch;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessSettings;
import io.regretless.topology.metrics.Counters;

/**
 * Counts, in one task, the feature names of each bandit model that share a coordinate with another,
 * from the names its learning updates were encoded from ({@link CollisionSketch}), and says so:
 * the gauges {@value #NAMES}, {@value #SHARING} and {@value #OVERFLOWING} (tags {@code model},
 * {@code task-id}), and one WARN per model and application in a JVM when names first share a
 * coordinate. Values that share a coordinate add up, and the model cannot tell them apart.
 */
public final class FeatureNameWatch {
    public static final String NAMES = "feature-names";
    public static final String SHARING = "feature-names-sharing";
    public static final String OVERFLOWING = "feature-coordinates-overflowing";
    private static final Logger LOG = LoggerFactory.getLogger(FeatureNameWatch.class);
    /** Application and model ids already warned about, so that every task does not repeat it. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Map<String, ModelConfig> configs;
    private final Counters counters;
    private final String taskId;
    private final String applicationId;
    private final Map<String, CollisionSketch> sketches = new HashMap<>();
    private final Map<String, Long> reported = new HashMap<>();

    FeatureNameWatch(Map<String, ModelConfig> configs, Counters counters, String taskId, String applicationId) {
        this.configs = configs;
        this.counters = counters;
        this.taskId = taskId;
        this.applicationId = applicationId;
    }

    /** The sketch the model's vectors are encoded into here. */
    CollisionSketch sketch(String modelId) {
        return sketches.computeIfAbsent(modelId, id -> new CollisionSketch(configs.get(id).bandit().dimension()));
    }

    /** Publishes the model's counts if they changed since the last call. */
    void report(String modelId) {
        CollisionSketch sketch = sketches.get(modelId);
        if (sketch == null || reported.getOrDefault(modelId, -1L) == sketch.changes()) {
            return;
        }
        reported.put(modelId, sketch.changes());
        BanditConfig config = configs.get(modelId).bandit();
        CollisionSketch.Report report = sketch.report(config.features().fixedCoordinates());
        Map<String, String> tags = Map.of("model", modelId, "task-id", taskId);
        counters.set(NAMES, "Feature names of the model seen by this task (declared ones included)", tags, report.names());
        counters.set(SHARING, "Feature names that share their coordinate with another, so the model adds them up",
            tags, report.sharing());
        counters.set(OVERFLOWING, "Coordinates with more than " + CollisionSketch.SLOTS
            + " distinct names, where the two counts are lower bounds", tags, report.overflowing());
        if (report.sharing() > 0 && WARNED.add(applicationId + "\u0000" + modelId)) {
            LOG.warn("Model '{}': {} in its {} coordinates; their values add up and the model cannot tell them apart. "
                    + "Give the features it should keep apart coordinates of their own ({}, {}) or raise {}. "
                    + "The counts go on in the gauge {} and GET /models/{}.", modelId, report.describe(),
                config.dimension(), RegretlessSettings.FEATURES.key(modelId),
                RegretlessSettings.ACTION_FEATURES.key(modelId), RegretlessSettings.DIMENSION.key(modelId), SHARING,
                modelId);
        }
    }
}
