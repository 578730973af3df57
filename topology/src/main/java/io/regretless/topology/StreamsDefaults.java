package io.regretless.topology;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings this application needs unless the operator overrides them:
 * exactly-once (v2) so a crash never counts a reward twice or loses one, and read-committed
 * consumption follows from it. Anything the operator sets explicitly wins.
 */
public final class StreamsDefaults {
    private StreamsDefaults() {
    }

    public static Properties apply(Properties given) {
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(32L * 1024 * 1024));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(given);
        return props;
    }
}
