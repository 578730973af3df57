package io.regretless.topology.bandit;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.Topics;
import io.regretless.topology.window.AttributionWindow;

/**
 * Adds the contextual-bandit loop to a topology:
 *
 * <pre>
 * requests ─┐                         ┌─▶ decisions
 * rewards  ─┼─▶ bandit (models store, pending-decisions window) ─┼─▶ feedback
 * labeled  ─┘                         └─▶ dead-letters
 * </pre>
 *
 * All stores are changelog-backed and cached (RocksDB unless {@code regretless.state.store.type=in-memory}): a model updated many times
 * between two commits reaches RocksDB and its changelog once per commit, not once per update. A
 * restarted or migrated task resumes with exactly the state it had committed.
 */
public final class BanditTopology {
    static final String MODELS_STORE = "models";
    static final String PENDING_DECISIONS = "pending-decisions";
    static final String DECISIONS_SINK = "decisions-sink";
    static final String FEEDBACK_SINK = "feedback-sink";
    static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    static final String SNAPSHOTS_SINK = "bandit-snapshots-sink";
    private static final String PROCESSOR = "bandit";

    private BanditTopology() {
    }

    /** The name of the store holding each model's learner state, for interactive queries. */
    public static String modelStoreName() {
        return MODELS_STORE;
    }

    /** Adds the bandit loop to {@code topology}. */
    public static void addTo(Topology topology, RegretlessConfig config) {
        Topics topics = config.topics();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSource("requests-source", bytesIn, bytesIn, topics.requests());
        topology.addSource("rewards-source", bytesIn, bytesIn, topics.rewards());
        topology.addSource("labeled-source", bytesIn, bytesIn, topics.labeled());
        topology.addProcessor(PROCESSOR, () -> new BanditProcessor(config),
            "requests-source", "rewards-source", "labeled-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(
            config.storeType().supplier(MODELS_STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        AttributionWindow.addStores(topology, PENDING_DECISIONS, PROCESSOR, config.storeType());
        topology.addSink(DECISIONS_SINK, topics.decisions(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(FEEDBACK_SINK, topics.feedback(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(SNAPSHOTS_SINK, topics.modelSnapshots(), bytesOut, bytesOut, PROCESSOR);
    }
}
