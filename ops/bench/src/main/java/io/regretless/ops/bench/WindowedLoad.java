package io.regretless.ops.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;

import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.ReplayProducer;

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

    private final ReplayProducer producer;
    private final CommittedOutputs outputs;
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
        // Kafka's default of five requests in flight, as this load has always measured with (not the replay's one:
        // the load is sent in real time, and the benchmark's throughput is read with the producer pipelining)
        this.producer = ReplayProducer.open(client, Map.of(ProducerConfig.LINGER_MS_CONFIG, "1",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"));
        this.outputs = new CommittedOutputs(client, outputTopics);
    }

    /** The producer requests are sent with; handlers may send with it too. */
    ReplayProducer producer() {
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
                producer.sendNow(inputTopic, workload.key(next), workload.value(next));
                inFlight++;
                next++;
            }
            int before = completed;
            var records = outputs.poll();
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
        try (outputs) {
            producer.close();
        }
    }
}
