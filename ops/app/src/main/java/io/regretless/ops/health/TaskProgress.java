package io.regretless.ops.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Tells a task that stopped processing from one that has nothing to do: a task is stalled when its
 * input partitions hold records it has not committed (end offset beyond the committed offset) and
 * its committed offsets have not moved for the stall timeout. Read from Kafka Streams' own task
 * metadata ({@link TaskMetadata#committedOffsets()}, {@link TaskMetadata#endOffsets()}), sampled
 * by {@link #sample()}; only while Kafka Streams is RUNNING (restoring tasks are not stalled).
 */
public final class TaskProgress implements MeterBinder {
    /** A stalled task: its input lag, committed and end offsets, and how long nothing moved. */
    public record Stall(String task, long lag, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> end,
                        Duration still) {
        @Override
        public String toString() {
            return "task " + task + " has " + lag + " input records it has not processed and committed nothing for "
                + still.toSeconds() + " s (committed " + committed + ", end " + end + ")";
        }
    }

    private record Watch(Map<TopicPartition, Long> committed, long sinceNanos) {
    }

    private final KafkaStreams streams;
    private final Duration timeout;
    private final LongSupplier nanos;
    private final Map<String, Watch> watches = new HashMap<>();
    private volatile List<Stall> stalls = List.of();

    public TaskProgress(KafkaStreams streams, Duration timeout) {
        this(streams, timeout, System::nanoTime);
    }

    TaskProgress(KafkaStreams streams, Duration timeout, LongSupplier nanos) {
        this.streams = streams;
        this.timeout = timeout;
        this.nanos = nanos;
    }

    /** Looks at every active task of this instance once; call it periodically (well under the timeout). */
    public synchronized void sample() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            watches.clear();
            stalls = List.of();
            return;
        }
        long now = nanos.getAsLong();
        Map<String, Watch> seen = new HashMap<>();
        List<Stall> found = new ArrayList<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                String id = task.taskId().toString();
                Map<TopicPartition, Long> committed = Map.copyOf(task.committedOffsets());
                Map<TopicPartition, Long> end = Map.copyOf(task.endOffsets());
                long lag = lag(task.topicPartitions(), committed, end);
                Watch watch = watches.get(id);
                if (watch == null || lag == 0 || !watch.committed().equals(committed)) {
                    watch = new Watch(committed, now);
                }
                seen.put(id, watch);
                Duration still = Duration.ofNanos(now - watch.sinceNanos());
                if (lag > 0 && still.compareTo(timeout) >= 0) {
                    found.add(new Stall(id, lag, committed, end, still));
                }
            }
        }
        watches.clear();
        watches.putAll(seen);
        stalls = List.copyOf(found);
    }

    /** The stalled tasks as of the last sample. */
    public List<Stall> stalls() {
        return stalls;
    }

    public Duration timeout() {
        return timeout;
    }

    private static long lag(Set<TopicPartition> partitions, Map<TopicPartition, Long> committed,
                            Map<TopicPartition, Long> end) {
        long lag = 0;
        for (TopicPartition partition : partitions) {
            long e = end.getOrDefault(partition, -1L);
            long c = Math.max(0, committed.getOrDefault(partition, -1L));
            if (e > c) {
                lag += e - c;
            }
        }
        return lag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("regretless.stalled.tasks", this, p -> p.stalls().size())
            .description("Active tasks with unprocessed input that committed nothing for the stall timeout")
            .register(registry);
    }
}
