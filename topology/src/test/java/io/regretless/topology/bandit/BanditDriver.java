package io.regretless.topology.bandit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;

/**
 * The application's topology on {@link TopologyTestDriver}, seen from the bandit loop and its
 * shadow evaluation, with what the application adds around it: the published models it decides
 * with, fed from the model topic by {@link #publish()} as the application's model follower would.
 * The feedback topic can also be written directly ({@link #feedbackIn}), as the evaluation reads
 * it. In-memory stores unless the properties say otherwise.
 */
public final class BanditDriver implements AutoCloseable {
    private static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);

    public final TopologyTestDriver driver;
    public final RegretlessConfig config;
    public final Topics topics;
    public final PublishedModels published = new PublishedModels();
    public final TestInputTopic<byte[], byte[]> requests;
    public final TestInputTopic<byte[], byte[]> rewards;
    public final TestInputTopic<byte[], byte[]> labeled;
    public final TestInputTopic<byte[], byte[]> decisionLog;
    public final TestInputTopic<byte[], byte[]> feedbackIn;
    public final TestOutputTopic<byte[], byte[]> decisions;
    public final TestOutputTopic<byte[], byte[]> feedback;
    public final TestOutputTopic<byte[], byte[]> updates;
    public final TestOutputTopic<byte[], byte[]> evaluations;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestOutputTopic<byte[], byte[]> snapshots;

    public BanditDriver(Properties app, Path stateDir) {
        Properties props = new Properties();
        props.put("regretless.state.store.type", "in-memory");
        props.putAll(app);
        config = RegretlessConfig.fromProperties(props);
        topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "bandit-test");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, (stateDir != null ? stateDir : tempDir()).toString());
        driver = new TopologyTestDriver(RegretlessTopology.build(config, published, 1), streams, Instant.EPOCH);
        ByteArraySerializer out = new ByteArraySerializer();
        ByteArrayDeserializer in = new ByteArrayDeserializer();
        requests = driver.createInputTopic(topics.requests(), out, out);
        rewards = driver.createInputTopic(topics.rewards(), out, out);
        labeled = driver.createInputTopic(topics.labeled(), out, out);
        decisionLog = driver.createInputTopic(topics.decisionLog(), out, out);
        feedbackIn = driver.createInputTopic(topics.feedback(), out, out);
        decisions = driver.createOutputTopic(topics.decisions(), in, in);
        feedback = driver.createOutputTopic(topics.feedback(), in, in);
        updates = driver.createOutputTopic(topics.learningUpdates(), in, in);
        evaluations = driver.createOutputTopic(topics.policyEvaluation(), in, in);
        deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
        snapshots = driver.createOutputTopic(topics.modelSnapshots(), in, in);
    }

    public BanditDriver(Properties app) {
        this(app, null);
    }

    /**
     * Lets the wall clock pass one publication interval, and hands what was published to the
     * decide path; returns how many models were published.
     */
    public int publish() {
        driver.advanceWallClockTime(config.publishInterval());
        int count = 0;
        for (byte[] value : snapshots.readValuesToList()) {
            published.accept(SNAPSHOTS.decode(value));
            count++;
        }
        return count;
    }

    /** The model's last snapshot in the store (written at each publication). */
    public byte[] storedModel(String modelId) {
        return driver.<String, byte[]>getKeyValueStore(BanditTopology.MODELS_STORE).get(modelId);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bandit-driver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
