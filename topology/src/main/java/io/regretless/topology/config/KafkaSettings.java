package io.regretless.topology.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import io.regretless.topology.StreamsDefaults;

/**
 * The Kafka side of the properties file: everything not {@code regretless.*} goes to Kafka Streams
 * and its clients, which ignore names they do not know, so an unknown name is warned about with the
 * nearest known one. Known names are those of Kafka Streams, the consumer, the producer and the admin
 * client, and the client names under Kafka Streams' client prefixes ({@code consumer.},
 * {@code main.consumer.}, {@code restore.consumer.}, {@code global.consumer.}, {@code producer.},
 * {@code admin.}); {@code topic.*} and {@code client.tag.*} are free-form. Values of known names are
 * checked by Kafka's own definitions, so a bad one is an error before anything connects.
 */
public final class KafkaSettings {
    private static final ConfigDef STREAMS = StreamsConfig.configDef();
    /** Client prefix to the definitions of what follows it. */
    private static final Map<String, ConfigDef> PREFIXED = prefixed();
    private static final List<String> FREE_FORM = List.of(StreamsConfig.TOPIC_PREFIX, StreamsConfig.CLIENT_TAG_PREFIX);
    private static final Set<String> KNOWN = known();

    private KafkaSettings() {
    }

    /**
     * Adds the problems of the Kafka properties in {@code props} (those not starting with
     * {@code regretless.}): unknown names and values that look like they carry a comment are warnings;
     * malformed values of known names, and a missing {@code application.id} or {@code bootstrap.servers},
     * are errors.
     */
    public static void check(Properties props, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        Properties kafka = new Properties();
        int before = errors.size();
        for (String name : new TreeSet<>(props.stringPropertyNames())) {
            if (name.startsWith(RegretlessConfig.PREFIX)) {
                continue;
            }
            String value = props.getProperty(name);
            kafka.setProperty(name, value);
            if (Settings.INLINE_COMMENT.matcher(value).find()) {
                // The value is not repeated: it may be a secret (sasl.jaas.config, ssl passwords).
                warnings.add(new ConfigProblem(name, name + ": its value has '#' after a space, which Java properties "
                    + "keep as part of the value (values cannot carry inline comments; put the comment on its own line)"));
            }
            ConfigDef.ConfigKey key = definition(name);
            if (key == null) {
                if (FREE_FORM.stream().noneMatch(name::startsWith)) {
                    warnings.add(new ConfigProblem(name, "unknown Kafka setting " + name
                        + ": Kafka Streams and its clients ignore it" + DidYouMean.nearest(name, KNOWN)
                        .map(near -> "; did you mean " + near + "?").orElse("")));
                }
            } else {
                valueProblem(key, name, value).ifPresent(message -> errors.add(new ConfigProblem(name, message)));
            }
        }
        for (String required : List.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            String value = kafka.getProperty(required);
            if (value == null || value.isBlank()) {
                errors.add(new ConfigProblem(required, "missing required setting " + required));
            }
        }
        if (errors.size() == before) {
            try {
                new StreamsConfig(StreamsDefaults.apply(kafka));
            } catch (ConfigException e) {
                errors.add(new ConfigProblem(null, e.getMessage()));
            }
        }
    }

    /** Every name Kafka Streams or one of its clients knows, prefixed forms included, unprefixed ones first. */
    static Set<String> knownNames() {
        return KNOWN;
    }

    private static Optional<String> valueProblem(ConfigDef.ConfigKey key, String name, String value) {
        try {
            Object parsed = ConfigDef.parseType(name, value, key.type);
            if (key.validator != null) {
                key.validator.ensureValid(name, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(key.type == ConfigDef.Type.PASSWORD
                ? "bad value for " + name + " (a password; its value is not shown)" : e.getMessage());
        }
    }

    /** Kafka's definition of {@code name}, under a client prefix or not; null if no one knows it. */
    private static ConfigDef.ConfigKey definition(String name) {
        ConfigDef.ConfigKey key = STREAMS.configKeys().get(name);
        if (key != null) {
            return key;
        }
        for (Map.Entry<String, ConfigDef> prefix : PREFIXED.entrySet()) {
            if (name.startsWith(prefix.getKey())) {
                ConfigDef.ConfigKey prefixed = prefix.getValue().configKeys().get(name.substring(prefix.getKey().length()));
                if (prefixed != null) {
                    return prefixed;
                }
            }
        }
        for (ConfigDef client : List.of(ConsumerConfig.configDef(), ProducerConfig.configDef(), AdminClientConfig.configDef())) {
            key = client.configKeys().get(name);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private static Map<String, ConfigDef> prefixed() {
        Map<String, ConfigDef> prefixed = new LinkedHashMap<>();
        prefixed.put(StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configDef());
        prefixed.put(StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configDef());
        prefixed.put(StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configDef());
        prefixed.put(StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configDef());
        prefixed.put(StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configDef());
        prefixed.put(StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configDef());
        return prefixed;
    }

    private static Set<String> known() {
        Set<String> known = new LinkedHashSet<>(STREAMS.names());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        List<String> prefixed = new ArrayList<>();
        PREFIXED.forEach((prefix, def) -> def.names().forEach(name -> prefixed.add(prefix + name)));
        known.addAll(prefixed);
        return Collections.unmodifiableSet(known);
    }
}
