package io.regretless.ops.broker;

import java.util.HashMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * A running Kafka cluster that clients can connect to.
 *
 * <p>Implementations are started when handed out and stay up until {@link #close()}.
 */
public interface KafkaBroker extends AutoCloseable {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /**
     * Client properties every producer, consumer, admin or Streams app needs to reach this broker:
     * {@code bootstrap.servers} plus any security settings. Returns a new mutable map.
     */
    default Map<String, Object> clientProperties() {
        return new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Creates the topics with replication factor 1 and the given topic configs, and returns once
     * every partition's leader serves offsets, so producing right away is safe. Fails if a topic
     * already exists.
     *
     * @param nameToPartitions topic name to partition count
     * @param configs topic configs applied to every topic (may be empty)
     * @throws IllegalStateException if creation fails or does not finish within 30 s
     */
    default void createTopics(Map<String, Integer> nameToPartitions, Map<String, String> configs) {
        Topics.create(clientProperties(), nameToPartitions, configs);
    }

    /** Creates each named topic (a name given twice is created once) with {@code partitions} partitions. */
    default void createTopics(Collection<String> names, int partitions) {
        Map<String, Integer> nameToPartitions = new LinkedHashMap<>();
        names.forEach(name -> nameToPartitions.put(name, partitions));
        createTopics(nameToPartitions, Map.of());
    }

    /** Stops the broker and releases its resources. Idempotent; never throws a checked exception. */
    @Override
    void close();
}
