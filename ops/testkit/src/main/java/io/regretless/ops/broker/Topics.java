package io.regretless.ops.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.TopicDescription;

/** Topic creation shared by all {@link KafkaBroker}s. */
final class Topics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Topics() {}

    static void create(Map<String, Object> clientProperties, Map<String, Integer> nameToPartitions,
                       Map<String, String> configs) {
        if (nameToPartitions.isEmpty()) {
            return;
        }
        List<NewTopic> topics = nameToPartitions.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), Optional.of(e.getValue()), Optional.of((short) 1)).configs(configs))
                .toList();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(clientProperties)) {
            admin.createTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, nameToPartitions, deadline);
            awaitOffsets(admin, nameToPartitions, deadline);
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating topics " + nameToPartitions.keySet() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topics " + nameToPartitions.keySet() + " timed out after " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    /**
     * A leader in the metadata is not yet a leader that accepts writes: the first produce can be
     * refused with NOT_LEADER_OR_FOLLOWER and an idempotent producer may then drop its batch
     * (KAFKA-15591). Serving offsets on every partition shows the leaders are really ready.
     */
    private static void awaitOffsets(Admin admin, Map<String, Integer> expected, long deadline)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        expected.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException notYetLeader) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("partitions do not serve offsets yet: " + notYetLeader.getCause());
                }
                Thread.sleep(50);
            }
        }
    }

    /** The broker answers metadata from its own cache, which trails the controller briefly. */
    private static void awaitLeaders(Admin admin, Map<String, Integer> expected, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                Map<String, TopicDescription> found = admin.describeTopics(expected.keySet()).allTopicNames()
                        .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                boolean ready = expected.entrySet().stream().allMatch(e -> {
                    TopicDescription d = found.get(e.getKey());
                    return d != null && d.partitions().size() == e.getValue()
                            && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                });
                if (ready) {
                    return;
                }
            } catch (ExecutionException notYetVisible) {
                // UnknownTopicOrPartition until the broker has applied the metadata record
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions have no leader yet");
            }
            Thread.sleep(50);
        }
    }
}
