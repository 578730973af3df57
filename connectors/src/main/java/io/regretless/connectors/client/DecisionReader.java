package io.regretless.connectors.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import io.regretless.schemas.Decision;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;

/**
 * The consumer loop behind {@link BanditClient}: one background thread reads every partition of the
 * decisions topic ({@code read_committed}, by manual assignment: no consumer group, nothing
 * committed) and hands each readable {@link Decision} to its {@link Receiver}. The constructor
 * positions it at the end of each partition (the last stable offset) and waits until every position
 * is known, so no decision produced after it returns is missed. Partitions added to the topic later
 * are picked up from their beginning within about 30 s. Records that are not a readable decision
 * (Avro or JSON) are skipped and counted.
 *
 * <p>Owns the consumer: closes it when the loop ends, whether stopped or failed.
 */
final class DecisionReader {

    /** Where decisions go; called on the reader's thread. */
    interface Receiver {
        /** Whether any decision is awaited; while none is, records are not even decoded. */
        boolean awaitsAny();

        /** A decision was read. */
        void received(Decision decision);

        /** The loop failed and stopped; no decision will be read again. */
        void failed(Throwable failure);
    }

    private static final System.Logger LOG = System.getLogger(DecisionReader.class.getName());
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long PARTITION_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Receiver receiver;
    private final WireCodec<Decision> codec = WireCodec.of(Decision.class);
    private final Set<TopicPartition> assigned;
    private final Thread thread;
    private final AtomicLong unreadable = new AtomicLong();
    private volatile boolean stopping;
    private volatile Throwable failure;

    /**
     * Assigns every partition of {@code topic}, seeks to the end and resolves every position
     * (blocking, at most {@code startupTimeout}); {@link #start} then starts reading.
     *
     * @throws IllegalStateException when the topic does not exist
     * @throws org.apache.kafka.common.KafkaException when the cluster cannot be reached in time
     */
    DecisionReader(Consumer<byte[], byte[]> consumer, String topic, Duration startupTimeout, Receiver receiver) {
        this.consumer = consumer;
        this.topic = topic;
        this.receiver = receiver;
        this.assigned = positionAtEnd(startupTimeout);
        this.thread = new Thread(this::pollLoop, "regretless-client-decisions[" + topic + "]");
        this.thread.setDaemon(true);
    }

    private Set<TopicPartition> positionAtEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("decisions topic " + topic
                + " does not exist (create the topics or start the app before the client)");
        }
        List<TopicPartition> partitions = new ArrayList<>(infos.size());
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        for (TopicPartition partition : partitions) {
            consumer.position(partition, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return new HashSet<>(partitions);
    }

    /** Starts the reading thread. */
    void start() {
        thread.start();
    }

    /**
     * Stops the loop and, unless called from the reading thread itself, waits for it until
     * {@code deadlineNanos} ({@link System#nanoTime()}).
     */
    void stop(long deadlineNanos) {
        stopping = true;
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadlineNanos - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Why the loop failed, or null while it has not. */
    Throwable failure() {
        return failure;
    }

    /** Records on the topic that were not a readable {@link Decision} (skipped). */
    long unreadable() {
        return unreadable.get();
    }

    private void pollLoop() {
        long nextRefresh = System.nanoTime() + PARTITION_REFRESH_NANOS;
        try {
            while (!stopping) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    accept(record);
                }
                if (System.nanoTime() - nextRefresh >= 0) {
                    refreshPartitions();
                    nextRefresh = System.nanoTime() + PARTITION_REFRESH_NANOS;
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failed(e);
            }
        } catch (Throwable t) {
            failed(t);
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "error while closing a Kafka client", e);
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null || !receiver.awaitsAny()) {
            return;
        }
        Decision decision;
        try {
            decision = codec.decode(record.value());
        } catch (UnreadableRecordException e) {
            if (unreadable.getAndIncrement() == 0) {
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable record on " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + " (further ones are only counted): " + e.getMessage());
            }
            return;
        }
        receiver.received(decision);
    }

    /** Picks up partitions added to the topic, from their beginning. */
    private void refreshPartitions() {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : infos) {
            TopicPartition partition = new TopicPartition(info.topic(), info.partition());
            if (!assigned.contains(partition)) {
                added.add(partition);
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(new ArrayList<>(assigned));
            consumer.seekToBeginning(added);
            LOG.log(System.Logger.Level.INFO, "reading new partitions of " + topic + ": " + added);
        }
    }

    private void failed(Throwable t) {
        failure = t;
        LOG.log(System.Logger.Level.ERROR, "the decision consumer of " + topic + " failed", t);
        receiver.failed(t);
    }
}
