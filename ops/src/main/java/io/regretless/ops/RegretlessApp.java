package io.regretless.ops;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import io.regretless.topology.StreamsDefaults;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;

/**
 * One running instance of the application: the bandit topology on Kafka Streams, configured from
 * one set of properties (Kafka Streams and client settings pass through untouched; the
 * {@code regretless.*} settings configure the models, see {@link RegretlessConfig}).
 */
public final class RegretlessApp implements AutoCloseable {
    private final RegretlessConfig config;
    private final KafkaStreams streams;

    public RegretlessApp(Properties properties) {
        this.config = RegretlessConfig.fromProperties(properties);
        Properties streamsProps = StreamsDefaults.apply(withoutAppSettings(properties));
        this.streams = new KafkaStreams(RegretlessTopology.build(config), streamsProps);
    }

    public RegretlessConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Starts processing and waits until every task is running, or fails after {@code timeout}. */
    public void start(Duration timeout) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped while starting: " + streams.state());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + ": " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }

    private static Properties withoutAppSettings(Properties properties) {
        Properties streamsProps = new Properties();
        properties.stringPropertyNames().stream()
            .filter(name -> !name.startsWith(RegretlessConfig.PREFIX))
            .forEach(name -> streamsProps.put(name, properties.getProperty(name)));
        if (!streamsProps.containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
            throw new IllegalArgumentException("missing required setting " + StreamsConfig.APPLICATION_ID_CONFIG);
        }
        return streamsProps;
    }
}
