package io.regretless.topology.conformal;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import io.regretless.topology.config.RegretlessConfig;
import io.regretless.schemas.Topics;
import io.regretless.topology.window.AttributionWindow;

/**
 * Adds online conformal prediction to a topology:
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

    public static void addTo(Topology topology, RegretlessConfig config) {
        Topics topics = config.topics();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        topology.addSource("prediction-requests-source", bytesIn, bytesIn, topics.predictionRequests());
        topology.addSource("labels-source", bytesIn, bytesIn, topics.labels());
        topology.addProcessor(PROCESSOR, () -> new ConformalProcessor(config),
            "prediction-requests-source", "labels-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(config.storeType().supplier(CALIBRATORS_STORE),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        AttributionWindow.addStores(topology, PENDING_PREDICTIONS, PROCESSOR, config.storeType());
        topology.addSink(INTERVALS_SINK, topics.intervals(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(EVALUATION_SINK, topics.evaluation(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(DEAD_LETTERS_SINK, topics.deadLetters(), bytesOut, bytesOut, PROCESSOR);
        topology.addSink(SNAPSHOTS_SINK, topics.modelSnapshots(), bytesOut, bytesOut, PROCESSOR);
    }
}
