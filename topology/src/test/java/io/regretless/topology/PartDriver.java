package io.regretless.topology;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.Topics;
import io.regretless.topology.config.RegretlessConfig;

/**
 * The application's whole topology on {@link TopologyTestDriver}, as every part's test fixture
 * builds it: the configuration (in-memory stores unless the properties say otherwise), the driver
 * from wall-clock time 0, and its topics as raw bytes, which each part's records are written as.
 */
public final class PartDriver implements AutoCloseable {
    private static final ByteArraySerializer OUT = new ByteArraySerializer();
    private static final ByteArrayDeserializer IN = new ByteArrayDeserializer();

    public final TopologyTestDriver driver;
    public final RegretlessConfig config;
    public final Topics topics;

    /**
     * @param stateDir  where the stores live, or null for Kafka Streams' default
     * @param published the bandit models the decide path decides with
     */
    public PartDriver(Properties app, String applicationId, Path stateDir, PublishedModels published) {
        Properties props = new Properties();
        props.put("regretless.state.store.type", "in-memory");
        props.putAll(app);
        config = RegretlessConfig.fromProperties(props);
        topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        if (stateDir != null) {
            streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        driver = new TopologyTestDriver(RegretlessTopology.build(config, published, 1), streams, Instant.EPOCH);
    }

    public TestInputTopic<byte[], byte[]> input(String topic) {
        return driver.createInputTopic(topic, OUT, OUT);
    }

    public TestOutputTopic<byte[], byte[]> output(String topic) {
        return driver.createOutputTopic(topic, IN, IN);
    }

    @Override
    public void close() {
        driver.close();
    }
}
