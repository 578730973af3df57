package io.regretless.schemas.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type with Avro's single-object encoding (the 2-byte marker
 * {@code C3 01}, the 8-byte CRC-64-AVRO fingerprint of the writer schema, then the binary body).
 *
 * <p>The decoder knows the current schema, every released version of it ({@link SchemaHistory})
 * and any further writer schema passed in, so bytes written by an older version of the application
 * (a changelog restore, a replayed topic, an old producer) are resolved into the current record.
 * Bytes of a writer schema it does not know are refused, never guessed.
 *
 * <p>Thread-safe: Avro's message encoder and decoder keep per-thread buffers.
 */
public final class AvroCodec<T extends SpecificRecord> {
    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type, Schema schema, List<Schema> olderWriterSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        SchemaStore.Cache older = new SchemaStore.Cache();
        SchemaHistory.of(schema).forEach(older::addSchema);
        olderWriterSchemas.forEach(older::addSchema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, older);
    }

    /** A codec for a generated record class, reading its released versions and the given writer schemas. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema... olderWriterSchemas) {
        Objects.requireNonNull(type, "type");
        return new AvroCodec<>(type, SpecificData.get().getSchema(type), List.of(olderWriterSchemas));
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /**
     * Decodes single-object-encoded bytes.
     *
     * @throws UnreadableRecordException when the bytes are not a single-object-encoded record of a
     *     known writer schema, or are truncated or corrupt
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new UnreadableRecordException("no bytes: expected a single-object-encoded " + type.getSimpleName());
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException(
                "not a readable " + type.getSimpleName() + " (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }
}
