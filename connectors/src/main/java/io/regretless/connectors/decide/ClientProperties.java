package io.regretless.connectors.decide;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.CommonClientConfigs;

/** The subset of a properties file one Kafka client understands, so no client logs unknown-setting warnings. */
final class ClientProperties {
    private ClientProperties() {
    }

    static Map<String, Object> only(Properties properties, Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (names.contains(name) || name.startsWith(CommonClientConfigs.METRICS_CONTEXT_PREFIX)
                    || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                config.put(name, properties.get(name));
            }
        }
        return config;
    }
}
