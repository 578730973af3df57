package io.regretless.schemas.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka {@link Serde} over {@link AvroCodec}: single-object-encoded Avro, no schema registry.
 * Deserialising unreadable bytes throws {@link UnreadableRecordException}; topologies that must
 * dead-letter such records read raw bytes and call {@link AvroCodec#decode} themselves.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroCodec<T> codec;

    public AvroSerde(AvroCodec<T> codec) {
        this.codec = codec;
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(AvroCodec.of(type));
    }

    public AvroCodec<T> codec() {
        return codec;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : codec.encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
