package io.regretless.topology.bandit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.PartDriver;

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
        PartDriver part = new PartDriver(app, "bandit-test", stateDir != null ? stateDir : tempDir(), published);
        driver = part.driver;
        config = part.config;
        topics = part.topics;
        requests = part.input(topics.requests());
        rewards = part.input(topics.rewards());
        labeled = part.input(topics.labeled());
        decisionLog = part.input(topics.decisionLog());
        feedbackIn = part.input(topics.feedback());
        decisions = part.output(topics.decisions());
        feedback = part.output(topics.feedback());
        updates = part.output(topics.learningUpdates());
        evaluations = part.output(topics.policyEvaluation());
        deadLetters = part.output(topics.deadLetters());
        snapshots = part.output(topics.modelSnapshots());
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
