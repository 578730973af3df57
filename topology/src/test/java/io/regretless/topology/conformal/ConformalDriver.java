package io.regretless.topology.conformal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.Topics;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;

/**
 * The application's topology on {@link TopologyTestDriver}, seen from conformal prediction: the
 * prediction-request and label inputs, the interval, evaluation and dead-letter outputs. In-memory
 * stores unless the properties say otherwise.
 */
final class ConformalDriver implements AutoCloseable {
    final TopologyTestDriver driver;
    final RegretlessConfig config;
    final TestInputTopic<byte[], byte[]> requests;
    final TestInputTopic<byte[], byte[]> labels;
    final TestOutputTopic<byte[], byte[]> intervals;
    final TestOutputTopic<byte[], byte[]> evaluation;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    /** @param stateDir where the stores live, or null for Kafka Streams' default */
    ConformalDriver(Properties app, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put("regretless.state.store.type", "in-memory");
        props.putAll(app);
        config = RegretlessConfig.fromProperties(props);
        Topics topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        if (stateDir != null) {
            streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        driver = new TopologyTestDriver(RegretlessTopology.build(config, new PublishedModels(), 1), streams, Instant.EPOCH);
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        requests = driver.createInputTopic(topics.predictionRequests(), out, out);
        labels = driver.createInputTopic(topics.labels(), out, out);
        intervals = driver.createOutputTopic(topics.intervals(), in, in);
        evaluation = driver.createOutputTopic(topics.evaluation(), in, in);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
    }

    ConformalDriver(Properties app, String applicationId) {
        this(app, applicationId, null);
    }

    @Override
    public void close() {
        driver.close();
    }
}
