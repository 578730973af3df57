package io.regretless.topology;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.topology.bandit.BanditTopology;
import io.regretless.topology.conformal.ConformalTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.evaluation.EvaluationTopology;
import io.regretless.topology.experts.ExpertsTopology;

/**
 * The application's topology: the bandit loop (and the evaluation of its shadow policies), online
 * conformal prediction and sleeping experts, each when it has models.
 */
public final class RegretlessTopology {
    private RegretlessTopology() {
    }

    /**
     * @param published  the newest published bandit models, kept current by whoever runs the
     *                   topology (the application follows the model topic into it)
     * @param partitions the partition count of the bandit loop's input topics
     */
    public static Topology build(RegretlessConfig config, PublishedModels published, int partitions) {
        return addParts(new Topology(), config, published, partitions);
    }

    /**
     * The same with Kafka Streams' topology-level settings applied (e.g. a
     * {@code processor.wrapper.class} that wraps every processor).
     */
    public static Topology build(RegretlessConfig config, PublishedModels published, int partitions,
                                 TopologyConfig topologyConfig) {
        return addParts(new Topology(topologyConfig), config, published, partitions);
    }

    private static Topology addParts(Topology topology, RegretlessConfig config, PublishedModels published,
                                     int partitions) {
        if (!config.models().isEmpty()) {
            BanditTopology.addTo(topology, config, published, partitions);
        }
        if (EvaluationTopology.applies(config)) {
            EvaluationTopology.addTo(topology, config);
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
