package io.regretless.topology;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

import io.regretless.topology.bandit.BanditTopology;
import io.regretless.topology.conformal.ConformalTopology;
import io.regretless.topology.experts.ExpertsTopology;
import io.regretless.topology.config.RegretlessConfig;

/** The application's topology: the bandit loop, online conformal prediction and sleeping experts, each when it has models. */
public final class RegretlessTopology {
    private RegretlessTopology() {
    }

    public static Topology build(RegretlessConfig config) {
        return addParts(new Topology(), config);
    }

    /**
     * The topology with Kafka Streams' topology-level settings applied (e.g. a
     * {@code processor.wrapper.class} that wraps every processor).
     */
    public static Topology build(RegretlessConfig config, TopologyConfig topologyConfig) {
        return addParts(new Topology(topologyConfig), config);
    }

    private static Topology addParts(Topology topology, RegretlessConfig config) {
        if (!config.models().isEmpty()) {
            BanditTopology.addTo(topology, config);
        }
        if (!config.conformal().isEmpty()) {
            ConformalTopology.addTo(topology, config);
        }
        if (!config.experts().isEmpty()) {
            ExpertsTopology.addTo(topology, config);
        }
        return topology;
    }
}
