package io.regretless.schemas.codec;

import java.util.HexFormat;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one topic value type in either {@link WireFormat}, telling them apart when
 * decoding by the first bytes. State stores keep single-object Avro ({@link AvroCodec}); topics
 * carry either.
 *
 * <p><b>Natural JSON</b> is one JSON object (UTF-8) shaped like the record, checked against the
 * committed JSON Schema {@code json-schema/<Name>.schema.json} (draft 2020-12):
 * <ul>
 *   <li>a record is an object with its field names; fields with a default may be omitted, unknown
 *       fields are refused (with a "did you mean" for near misses);</li>
 *   <li>a nullable field is its value or {@code null} (never Avro's {@code {"double": 0.9}});</li>
 *   <li>maps are objects, arrays are arrays, strings are strings;</li>
 *   <li>{@code long}/{@code int} are JSON integers within their range, {@code double} any JSON
 *       number ({@code NaN} and {@code Infinity} are not JSON and are refused as unreadable;
 *       numbers beyond the double range read as infinite, which the application refuses as
 *       non-finite);</li>
 *   <li>{@code bytes} are base64 strings (standard alphabet);</li>
 *   <li>the top-level {@code timestamp} of an input event may be omitted when decoding with a
 *       record timestamp ({@link #decode(byte[], long)}): the Kafka record's timestamp is taken.</li>
 * </ul>
 * Writing emits every field in schema order. Every refusal names the field by JSON pointer
 * ({@code /actions/0/id}) and why: {@link SchemaViolationException} for well-formed JSON that does
 * not fit the schema, {@link UnreadableRecordException} for anything else.
 *
 * <p>Thread-safe.
 */
public final class WireCodec<T extends SpecificRecord> {
    private final AvroCodec<T> avro;
    private final JsonCodec<T> json;

    private WireCodec(Class<T> type) {
        this.avro = AvroCodec.of(type);
        this.json = new JsonCodec<>(type);
    }

    /**
     * A codec for a topic value type.
     *
     * @throws IllegalArgumentException when no JSON Schema is committed for the type
     */
    public static <T extends SpecificRecord> WireCodec<T> of(Class<T> type) {
        return new WireCodec<>(Objects.requireNonNull(type, "type"));
    }

    public Class<T> type() {
        return avro.type();
    }

    public byte[] encode(T record, WireFormat format) {
        return format == WireFormat.JSON ? json.encode(record) : avro.encode(record);
    }

    /**
     * Decodes single-object Avro or natural JSON carrying every required field.
     *
     * @throws UnreadableRecordException when the bytes are neither a readable record nor valid JSON
     *     for it ({@link SchemaViolationException} when JSON does not fit the schema)
     */
    public T decode(byte[] bytes) {
        return decode(bytes, null);
    }

    /**
     * Decodes single-object Avro or natural JSON; JSON that omits the top-level {@code timestamp}
     * gets {@code recordTimestamp}.
     */
    public T decode(byte[] bytes, long recordTimestamp) {
        return decode(bytes, Long.valueOf(recordTimestamp));
    }

    private T decode(byte[] bytes, Long recordTimestamp) {
        WireFormat format = WireFormat.detect(bytes);
        if (format == WireFormat.AVRO) {
            return avro.decode(bytes);
        }
        if (format == WireFormat.JSON) {
            return json.decode(bytes, recordTimestamp);
        }
        throw new UnreadableRecordException(bytes == null
            ? "no bytes: expected a " + type().getSimpleName()
            : "neither single-object Avro (starts C3 01) nor a JSON object (starts '{'): a " + type().getSimpleName()
              + " was expected, the " + bytes.length + " bytes start " + HexFormat.ofDelimiter(" ").formatHex(
                  bytes, 0, Math.min(bytes.length, 4)));
    }
}
