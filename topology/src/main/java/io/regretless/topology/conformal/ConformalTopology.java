package io.regretless.topology.conformal;

import org.apache.kafka.common.serialization.Serdes;

import io.regretless.topology.config.RegretlessConfig;
import io.regretless.schemas.Topics;
import io.regretless.topology.task.LearningPart;

/**
 * Online conformal prediction, as one part of the topology:
 *
 * <pre>
 * prediction-requests ─┐                                                       ┌─▶ intervals
 *                      ├─▶ conformal (calibrators store, pending-predictions window) ─┼─▶ evaluation
 * labels              ─┘                                                       └─▶ dead-letters
 * </pre>
 */
public final class ConformalTopology {
    static final String CALIBRATORS_STORE = "calibrators";
    static final String PENDING_PREDICTIONS = "pending-predictions";
    static final String INTERVALS_SINK = "intervals-sink";
    static final String EVALUATION_SINK = "evaluation-sink";
    static final String DEAD_LETTERS_SINK = "conformal-dead-letters-sink";
    static final String SNAPSHOTS_SINK = "conformal-snapshots-sink";
    private static final String PROCESSOR = "conformal";

    private ConformalTopology() {
    }

    /** The name of the store holding each series' calibrator, for interactive queries. */
    public static String calibratorStoreName() {
        return CALIBRATORS_STORE;
    }

    public static LearningPart part(RegretlessConfig config) {
        Topics topics = config.topics();
        return LearningPart.of(PROCESSOR, () -> new ConformalProcessor(config))
            .source("prediction-requests-source", topics.predictionRequests())
            .source("labels-source", topics.labels())
            .store(config.storeType().store(CALIBRATORS_STORE, Serdes.String()))
            .window(PENDING_PREDICTIONS, config.storeType())
            .sink(INTERVALS_SINK, topics.intervals())
            .sink(EVALUATION_SINK, topics.evaluation())
            .sink(DEAD_LETTERS_SINK, topics.deadLetters())
            .sink(SNAPSHOTS_SINK, topics.modelSnapshots());
    }
}
