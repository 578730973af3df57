package io.regretless.ops;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from its beginning with {@code read_committed} isolation and no consumer group,
 * handing out records in the order they were fetched. Records fetched beyond what a {@link #take}
 * asked for are kept for the next call. Not thread-safe.
 */
final class CommittedTopicReader implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();

    CommittedTopicReader(Map<String, Object> clientProperties, String topic) {
        this.topic = topic;
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Returns the next {@code count} records of the topic, polling until they are there; fails the
     * test if no new record arrives for {@code stall} (a busy machine is slow, not stuck), naming
     * how many arrived and the last offset read.
     */
    List<ConsumerRecord<byte[], byte[]>> take(int count, Duration stall) {
        long lastProgress = System.nanoTime();
        while (buffered.size() < count) {
            int before = buffered.size();
            consumer.poll(Duration.ofMillis(100)).forEach(buffered::add);
            if (buffered.size() > before) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stall.toNanos()) {
                fail("no progress for " + stall.toSeconds() + " s on " + topic + ": expected " + count
                    + " more records, got " + buffered.size()
                    + (buffered.isEmpty() ? "" : " (last at offset " + buffered.peekLast().offset() + ")"));
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(buffered.poll());
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
