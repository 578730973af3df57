package io.regretless.ops.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' main consumer, made to tell when input was deleted before it was read. A plain
 * consumer whose position fell below the partition's log start (retention deleted what it had not
 * read yet) resets by {@code auto.offset.reset} and says so only at INFO. This one runs with
 * {@code auto.offset.reset=none}, so the broker's answer surfaces here as an exception: the gap is
 * measured (the position against the log start), logged at WARN and counted in {@link InputLoss},
 * and then the reset the application was configured with is carried out — or, when the operator
 * asked for it ({@code regretless.fail.on.data.loss=true}), the application stops instead.
 */
final class LossReportingConsumer extends KafkaConsumer<byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(LossReportingConsumer.class);

    private final String reset;
    private final InputLoss loss;
    private final boolean failOnLoss;

    private LossReportingConsumer(Map<String, Object> config, String reset, InputLoss loss, boolean failOnLoss) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reset = reset;
        this.loss = loss;
        this.failOnLoss = failOnLoss;
    }

    /** A consumer configured by {@code config}, whose {@code auto.offset.reset} it carries out itself. */
    static LossReportingConsumer of(Map<String, Object> config, InputLoss loss, boolean failOnLoss) {
        Map<String, Object> own = new HashMap<>(config);
        Object reset = own.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return new LossReportingConsumer(own, reset == null ? "latest" : reset.toString().toLowerCase(Locale.ROOT),
            loss, failOnLoss);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return super.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            report(e);
            resetPositions(e.partitions(), e);
            return ConsumerRecords.empty();
        } catch (InvalidOffsetException e) {
            resetPositions(e.partitions(), e);
            return ConsumerRecords.empty();
        }
    }

    private void report(OffsetOutOfRangeException e) {
        Map<TopicPartition, Long> positions = e.offsetOutOfRangePartitions();
        Map<TopicPartition, Long> starts = beginningOffsets(positions.keySet());
        StringBuilder lost = new StringBuilder();
        for (Map.Entry<TopicPartition, Long> entry : positions.entrySet()) {
            TopicPartition partition = entry.getKey();
            long position = entry.getValue();
            long start = starts.getOrDefault(partition, position);
            if (position < start) {
                lost.append("\n  ").append(loss.record(partition, position, start));
            } else {
                LOG.warn("The position {} on {} is beyond the end of its log (the topic was truncated or recreated);"
                    + " resetting by auto.offset.reset={}", position, partition, reset);
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        String message = "Input was deleted before the application read it:" + lost
            + "\nRetention deletes by record timestamp, so records stamped older than the topic's retention.ms"
            + " (a replay of old data) are deleted at the broker's next retention pass. Give the input topics"
            + " retention.ms=-1 (or long enough) before replaying history.";
        if (failOnLoss) {
            LOG.error("{}\nStopping because regretless.fail.on.data.loss=true.", message);
            throw new StreamsException(message + "\nStopping because regretless.fail.on.data.loss=true.", e);
        }
        LOG.warn("{}\nThe application goes on after the gap (regretless.fail.on.data.loss=false).", message);
    }

    /** What {@code auto.offset.reset} would have done: earliest, latest, by_duration:&lt;ISO-8601&gt;, or fail (none). */
    private void resetPositions(Set<TopicPartition> partitions, InvalidOffsetException cause) {
        if (reset.equals("earliest")) {
            seekToBeginning(partitions);
        } else if (reset.equals("latest")) {
            seekToEnd(partitions);
        } else if (reset.startsWith("by_duration:")) {
            long since = System.currentTimeMillis() - Duration.parse(reset.substring("by_duration:".length())).toMillis();
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> found = offsetsForTimes(times);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp at = found.get(partition);
                if (at == null) {
                    seekToEnd(Set.of(partition));
                } else {
                    seek(partition, at.offset());
                }
            }
        } else {
            throw cause;
        }
    }
}
