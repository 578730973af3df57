package io.regretless.topology.bandit;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.Topics;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.window.AttributionWindow;

/**
 * Adds the contextual-bandit loop to a topology, as two sub-topologies:
 *
 * <pre>
 * requests     ─┐                                                          ┌─▶ decisions (key request id)
 * decision-log ─┼─▶ bandit-join (every partition; pending-decisions window) ┼─▶ feedback
 * rewards      ─┤    decide with the published model, join by request id    ├─▶ learning-updates (key model id)
 * labeled      ─┘                                                          └─▶ dead-letters
 *
 * learning-updates ─▶ bandit-models (the task owning the model; journal + snapshots) ─▶ model-snapshots (compacted)
 * </pre>
 *
 * The join runs where the request id belongs, so one hot model's requests use every partition
 * and instance; only the compact updates reach the task that owns the model. Decisions are made
 * with the newest model published to the model topic ({@code publishedModels}, which the
 * application keeps current), exactly as a local decider makes them. All stores are
 * changelog-backed and cached.
 */
public final class BanditTopology {
    static final String MODELS_STORE = "bandit-models";
    static final String JOURNAL_STORE = "bandit-journal";
    static final String PENDING_DECISIONS = "pending-decisions";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String DECISION_LOG_SINK = "decision-log-sink";
    static final String REWARDS_SINK = "rewards-sink";
    static final String FEEDBACK_SINK = "feedback-sink";
    static final String UPDATES_SINK = "learning-updates-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String MODEL_DEAD_LETTERS_SINK = "model-dead-letters-sink";
    static final String SNAPSHOTS_SINK = "bandit-snapshots-sink";
    private static final String JOIN = "bandit-join";
    private static final String MODELS = "bandit-models";

    private BanditTopology() {
    }

    /** The store holding each model's last snapshot, for interactive queries (at most a publish interval old). */
    public static String modelStoreName() {
        return MODELS_STORE;
    }

    /**
     * Adds the bandit loop to {@code topology}.
     *
     * @param published  the newest published models, which the decide path decides with
     * @param partitions the partition count of the loop's input topics
     */
    public static void addTo(Topology topology, RegretlessConfig config, PublishedModels published, int partitions) {
        Topics topics = config.topics();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSource("requests-source", bytesIn, bytesIn, topics.requests());
        topology.addSource("rewards-source", bytesIn, bytesIn, topics.rewards());
        topology.addSource("decision-log-source", bytesIn, bytesIn, topics.decisionLog());
        topology.addSource("labeled-source", bytesIn, bytesIn, topics.labeled());
        topology.addProcessor(JOIN, () -> new DecisionJoinProcessor(config, published, partitions),
            "requests-source", "rewards-source", "decision-log-source", "labeled-source");
        AttributionWindow.addStores(topology, PENDING_DECISIONS, JOIN, config.storeType());
        AttributionWindow.addStores(topology, EarlyRewards.NAME, JOIN, config.storeType());
        topology.addSink(DECISIONS_SINK, topics.decisions(), bytesOut, bytesOut, JOIN);
        topology.addSink(DECISION_LOG_SINK, topics.decisionLog(), bytesOut, bytesOut, JOIN);
        topology.addSink(REWARDS_SINK, topics.rewards(), bytesOut, bytesOut, JOIN);
        topology.addSink(FEEDBACK_SINK, topics.feedback(), bytesOut, bytesOut, JOIN);
        topology.addSink(UPDATES_SINK, topics.learningUpdates(), bytesOut, bytesOut, JOIN);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, JOIN);

        topology.addSource("learning-updates-source", bytesIn, bytesIn, topics.learningUpdates());
        topology.addProcessor(MODELS, () -> new ModelUpdateProcessor(config), "learning-updates-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(MODELS_STORE),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), MODELS);
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(JOURNAL_STORE),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), MODELS);
        topology.addSink(SNAPSHOTS_SINK, topics.modelSnapshots(), bytesOut, bytesOut, MODELS);
        topology.addSink(MODEL_DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, MODELS);
    }
}
