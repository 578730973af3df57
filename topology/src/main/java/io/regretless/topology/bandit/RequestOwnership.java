package io.regretless.topology.bandit;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Which partition a request id belongs to: the one the Java client's default partitioner picks
 * for it as a key, {@code toPositive(murmur2(utf8(id))) % partitions}. A decision and its reward
 * must meet in the task of that partition; a record that arrives elsewhere (another partitioner,
 * another key) is sent on to it.
 */
final class RequestOwnership {
    private final int partitions;

    /** @param partitions the partition count of the bandit loop's input topics */
    RequestOwnership(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        this.partitions = partitions;
    }

    int partitionOf(String requestId) {
        return Utils.toPositive(Utils.murmur2(requestId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    boolean owns(int partition, String requestId) {
        return partitions == 1 || partitionOf(requestId) == partition;
    }
}
