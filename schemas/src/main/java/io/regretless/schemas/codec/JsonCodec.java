package io.regretless.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Natural JSON for one record type: strict parsing (one UTF-8 JSON object, no duplicate keys, no
 * trailing content, no NaN or Infinity tokens), then the record built and checked by its Avro schema;
 * a refused record is reported with every violation of the committed JSON Schema. Thread-safe.
 */
final class JsonCodec<T extends SpecificRecord> {
    static final ObjectMapper MAPPER = new ObjectMapper(
        JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");

    private final Class<T> type;
    private final Schema schema;
    private final EventJsonSchema jsonSchema;
    private final NaturalJsonReader reader;
    /** An output event's JSON must carry its timestamp; only an input event's may take the record's. */
    private final boolean timestampRequired;

    JsonCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.jsonSchema = EventJsonSchema.of(schema.getName(), MAPPER);
        this.reader = new NaturalJsonReader(model, type.getSimpleName());
        this.timestampRequired = jsonSchema.requires("timestamp");
    }

    /**
     * @param recordTimestamp taken for a top-level {@code timestamp} the JSON omits; null for none
     * @throws SchemaViolationException naming each offending field when the JSON does not fit the schema
     * @throws UnreadableRecordException when the bytes are not one well-formed JSON object
     */
    T decode(byte[] bytes, Long recordTimestamp) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException(
                "JSON " + type.getSimpleName() + " is not valid JSON" + where(e) + ": " + reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return type.cast(reader.read(tree, schema, timestampRequired ? null : recordTimestamp));
        } catch (SchemaViolationException firstOnly) {
            // The reader checks every rule the JSON Schema states, but stops at the first; only a
            // refused record pays for the JSON Schema's list of every offending field.
            List<JsonViolation> violations = jsonSchema.violations(tree);
            throw violations.isEmpty() ? firstOnly : new SchemaViolationException(type.getSimpleName(), violations);
        }
    }

    byte[] encode(T record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(bytes)) {
            NaturalJsonWriter.write(out, record, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
        return bytes.toByteArray();
    }

    /** Jackson's message without the source description it puts inside nested locations. */
    private static String reason(JsonProcessingException e) {
        return SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("[");
    }

    /** " at /pointer (line l, column c)" of where parsing stopped. */
    private static String where(JsonProcessingException e) {
        StringBuilder at = new StringBuilder();
        if (e.getProcessor() instanceof JsonParser parser) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            at.append(" at ").append(pointer.isEmpty() ? "(the document)" : pointer);
        }
        JsonLocation location = e.getLocation();
        if (location != null) {
            at.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
        }
        return at.toString();
    }
}
