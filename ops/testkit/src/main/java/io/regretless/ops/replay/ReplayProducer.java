package io.regretless.ops.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.regretless.connectors.client.ClientConfigs;

/**
 * Produces a replay's records in timestamp order, as a client does ({@link ClientConfigs}: idempotent,
 * {@code acks=all}). A record stamped earlier than the one sent before it to the same topic is
 * refused, so stream time on every input partition moves as the replay says (records of different
 * topics may interleave: a label follows its prediction, the next prediction of another model
 * follows the label). Sends are asynchronous; the first failed one is kept and
 * thrown by the next {@link #send}, {@link #flush} or {@link #close}.
 *
 * <p>One request in flight per connection (unless the caller's settings say otherwise): replays run
 * on brand-new topics, and a first produce request that the broker refuses with
 * NOT_LEADER_OR_FOLLOWER (it has not applied the partition yet) while a later one is accepted leaves
 * the idempotent producer retrying the first with OUT_OF_ORDER_SEQUENCE_NUMBER until
 * {@code delivery.timeout.ms} drops it (KAFKA-15591, seen on 4.2.0).
 */
public final class ReplayProducer implements AutoCloseable {
    private static final Duration SEND_WAIT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final Map<String, Long> lastTimestamps = new HashMap<>();
    private long sent;

    private ReplayProducer(Map<String, Object> config) {
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A producer for the cluster that {@code client} reaches, lingering 1 ms. */
    public static ReplayProducer open(Map<String, Object> client) {
        return open(client, Map.of(ProducerConfig.LINGER_MS_CONFIG, "1"));
    }

    /** As {@link #open(Map)}, with producer {@code settings} put over the client's (e.g. linger and batch size). */
    public static ReplayProducer open(Map<String, Object> client, Map<String, ?> settings) {
        Properties properties = new Properties();
        properties.putAll(client);
        Map<String, Object> config = ClientConfigs.producer(properties);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        config.putAll(settings);
        return new ReplayProducer(config);
    }

    /**
     * Sends {@code value} keyed by {@code key} at {@code timestamp}, to the partition the key hashes to.
     *
     * @throws IllegalArgumentException if {@code timestamp} is earlier than the previous record's on {@code topic}
     * @throws IllegalStateException if an earlier send failed
     */
    public void send(String topic, byte[] key, byte[] value, long timestamp) {
        send(topic, null, key, value, timestamp);
    }

    /** As {@link #send(String, byte[], byte[], long)}, to {@code partition} (null: the key's). */
    public void send(String topic, Integer partition, byte[] key, byte[] value, long timestamp) {
        producer.send(stamped(topic, partition, key, value, timestamp), (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        });
    }

    /** Sends as {@link #send(String, byte[], byte[], long)} and waits for the broker's acknowledgement. */
    public RecordMetadata sendAndWait(String topic, byte[] key, byte[] value, long timestamp) throws InterruptedException {
        try {
            return producer.send(stamped(topic, null, key, value, timestamp))
                .get(SEND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("sending a record to " + topic + " failed: " + e, e);
        }
    }

    /**
     * Sends {@code value} stamped by the producer when it sends it, for a load that runs in real time
     * rather than replaying recorded times; failures are kept as for {@link #send}.
     */
    public void sendNow(String topic, byte[] key, byte[] value) {
        checkNoFailure();
        sent++;
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        });
    }

    /** Waits until every record sent is acknowledged; throws if one failed. */
    public void flush() {
        producer.flush();
        checkNoFailure();
    }

    /** Records sent so far. */
    public long sent() {
        return sent;
    }

    private ProducerRecord<byte[], byte[]> stamped(String topic, Integer partition, byte[] key, byte[] value,
                                                   long timestamp) {
        Long last = lastTimestamps.get(topic);
        if (last != null && timestamp < last) {
            throw new IllegalArgumentException("a replay is produced in timestamp order: a record for " + topic
                + " at " + timestamp + " after one at " + last);
        }
        checkNoFailure();
        lastTimestamps.put(topic, timestamp);
        sent++;
        return new ProducerRecord<>(topic, partition, timestamp, key, value);
    }

    private void checkNoFailure() {
        Exception e = failed.get();
        if (e != null) {
            throw new IllegalStateException("producing the replay failed after " + sent + " records sent: " + e, e);
        }
    }

    /** Flushes, closes, and throws if a send failed. */
    @Override
    public void close() {
        try {
            producer.close(SEND_WAIT);
        } finally {
            checkNoFailure();
        }
    }
}
