package io.regretless.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.StoreBuilder;

import org.junit.jupiter.api.Test;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.task.LearningPart;

/**
 * The names a running application's state depends on stay as they were: node names decide the
 * sub-topology numbers (and so the task ids and state directories), store names the stores and their
 * changelog topics ({@code <application.id>-<store>-changelog}). The expected description was taken
 * from the topology of every part (bandit loop with shadow evaluation, conformal, experts) before the
 * parts were described by one {@code LearningPart}; a change to it is a change users must migrate.
 */
class TopologyNamesTest {
    static Properties everyPart() {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "m1");
        props.put("regretless.model.m1.learner", "linucb");
        props.put("regretless.model.m1.dimension", "8");
        props.put("regretless.model.m1.shadows", "uniform,deployed");
        props.put("regretless.conformal.models", "s1");
        props.put("regretless.conformal.model.s1.calibrator", "aci");
        props.put("regretless.experts.models", "x1");
        props.put("regretless.experts.model.x1.mode", "advice");
        props.put("regretless.experts.model.x1.groups", "a,b");
        props.put("regretless.experts.model.x1.experts", "e0,e1");
        return props;
    }

    @Test
    void nodesStoresAndSubTopologiesKeepTheirNames() throws IOException {
        String described = RegretlessTopology.build(RegretlessConfig.fromProperties(everyPart()), new PublishedModels(), 4)
            .describe().toString();
        try (InputStream expected = TopologyNamesTest.class.getResourceAsStream("/topology-description.txt")) {
            assertEquals(new String(expected.readAllBytes(), StandardCharsets.UTF_8), described);
        }
    }

    /** A store without its changelog would lose its state with its task; its topic is named after the store. */
    @Test
    void everyStoreIsChangelogBackedWithTheDefaultSettings() {
        RegretlessConfig config = RegretlessConfig.fromProperties(everyPart());
        int stores = 0;
        for (LearningPart part : RegretlessTopology.parts(config, new PublishedModels(), 4)) {
            for (StoreBuilder<?> store : part.stores()) {
                assertTrue(store.loggingEnabled(), store.name());
                assertEquals(Map.of(), store.logConfig(), store.name());
                stores++;
            }
        }
        long described = RegretlessTopology.build(config, new PublishedModels(), 4).describe().subtopologies().stream()
            .flatMap(sub -> sub.nodes().stream())
            .filter(node -> node instanceof TopologyDescription.Processor)
            .mapToLong(node -> ((TopologyDescription.Processor) node).stores().size())
            .sum();
        assertEquals(described, stores, "every store of the topology is one a part describes");
    }
}
