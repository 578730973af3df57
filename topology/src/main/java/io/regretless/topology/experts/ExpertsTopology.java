package io.regretless.topology.experts;

import org.apache.kafka.common.serialization.Serdes;

import io.regretless.topology.config.RegretlessConfig;
import io.regretless.schemas.Topics;
import io.regretless.topology.task.LearningPart;

/**
 * Sleeping experts, as one part of the topology:
 *
 * <pre>
 * advice        ─┐                                                  ┌─▶ combined
 *                ├─▶ experts (experts store, pending-advice window) ─┼─▶ group-evaluation
 * expert-labels ─┘                                                  ├─▶ dead-letters
 *                                                                   └─▶ model-snapshots
 * </pre>
 *
 * Advice and labels of a model are co-partitioned by model id, so one task owns each model.
 */
public final class ExpertsTopology {
    static final String EXPERTS_STORE = "experts";
    static final String PENDING_ADVICE = "pending-advice";
    static final String COMBINED_SINK = "combined-sink";
    static final String GROUP_EVALUATION_SINK = "group-evaluation-sink";
    static final String DEAD_LETTERS_SINK = "experts-dead-letters-sink";
    static final String SNAPSHOTS_SINK = "experts-snapshots-sink";
    private static final String PROCESSOR = "experts";

    private ExpertsTopology() {
    }

    /** The name of the store holding each model's learner and regret, for interactive queries. */
    public static String expertsStoreName() {
        return EXPERTS_STORE;
    }

    public static LearningPart part(RegretlessConfig config) {
        Topics topics = config.topics();
        return LearningPart.of(PROCESSOR, () -> new ExpertsProcessor(config))
            .source("advice-source", topics.advice())
            .source("expert-labels-source", topics.expertLabels())
            .store(config.storeType().store(EXPERTS_STORE, Serdes.String()))
            .window(PENDING_ADVICE, config.storeType())
            .sink(COMBINED_SINK, topics.combined())
            .sink(GROUP_EVALUATION_SINK, topics.groupEvaluation())
            .sink(DEAD_LETTERS_SINK, topics.deadLetters())
            .sink(SNAPSHOTS_SINK, topics.modelSnapshots());
    }
}
