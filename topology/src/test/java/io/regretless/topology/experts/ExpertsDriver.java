package io.regretless.topology.experts;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.PartDriver;

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
        PartDriver part = new PartDriver(app, applicationId, stateDir, new PublishedModels());
        driver = part.driver;
        config = part.config;
        advice = part.input(part.topics.advice());
        labels = part.input(part.topics.expertLabels());
        combined = part.output(part.topics.combined());
        evaluation = part.output(part.topics.groupEvaluation());
        deadLetters = part.output(part.topics.deadLetters());
        snapshots = part.output(part.topics.modelSnapshots());
    }

    @Override
    public void close() {
        driver.close();
    }
}
