package io.regretless.topology;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.topology.bandit.BanditTopology;
import io.regretless.topology.conformal.ConformalTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.evaluation.EvaluationTopology;
import io.regretless.topology.experts.ExpertsTopology;
import io.regretless.topology.task.LearningPart;

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

    /** The parts the configuration has models for, each a sub-topology. */
    public static List<LearningPart> parts(RegretlessConfig config, PublishedModels published, int partitions) {
        List<LearningPart> parts = new ArrayList<>();
        if (!config.models().isEmpty()) {
            parts.addAll(BanditTopology.parts(config, published, partitions));
        }
        if (EvaluationTopology.applies(config)) {
            parts.add(EvaluationTopology.part(config));
        }
        if (!config.conformal().isEmpty()) {
            parts.add(ConformalTopology.part(config));
        }
        if (!config.experts().isEmpty()) {
            parts.add(ExpertsTopology.part(config));
        }
        return parts;
    }

    private static Topology addParts(Topology topology, RegretlessConfig config, PublishedModels published,
                                     int partitions) {
        parts(config, published, partitions).forEach(part -> part.addTo(topology));
        return topology;
    }
}
