package io.regretless.topology.experts;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.regretless.topology.config.RegretlessConfig;
import io.regretless.schemas.Topics;
import io.regretless.topology.window.AttributionWindow;

/**
 * Adds sleeping experts to a topology:
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

    public static void addTo(Topology topology, RegretlessConfig config) {
        Topics topics = config.topics();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSource("advice-source", bytesIn, bytesIn, topics.advice());
        topology.addSource("expert-labels-source", bytesIn, bytesIn, topics.expertLabels());
        topology.addProcessor(PROCESSOR, () -> new ExpertsProcessor(config), "advice-source", "expert-labels-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(EXPERTS_STORE),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        AttributionWindow.addStores(topology, PENDING_ADVICE, PROCESSOR, config.storeType());
        topology.addSink(COMBINED_SINK, topics.combined(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(GROUP_EVALUATION_SINK, topics.groupEvaluation(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(SNAPSHOTS_SINK, topics.modelSnapshots(), bytesOut, bytesOut, PROCESSOR);
    }
}
