package io.regretless.ops.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer's or the consumer's share of the application's properties file: the names that
 * client knows (bootstrap.servers, security, ...), then those under Kafka Streams' {@code producer.}
 * or {@code consumer.} prefix, so that one file serves {@code run}, {@code produce} and
 * {@code consume} and no client warns about the others' settings.
 */
final class ClientSettings {
    private ClientSettings() {
    }

    /** An idempotent producer that waits for every replica. */
    static Map<String, Object> producer(Properties props) {
        Map<String, Object> config = select(props, ProducerConfig.configNames(), "producer.");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "regretless-produce");
        return config;
    }

    /** A consumer without a group (it commits nothing) that reads committed records only. */
    static Map<String, Object> consumer(Properties props) {
        Map<String, Object> config = select(props, ConsumerConfig.configNames(), "consumer.");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "regretless-consume");
        return config;
    }

    private static Map<String, Object> select(Properties props, Set<String> known, String prefix) {
        Map<String, Object> config = new HashMap<>();
        Map<String, Object> prefixed = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                prefixed.put(name.substring(prefix.length()), props.getProperty(name));
            } else if (known.contains(name) || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                config.put(name, props.getProperty(name));
            }
        }
        config.putAll(prefixed);
        config.keySet().removeIf(name -> name.endsWith(".serializer") || name.endsWith(".deserializer"));
        return config;
    }
}
