package io.regretless.topology.experts;

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
 * The application's topology on {@link TopologyTestDriver}, seen from sleeping experts: the advice
 * and expert-label inputs, the combined, group-evaluation, dead-letter and snapshot outputs.
 * In-memory stores unless the properties say otherwise.
 */
final class ExpertsDriver implements AutoCloseable {
    final TopologyTestDriver driver;
    final RegretlessConfig config;
    final TestInputTopic<byte[], byte[]> advice;
    final TestInputTopic<byte[], byte[]> labels;
    final TestOutputTopic<byte[], byte[]> combined;
    final TestOutputTopic<byte[], byte[]> evaluation;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<byte[], byte[]> snapshots;

    ExpertsDriver(Properties app, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put("regretless.state.store.type", "in-memory");
        props.putAll(app);
        config = RegretlessConfig.fromProperties(props);
        Topics topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(RegretlessTopology.build(config, new PublishedModels(), 1), streams, Instant.EPOCH);
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        advice = driver.createInputTopic(topics.advice(), out, out);
        labels = driver.createInputTopic(topics.expertLabels(), out, out);
        combined = driver.createOutputTopic(topics.combined(), in, in);
        evaluation = driver.createOutputTopic(topics.groupEvaluation(), in, in);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
        snapshots = driver.createOutputTopic(topics.modelSnapshots(), in, in);
    }

    @Override
    public void close() {
        driver.close();
    }
}
