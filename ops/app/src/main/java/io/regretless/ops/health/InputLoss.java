package io.regretless.ops.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Input records this instance never read because the broker had deleted them (retention, or
 * {@code kafka-delete-records}) before the application got to them: the consumer's position fell
 * below the partition's log start, and Kafka Streams moved it on. Each gap is kept for health
 * ({@code /health}) and counted in {@code regretless_input_records_lost_total{topic,partition}}.
 * Thread-safe: stream threads record, the HTTP endpoint and the metrics registry read.
 */
public final class InputLoss implements MeterBinder {
    /** One gap: offsets {@code [from, to)} of a partition, gone before they were read. */
    public record Gap(TopicPartition partition, long from, long to, Instant noticed) {
        public long records() {
            return to - from;
        }

        @Override
        public String toString() {
            return partition + " offsets " + from + ".." + (to - 1) + " (" + records() + " records) deleted before they"
                + " were read, noticed " + noticed;
        }
    }

    private final Map<TopicPartition, AtomicLong> lost = new ConcurrentHashMap<>();
    private final List<Gap> gaps = new ArrayList<>();
    private volatile MeterRegistry registry;

    /** Records a gap and returns it. */
    public Gap record(TopicPartition partition, long from, long to) {
        Gap gap = new Gap(partition, from, to, Instant.now());
        synchronized (gaps) {
            gaps.add(gap);
        }
        counter(partition).addAndGet(gap.records());
        return gap;
    }

    /** Every gap noticed since the instance started, oldest first. */
    public List<Gap> gaps() {
        synchronized (gaps) {
            return List.copyOf(gaps);
        }
    }

    /** Records lost on all partitions. */
    public long total() {
        return lost.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        lost.forEach((partition, count) -> register(registry, partition, count));
    }

    private AtomicLong counter(TopicPartition partition) {
        return lost.computeIfAbsent(partition, p -> {
            AtomicLong count = new AtomicLong();
            MeterRegistry bound = registry;
            if (bound != null) {
                register(bound, p, count);
            }
            return count;
        });
    }

    private static void register(MeterRegistry registry, TopicPartition partition, AtomicLong count) {
        FunctionCounter.builder("regretless.input.records.lost", count, AtomicLong::get)
            .description("Input records deleted by the broker before the application read them")
            .tag("topic", partition.topic())
            .tag("partition", Integer.toString(partition.partition()))
            .register(registry);
    }
}
