package io.regretless.topology.conformal;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.PartDriver;

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
        PartDriver part = new PartDriver(app, applicationId, stateDir, new PublishedModels());
        driver = part.driver;
        config = part.config;
        requests = part.input(part.topics.predictionRequests());
        labels = part.input(part.topics.labels());
        intervals = part.output(part.topics.intervals());
        evaluation = part.output(part.topics.evaluation());
        deadLetters = part.output(part.topics.deadLetters());
    }

    ConformalDriver(Properties app, String applicationId) {
        this(app, applicationId, null);
    }

    @Override
    public void close() {
        driver.close();
    }
}
