package io.regretless.topology.deadletter;

import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.metrics.Counters;

/**
 * Sends refused records to the dead-letter sink as {@link DeadLetter}s carrying the reason, the
 * source topic, partition and offset and the original bytes, and counts each one in the metric
 * {@code regretless-dead-letters-total{reason=...}}.
 */
public final class DeadLetters {
    private static final WireCodec<DeadLetter> CODEC = WireCodec.of(DeadLetter.class);

    private final ProcessorContext<byte[], byte[]> context;
    private final String sink;
    private final Counters counters;
    private final WireFormat format;

    /** @param format how dead letters are written (the application's output format) */
    public DeadLetters(ProcessorContext<byte[], byte[]> context, String sink, Counters counters, WireFormat format) {
        this.context = context;
        this.sink = sink;
        this.counters = counters;
        this.format = format;
    }

    /** Refuses {@code source}, the record being processed. */
    public void send(Record<byte[], byte[]> source, DeadLetterReason reason, String detail) {
        send(letter(source, reason, detail));
    }

    /** Sends a dead letter written earlier ({@link #letter}), e.g. for a record that waited in a store first. */
    public void send(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey());
        context.forward(new Record<>(key, CODEC.encode(letter, format), letter.getTimestamp()), sink);
        counters.increment("dead-letters-total", "Records sent to the dead-letter topic", Map.of("reason", letter.getReason()));
    }

    /** The dead letter {@code source}, the record being processed, would become, without sending it. */
    public DeadLetter letter(Record<byte[], byte[]> source, DeadLetterReason reason, String detail) {
        RecordMetadata where = context.recordMetadata().orElse(null);
        return DeadLetter.newBuilder()
            .setReason(reason.name())
            .setDetail(detail == null ? "" : detail)
            .setSourceTopic(where == null ? "(punctuation)" : where.topic())
            .setPartition(where == null ? -1 : where.partition())
            .setOffset(where == null ? -1L : where.offset())
            .setTimestamp(source.timestamp())
            .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
            .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
            .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
