package io.regretless.codec;

import java.util.Objects;

import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.SchemaHistory;
import io.regretless.schemas.codec.UnreadableRecordException;

/**
 * A stored Avro record type at an explicit version: the codec writes version {@code version} of the
 * record's schema and reads every released version up to it ({@link SchemaHistory}; each record
 * carries its writer schema's fingerprint, which is its version marker). Bytes of a schema this build
 * does not know — a newer version, or another record — are refused with an error that says so.
 *
 * <p>Built once per record type; it refuses to start when the declared version is not the newest
 * released one, so a schema change cannot ship without its codec saying which version it writes.
 */
final class VersionedRecordCodec<T extends SpecificRecord> {
    private final AvroCodec<T> codec;
    private final String name;
    private final int version;

    private VersionedRecordCodec(AvroCodec<T> codec, String name, int version) {
        this.codec = codec;
        this.name = name;
        this.version = version;
    }

    /** @throws IllegalStateException if {@code version} is not the number of released versions of the schema */
    static <T extends SpecificRecord> VersionedRecordCodec<T> of(Class<T> type, int version) {
        return new VersionedRecordCodec<>(AvroCodec.of(type), type.getSimpleName(), requireNewest(type, version));
    }

    /**
     * Checks that {@code version} is the newest released version of a record's schema, for codecs of
     * records stored inside others (whose fingerprint is the outer record's).
     *
     * @return {@code version}
     * @throws IllegalStateException if it is not
     */
    static int requireNewest(Class<? extends SpecificRecord> type, int version) {
        Objects.requireNonNull(type, "type");
        int released = SchemaHistory.of(SpecificData.get().getSchema(type)).size();
        if (version != released) {
            throw new IllegalStateException(type.getSimpleName() + " has " + released
                + " released schema versions, but its codec says it writes version " + version);
        }
        return version;
    }

    byte[] encode(T record) {
        return codec.encode(record);
    }

    /**
     * @throws UnreadableRecordException if the bytes are not a readable record of a released version,
     *     naming the versions this build reads when the writer schema is unknown
     */
    T decode(byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (UnreadableRecordException e) {
            if (e.getCause() instanceof MissingSchemaException) {
                throw new UnreadableRecordException("a " + name + " written with a schema this build does not know:"
                    + " it reads versions 1 to " + version + " (" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }
}
