package io.regretless.ops.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether anything still happens, for waits that fail on a stall rather than at a deadline: the sum
 * of every partition's end offset on the cluster, internal topics included (a group join, an offset
 * commit and a transaction marker each write there), plus the lines the watched commands printed.
 * A busy machine is slow, not stuck: a wait fails only when none of that moved for the stall time.
 */
public final class Progress implements AutoCloseable {
    private static final long MARK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Admin admin;
    private final Duration stall;
    private final List<IntSupplier> printed = new CopyOnWriteArrayList<>();
    private long offsets;

    /** @param clientProperties reach the cluster (bootstrap.servers) */
    public Progress(Map<String, Object> clientProperties, Duration stall) {
        this.admin = Admin.create(clientProperties);
        this.stall = stall;
    }

    /** Counts what {@code lines} reports (lines printed so far) as progress too. */
    public void watch(IntSupplier lines) {
        printed.add(lines);
    }

    /**
     * Waits until {@code condition} holds; fails when nothing moved for the stall time, with
     * {@code context} (what the awaited command printed) in the message.
     */
    public void awaitTrue(BooleanSupplier condition, Supplier<String> context) throws InterruptedException {
        long mark = mark();
        long lastChange = System.nanoTime();
        long lastMark = lastChange;
        while (!condition.getAsBoolean()) {
            Thread.sleep(100);
            long now = System.nanoTime();
            if (now - lastMark < MARK_EVERY_NANOS) {
                continue;
            }
            lastMark = now;
            long current = mark();
            if (current != mark) {
                mark = current;
                lastChange = now;
            } else if (now - lastChange > stall.toNanos()) {
                throw new AssertionError("no progress for " + stall.toSeconds() + " s (no record written anywhere on the"
                    + " cluster, no line printed):\n" + context.get());
            }
        }
    }

    private long mark() {
        long sum = printed.stream().mapToLong(IntSupplier::getAsInt).sum();
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            offsets = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
        } catch (Exception unavailable) {
            // the cluster did not answer: its part of the mark stays where it was
            if (unavailable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        return sum + offsets;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
