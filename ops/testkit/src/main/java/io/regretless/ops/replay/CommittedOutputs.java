package io.regretless.ops.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.regretless.connectors.client.ClientConfigs;

/**
 * Reads an application's output topics as a client does ({@link ClientConfigs}: {@code read_committed},
 * no group), every partition from its beginning, and waits until a condition on what was read holds.
 * A wait fails with {@link IllegalStateException} when its {@link Patience} runs out, saying which
 * way: no record arrived for the stall time ("no progress"), or the deadline passed while records
 * still came; with how many records were read, the last offsets, and what the caller says is missing.
 * Not thread-safe.
 */
public final class CommittedOutputs implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * How long a wait may last: it fails once no record arrived for {@code stall}, or once
     * {@code deadline} passed since it began.
     */
    public record Patience(Duration stall, Duration deadline) {
        /** Fails only when nothing arrives for {@code stall}: a busy machine is slow, not stuck. */
        public static Patience stall(Duration stall) {
            return new Patience(stall, Duration.ofNanos(Long.MAX_VALUE));
        }

        /** Fails when {@code deadline} passes, however the records come. */
        public static Patience deadline(Duration deadline) {
            return new Patience(deadline, deadline);
        }
    }

    private final Collection<String> topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> lastOffsets = new HashMap<>();
    private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();
    private long records;
    private long lastArrival = System.nanoTime();

    /** Reads every partition of {@code topics} on the cluster {@code client} reaches. */
    public CommittedOutputs(Map<String, Object> client, Collection<String> topics) {
        this(client, topics, Map.of());
    }

    /** As {@link #CommittedOutputs(Map, Collection)}, with consumer {@code settings} put over the client's. */
    public CommittedOutputs(Map<String, Object> client, Collection<String> topics, Map<String, ?> settings) {
        this.topics = List.copyOf(topics);
        Properties properties = new Properties();
        properties.putAll(client);
        Map<String, Object> config = ClientConfigs.consumer(properties);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        config.putAll(settings);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : this.topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once (at most 100 ms), for callers that interleave reading with their own work. */
    public ConsumerRecords<byte[], byte[]> poll() {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> r : polled) {
            lastOffsets.put(new TopicPartition(r.topic(), r.partition()), r.offset());
            records++;
            lastArrival = System.nanoTime();
        }
        return polled;
    }

    /**
     * Hands every record read to {@code each} until {@code done} holds ({@code done} may throw to end
     * the wait at once, e.g. when the application stopped).
     *
     * @param missing what is still missing, for the failure message
     * @throws IllegalStateException when {@code patience} runs out first
     */
    public void awaitUntil(BooleanSupplier done, Consumer<ConsumerRecord<byte[], byte[]>> each, Patience patience,
                           Supplier<String> missing) {
        long began = System.nanoTime();
        long lastProgress = began;
        while (!done.getAsBoolean()) {
            ConsumerRecords<byte[], byte[]> polled = poll();
            polled.forEach(each);
            long now = System.nanoTime();
            if (!polled.isEmpty()) {
                lastProgress = now;
            } else if (now - lastProgress > patience.stall().toNanos()) {
                throw new IllegalStateException("no progress for " + patience.stall().toSeconds() + " s on " + topics
                    + ": " + where() + "; " + missing.get());
            }
            if (now - began > patience.deadline().toNanos() && !done.getAsBoolean()) {
                throw new IllegalStateException("after " + patience.deadline().toSeconds() + " s on " + topics + ": "
                    + where() + "; " + missing.get());
            }
        }
    }

    /**
     * The next {@code count} records, in the order they were fetched; records fetched beyond them
     * are kept for the next call.
     *
     * @throws IllegalStateException when no record arrives for {@code stall} before they are all there
     */
    public List<ConsumerRecord<byte[], byte[]>> take(int count, Duration stall) {
        awaitUntil(() -> buffered.size() >= count, buffered::add, Patience.stall(stall),
            () -> "expected " + count + " more records, got " + buffered.size());
        List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(buffered.poll());
        }
        return taken;
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /** {@link System#nanoTime()} when the last record was read (when this was opened, before any). */
    public long lastArrivalNanos() {
        return lastArrival;
    }

    /** Where reading stands, for failure messages: records read and the last offset read on each partition. */
    public String where() {
        return records + " records read, last offsets " + (lastOffsets.isEmpty() ? "none" : lastOffsets);
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
