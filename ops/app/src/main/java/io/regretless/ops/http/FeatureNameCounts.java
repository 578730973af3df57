package io.regretless.ops.http;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import io.regretless.bandit.BanditConfig;
import io.regretless.features.CollisionSketch;
import io.regretless.topology.bandit.FeatureNameWatch;
import io.regretless.topology.metrics.Counters;

/**
 * A bandit model's feature names as this instance counted them: the gauges its join tasks keep
 * ({@link FeatureNameWatch}), from the task that saw the most names. Before any learning update
 * the count is the declared names alone.
 */
public final class FeatureNameCounts {
    private FeatureNameCounts() {
    }

    public static CollisionSketch.Report of(Map<MetricName, ? extends Metric> metrics, String modelId, BanditConfig config) {
        Map<String, double[]> byTask = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            int slot = switch (name.name()) {
                case FeatureNameWatch.NAMES -> 0;
                case FeatureNameWatch.SHARING -> 1;
                case FeatureNameWatch.OVERFLOWING -> 2;
                default -> -1;
            };
            if (slot < 0 || !Counters.GROUP.equals(name.group()) || !modelId.equals(name.tags().get("model"))
                    || !(metric.getValue().metricValue() instanceof Double value)) {
                continue;
            }
            byTask.computeIfAbsent(name.tags().get("task-id"), t -> new double[3])[slot] = value;
        }
        int declared = config.features().fixedCoordinates();
        double[] most = {declared, 0, 0};
        for (double[] task : byTask.values()) {
            if (task[0] > most[0] || task[0] == most[0] && task[1] > most[1]) {
                most = task;
            }
        }
        return new CollisionSketch.Report(declared, (int) most[0] - declared, (int) most[1], (int) most[2]);
    }
}
