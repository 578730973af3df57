package io.regretless.schemas.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a record in its natural JSON shape (see {@link WireCodec}), led by the Avro schema: every
 * field, in schema order, nulls written as {@code null}.
 */
final class NaturalJsonWriter {
    private NaturalJsonWriter() {
    }

    static void write(JsonGenerator out, Object datum, Schema schema) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                out.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    out.writeFieldName(field.name());
                    write(out, record.get(field.pos()), field.schema());
                }
                out.writeEndObject();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    write(out, entry.getValue(), schema.getValueType());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (Object element : (Collection<?>) datum) {
                    write(out, element, schema.getElementType());
                }
                out.writeEndArray();
            }
            case UNION -> {
                if (datum == null) {
                    out.writeNull();
                } else {
                    write(out, datum, nonNull(schema));
                }
            }
            case STRING, ENUM -> out.writeString(datum.toString());
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.writeBinary(bytes);
            }
            case LONG -> out.writeNumber((Long) datum);
            case INT -> out.writeNumber((Integer) datum);
            case DOUBLE -> out.writeNumber((Double) datum);
            case FLOAT -> out.writeNumber((Float) datum);
            case BOOLEAN -> out.writeBoolean((Boolean) datum);
            case NULL -> out.writeNull();
            case FIXED -> throw new IllegalStateException("fixed types have no natural JSON shape: " + schema.getFullName());
        }
    }

    private static Schema nonNull(Schema union) {
        Schema other = null;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                if (other != null) {
                    throw new IllegalStateException("only nullable unions have a natural JSON shape: " + union);
                }
                other = branch;
            }
        }
        return other;
    }
}
