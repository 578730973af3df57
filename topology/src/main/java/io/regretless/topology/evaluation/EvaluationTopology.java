package io.regretless.topology.evaluation;

import org.apache.kafka.common.serialization.Serdes;

import io.regretless.schemas.Topics;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.task.LearningPart;

/**
 * The shadow-policy evaluation, as a part of the topology (a sub-topology of its own) that reads the
 * bandit loop's feedback:
 *
 * <pre>
 * feedback (key model id) ─▶ policy-evaluation (the task owning the model: score, then learn) ─┬─▶ policy-evaluation
 *                                                                                            └─▶ dead-letters
 * stores: shadow-evaluations (estimates, queryable), shadow-learners (snapshots), shadow-journal (rounds since)
 * </pre>
 *
 * Feedback is keyed by model id, so one task evaluates all of a model's candidates, in the order of
 * the model's feedback. The candidates are on the feedback path only: no decision waits for them.
 * Present only when some model has shadow policies.
 */
public final class EvaluationTopology {
    static final String EVALUATIONS_STORE = "shadow-evaluations";
    static final String LEARNERS_STORE = "shadow-learners";
    static final String JOURNAL_STORE = "shadow-journal";
    static final String SINK = "policy-evaluation-sink";
    static final String DEAD_LETTERS_SINK = "evaluation-dead-letters-sink";
    private static final String SOURCE = "feedback-evaluation-source";
    private static final String PROCESSOR = "policy-evaluation";

    private EvaluationTopology() {
    }

    /** The store holding each model's running estimates (a {@code ShadowEvaluationState}), for interactive queries. */
    public static String evaluationStoreName() {
        return EVALUATIONS_STORE;
    }

    /** Whether any bandit model has shadow policies, i.e. whether the sub-topology is added. */
    public static boolean applies(RegretlessConfig config) {
        return config.models().values().stream().anyMatch(m -> m.shadows().enabled());
    }

    public static LearningPart part(RegretlessConfig config) {
        Topics topics = config.topics();
        return LearningPart.of(PROCESSOR, () -> new PolicyEvaluationProcessor(config))
            .source(SOURCE, topics.feedback())
            .store(config.storeType().store(EVALUATIONS_STORE, Serdes.String()))
            .store(config.storeType().store(LEARNERS_STORE, Serdes.Bytes()))
            .store(config.storeType().store(JOURNAL_STORE, Serdes.Bytes()))
            .sink(SINK, topics.policyEvaluation())
            .sink(DEAD_LETTERS_SINK, topics.deadLetters());
    }
}
