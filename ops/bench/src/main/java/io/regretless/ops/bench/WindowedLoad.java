package io.regretless.ops.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Drives one app: sends a range of a {@link Workload}'s requests with at most {@code window} of
 * them unanswered, hands every output record it consumes ({@code read_committed}, from the start of
 * the output topics) to a {@link Handler}, and returns once every sent request is complete.
 *
 * <p>A request is <em>answered</em> when the handler says so (its latency ends, and its slot in the
 * window frees) and <em>complete</em> when the handler says so (the phase ends when all are).
 * Single-threaded: sending, polling and handling run on the caller's thread, so the handler may
 * send with {@link #producer()} and needs no locking.
 */
final class WindowedLoad implements AutoCloseable {
    /** Reacts to one consumed output record, calling {@link #answered} and {@link #completed}. */
    interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record, WindowedLoad load);
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final int window;
    private final Duration timeout;

    private int from;
    private int to;
    private long[] sentAt;
    private long[] latency;
    private boolean[] done;
    private int inFlight;
    private int completed;
    private long polledAt;

    WindowedLoad(Map<String, Object> client, Collection<String> outputTopics, int window, Duration timeout) {
        this.window = window;
        this.timeout = timeout;
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : outputTopics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The producer requests are sent with; handlers may send with it too. */
    KafkaProducer<byte[], byte[]> producer() {
        return producer;
    }

    /**
     * Sends requests {@code [from, to)} of {@code workload} to {@code inputTopic}, timestamped now,
     * and returns once all are complete.
     *
     * @throws IllegalStateException if {@code timeout} passes without all of them complete
     */
    PhaseResult run(String inputTopic, Workload workload, int from, int to, Handler handler) {
        this.from = from;
        this.to = to;
        int n = to - from;
        sentAt = new long[n];
        latency = new long[n];
        done = new boolean[n];
        inFlight = 0;
        completed = 0;
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long lastCompletion = start;
        int next = from;
        while (completed < n) {
            while (next < to && inFlight < window) {
                sentAt[next - from] = System.nanoTime();
                producer.send(new ProducerRecord<>(inputTopic, workload.key(next), workload.value(next)));
                inFlight++;
                next++;
            }
            int before = completed;
            var records = consumer.poll(POLL);
            polledAt = System.nanoTime();
            records.forEach(r -> handler.handle(r, this));
            if (completed > before) {
                lastCompletion = polledAt;
            }
            if (polledAt > deadline) {
                throw new IllegalStateException("after " + timeout + " only " + completed + " of " + n
                    + " requests on " + inputTopic + " are complete (" + (next - from) + " sent, " + inFlight
                    + " unanswered)");
            }
        }
        return new PhaseResult(n, lastCompletion - start, new Latencies(latency));
    }

    /** Request {@code index} got its answer: its latency ends now and its window slot frees. */
    void answered(int index) {
        int i = index - from;
        if (index >= from && index < to && latency[i] == 0) {
            latency[i] = Math.max(1, polledAt - sentAt[i]);
            inFlight--;
        }
    }

    /** Request {@code index} is complete. */
    void completed(int index) {
        int i = index - from;
        if (index >= from && index < to && !done[i]) {
            done[i] = true;
            completed++;
        }
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        producer.close(Duration.ofSeconds(5));
    }
}
