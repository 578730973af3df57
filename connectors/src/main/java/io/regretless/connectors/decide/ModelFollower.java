package io.regretless.connectors.decide;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;

/**
 * Follows the model topic ({@code <prefix>.model-snapshots}, compacted) on a thread of its own,
 * from its beginning and read_committed, into {@link PublishedModels}: a decider always has the
 * newest version the application committed. No consumer group: every follower reads every
 * partition. A tombstone (a model the application withdrew, e.g. after a reset) forgets the model:
 * it is explored uniformly until published again.
 */
public final class ModelFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
    private static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PublishedModels models;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts following {@code topic} with the client settings in {@code properties}
     * (bootstrap.servers, security; group and offset settings are ignored).
     */
    public ModelFollower(Properties properties, String topic, PublishedModels models) {
        this.models = models;
        Properties config = new Properties();
        config.putAll(properties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "regretless-model-follower");
        this.consumer = new KafkaConsumer<>(ClientProperties.only(config, ConsumerConfig.configNames()),
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("the model topic " + topic + " does not exist: create the application's "
                + "topics first (the topics command)");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        this.thread = new Thread(() -> follow(ends), "regretless-model-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until every model committed before the follower started has been read; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow(Map<TopicPartition, Long> ends) {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        if (record.key() != null) {
                            models.remove(new String(record.key(), StandardCharsets.UTF_8));
                        }
                        continue;
                    }
                    try {
                        models.accept(SNAPSHOTS.decode(record.value()));
                    } catch (UnreadableRecordException | IllegalStateException e) {
                        LOG.warn("skipping an unreadable model at {}-{}@{}: {}", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                    }
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the model follower stopped: decisions use the last models it read", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
