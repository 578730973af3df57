package io.regretless.topology.evaluation;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.regretless.schemas.Topics;
import io.regretless.topology.config.RegretlessConfig;

/**
 * Adds the shadow-policy evaluation to a topology, as a sub-topology of its own that reads the
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

    public static void addTo(Topology topology, RegretlessConfig config) {
        Topics topics = config.topics();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSource(SOURCE, bytesIn, bytesIn, topics.feedback());
        topology.addProcessor(PROCESSOR, () -> new PolicyEvaluationProcessor(config), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(EVALUATIONS_STORE),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(LEARNERS_STORE),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(JOURNAL_STORE),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        topology.addSink(SINK, topics.policyEvaluation(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, PROCESSOR);
    }
}
