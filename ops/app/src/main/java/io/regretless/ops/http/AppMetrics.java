package io.regretless.ops.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One Prometheus registry with Kafka Streams' metrics (the application's own counters included:
 * they live in Kafka Streams' registry, group {@code regretless-metrics}) and the JVM's.
 */
public final class AppMetrics {
    /** How soon a newly registered Kafka Streams metric (a new model's counter) reaches the registry. */
    static final Duration METRICS_REFRESH = Duration.ofSeconds(5);

    private AppMetrics() {
    }

    public static PrometheusMeterRegistry prometheus(KafkaStreams streams) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The app's per-model and per-reason counters appear as traffic arrives; look for new ones often.
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regretless-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        new KafkaStreamsMetrics(streams, List.of(), refresher, METRICS_REFRESH).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }
}
