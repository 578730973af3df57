package io.regretless.topology.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;

/**
 * The whole application topology on {@link TopologyTestDriver}, seen from the shadow evaluation:
 * the bandit loop's inputs, its feedback topic (which the evaluation reads; records written to it
 * are read back, and it can be written directly), the policy-evaluation topic, dead letters and
 * the evaluation's store. In-memory stores.
 */
final class EvaluationDriver implements AutoCloseable {
    private static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);

    final TopologyTestDriver driver;
    final RegretlessConfig config;
    final Topics topics;
    final PublishedModels published = new PublishedModels();
    final TestInputTopic<byte[], byte[]> requests;
    final TestInputTopic<byte[], byte[]> rewards;
    final TestInputTopic<byte[], byte[]> feedbackIn;
    final TestOutputTopic<byte[], byte[]> decisions;
    final TestOutputTopic<byte[], byte[]> feedback;
    final TestOutputTopic<byte[], byte[]> evaluations;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    final TestOutputTopic<byte[], byte[]> snapshots;

    EvaluationDriver(Properties app) {
        Properties props = new Properties();
        props.put("regretless.state.store.type", "in-memory");
        props.putAll(app);
        config = RegretlessConfig.fromProperties(props);
        topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "evaluation-test");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            streams.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("evaluation-driver").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RegretlessTopology.build(config, published, 1), streams, Instant.EPOCH);
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        requests = driver.createInputTopic(topics.requests(), out, out);
        rewards = driver.createInputTopic(topics.rewards(), out, out);
        feedbackIn = driver.createInputTopic(topics.feedback(), out, out);
        decisions = driver.createOutputTopic(topics.decisions(), in, in);
        feedback = driver.createOutputTopic(topics.feedback(), in, in);
        evaluations = driver.createOutputTopic(topics.policyEvaluation(), in, in);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
        snapshots = driver.createOutputTopic(topics.modelSnapshots(), in, in);
    }

    /** Lets one publication interval pass and hands what was published to the decide path. */
    void publish() {
        driver.advanceWallClockTime(config.publishInterval());
        for (byte[] value : snapshots.readValuesToList()) {
            published.accept(SNAPSHOTS.decode(value));
        }
    }

    /** The model's stored evaluation state, or null. */
    byte[] stored(String modelId) {
        return driver.<String, byte[]>getKeyValueStore(EvaluationTopology.EVALUATIONS_STORE).get(modelId);
    }

    @Override
    public void close() {
        driver.close();
    }
}
