package io.regretless.ops.testkit;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer group stands on its input partitions: committed offset, log start and log end.
 * A failing integration test prints it, so "the app is behind", "the app read everything" and "the
 * input was deleted before the app read it" (committed below the log start) can be told apart.
 */
public record InputLag(String group, Map<TopicPartition, Position> positions) {
    /** One partition: the group's committed offset (-1 if none), the log start and the log end. */
    public record Position(long committed, long logStart, long logEnd) {
        long lag() {
            return committed < 0 ? logEnd - logStart : Math.max(0, logEnd - committed);
        }
    }

    /** Reads the positions of {@code group} on every partition of {@code topics}. */
    public static InputLag read(Map<String, Object> clientProperties, String group, Collection<String> topics) {
        try (Admin admin = Admin.create(clientProperties)) {
            List<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS)
                .values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> {
                earliest.put(p, OffsetSpec.earliest());
                latest.put(p, OffsetSpec.latest());
            });
            Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Position> positions = new TreeMap<>(
                (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                positions.put(p, new Position(c == null ? -1 : c.offset(), starts.get(p).offset(), ends.get(p).offset()));
            }
            return new InputLag(group, positions);
        } catch (Exception e) {
            return new InputLag(group + " (positions unavailable: " + e + ")", Map.of());
        }
    }

    /** Records the group has yet to process on all partitions. */
    public long totalLag() {
        return positions.values().stream().mapToLong(Position::lag).sum();
    }

    /** Whether input the group had not read yet was deleted (its committed offset is below the log start). */
    public boolean inputDeletedUnread() {
        return positions.values().stream().anyMatch(p -> p.committed() >= 0 && p.committed() < p.logStart());
    }

    @Override
    public String toString() {
        StringJoiner lines = new StringJoiner("\n  ", "group " + group + " (lag " + totalLag() + "):\n  ", "");
        positions.forEach((p, pos) -> lines.add(p + ": committed " + pos.committed() + ", log start " + pos.logStart()
            + ", log end " + pos.logEnd()
            + (pos.committed() >= 0 && pos.committed() < pos.logStart()
                ? "  <- records below the log start were deleted before the group read them" : "")));
        return lines.toString();
    }
}
