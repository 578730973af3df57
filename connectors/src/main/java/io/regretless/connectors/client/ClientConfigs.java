package io.regretless.connectors.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Splits one set of client properties into the producer's and the consumer's configuration: the
 * producer idempotent with {@code acks=all}, the consumer reading committed records without a
 * group. Public for the test kit's replay harness, which produces and reads the same way.
 */
public final class ClientConfigs {
    static final String PRODUCER_PREFIX = "producer.";
    static final String CONSUMER_PREFIX = "consumer.";
    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    record Clients(Producer<String, byte[]> producer, Consumer<byte[], byte[]> consumer, Duration startupTimeout) {}

    private ClientConfigs() {}

    /** Creates both clients (after checking the startup timeout); closes the producer if the consumer cannot be created. */
    static Clients open(Properties properties) {
        Duration startupTimeout = startupTimeout(properties);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(producer(properties), new StringSerializer(), new ByteArraySerializer());
        try {
            return new Clients(producer,
                new KafkaConsumer<>(consumer(properties), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                startupTimeout);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    public static Map<String, Object> producer(Properties properties) {
        Map<String, Object> config = select(properties, ProducerConfig.configNames(), PRODUCER_PREFIX);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        suffixClientId(config, "-producer");
        return config;
    }

    public static Map<String, Object> consumer(Properties properties) {
        Map<String, Object> config = select(properties, ConsumerConfig.configNames(), CONSUMER_PREFIX);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        suffixClientId(config, "-decisions");
        return config;
    }

    /** The consumer's {@code default.api.timeout.ms}, which bounds the constructor's wait. */
    static Duration startupTimeout(Properties properties) {
        Object value = consumer(properties).get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        if (value == null) {
            return DEFAULT_STARTUP_TIMEOUT;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG + " is not a number: " + value, e);
        }
    }

    private static Map<String, Object> select(Properties properties, Set<String> known, String prefix) {
        Map<String, Object> config = new HashMap<>();
        Map<String, Object> prefixed = new HashMap<>();
        Set<String> keys = new HashSet<>(properties.stringPropertyNames()); // includes defaults
        properties.keySet().forEach(key -> keys.add(key.toString()));         // and non-String values
        for (String key : keys) {
            Object value = properties.containsKey(key) ? properties.get(key) : properties.getProperty(key);
            if (key.startsWith(prefix)) {
                prefixed.put(key.substring(prefix.length()), value);
            } else if (known.contains(key)) {
                config.put(key, value);
            }
        }
        config.putAll(prefixed);
        return config;
    }

    private static void suffixClientId(Map<String, Object> config, String suffix) {
        Object id = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (id != null && !id.toString().isBlank()) {
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG, id + suffix);
        }
    }
}
