package io.regretless.topology.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.metrics.stats.WindowedSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The application's counters, registered in Kafka Streams' own metrics registry (group
 * {@value #GROUP}), so they appear wherever Streams metrics do: JMX, {@code KafkaStreams#metrics()},
 * Micrometer's Kafka Streams binder. Each counter has a {@code -total} sum and a per-second rate;
 * gauges ({@link #set}) hold their last value.
 */
public final class Counters {
    public static final String GROUP = "regretless-metrics";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public Counters(StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    /** Adds one to the counter {@code name} with the given tags (plus the stream thread's id). */
    public void increment(String name, String description, Map<String, String> tags) {
        String key = name + tags;
        Sensor sensor = sensors.get(key);
        if (sensor == null) {
            sensor = register(name, description, tags);
            sensors.put(key, sensor);
        }
        sensor.record(1.0);
    }

    /**
     * Sets the gauge {@code name} with the given tags (plus the stream thread's id) to {@code value}:
     * a figure that moves both ways, such as a model's regret on a group. It keeps its last value.
     */
    public void set(String name, String description, Map<String, String> tags, double value) {
        String key = "gauge:" + name + tags;
        Sensor sensor = sensors.get(key);
        if (sensor == null) {
            Map<String, String> allTags = new LinkedHashMap<>(tags);
            allTags.put("thread-id", Thread.currentThread().getName());
            sensor = metrics.addSensor(GROUP + ".gauge." + name + allTags, Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName(name, GROUP, description, allTags), new Value());
            sensors.put(key, sensor);
        }
        sensor.record(value);
    }

    private Sensor register(String name, String description, Map<String, String> tags) {
        Map<String, String> allTags = new LinkedHashMap<>(tags);
        allTags.put("thread-id", Thread.currentThread().getName());
        String base = name.endsWith("-total") ? name.substring(0, name.length() - "-total".length()) : name;
        Sensor sensor = metrics.addSensor(GROUP + "." + base + allTags, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(base + "-total", GROUP, description, allTags), new CumulativeSum());
        sensor.add(new MetricName(base + "-rate", GROUP, description + " per second", allTags),
            new Rate(new WindowedSum()));
        return sensor;
    }
}
