package io.regretless.schemas.codec;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds a record from its natural JSON shape (see {@link WireCodec}), led by the Avro schema.
 * It refuses, at the first offence and with the JSON Schema's pointers, everything the committed
 * JSON Schema refuses (required and unknown fields, types, integer ranges), and what only the Avro
 * types tell (bytes that are not base64): {@link JsonCodec} asks the JSON Schema for the list of
 * every offending field only after this refused a record.
 */
final class NaturalJsonReader {
    private static final String IMPLICIT_TIMESTAMP = "timestamp";

    private final SpecificData model;
    private final String type;

    NaturalJsonReader(SpecificData model, String type) {
        this.model = model;
        this.type = type;
    }

    /**
     * @param recordTimestamp the Kafka record's timestamp, taken for a top-level {@code timestamp}
     *                        field the JSON omits; null when there is none to take
     */
    Object read(JsonNode node, Schema schema, Long recordTimestamp) {
        if (!node.isObject() || schema.getType() != Schema.Type.RECORD) {
            throw refuse(At.DOCUMENT, "expected an object, found " + kind(node));
        }
        return record(node, schema, At.DOCUMENT, recordTimestamp);
    }

    private Object value(JsonNode node, Schema schema, At at) {
        return switch (schema.getType()) {
            case RECORD -> {
                expect(node.isObject(), node, "an object", at);
                yield record(node, schema, at, null);
            }
            case MAP -> {
                expect(node.isObject(), node, "an object", at);
                // built as Avro's binary decoder builds it, so that a map iterates (and its features
                // hash and add up) in the same order whichever format carried it
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) model.newMap(null, node.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), value(entry.getValue(), schema.getValueType(), at.member(entry.getKey())));
                }
                yield map;
            }
            case ARRAY -> {
                expect(node.isArray(), node, "an array", at);
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) model.newArray(null, node.size(), schema);
                for (int i = 0; i < node.size(); i++) {
                    list.add(value(node.get(i), schema.getElementType(), at.index(i)));
                }
                yield list;
            }
            case UNION -> union(node, schema, at);
            case STRING -> {
                expect(node.isTextual(), node, "a string", at);
                yield node.textValue();
            }
            case BYTES -> {
                expect(node.isTextual(), node, "a base64 string", at);
                try {
                    yield ByteBuffer.wrap(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    throw refuse(at, "not base64: " + e.getMessage());
                }
            }
            case LONG -> {
                try {
                    yield whole(node, at).longValueExact();
                } catch (ArithmeticException e) {
                    throw refuse(at, "not a 64-bit integer: " + node);
                }
            }
            case INT -> {
                try {
                    yield whole(node, at).intValueExact();
                } catch (ArithmeticException e) {
                    throw refuse(at, "not a 32-bit integer: " + node);
                }
            }
            case DOUBLE -> {
                expect(node.isNumber(), node, "a number", at);
                yield node.doubleValue();
            }
            case FLOAT -> {
                expect(node.isNumber(), node, "a number", at);
                yield node.floatValue();
            }
            case BOOLEAN -> {
                expect(node.isBoolean(), node, "true or false", at);
                yield node.booleanValue();
            }
            case ENUM -> {
                if (!node.isTextual() || !schema.getEnumSymbols().contains(node.textValue())) {
                    throw refuse(at, "expected one of " + schema.getEnumSymbols() + ", found " + kind(node));
                }
                yield model.createEnum(node.textValue(), schema);
            }
            case NULL -> {
                expect(node.isNull(), node, "null", at);
                yield null;
            }
            case FIXED -> throw new IllegalStateException("fixed types have no natural JSON shape: " + schema.getFullName());
        };
    }

    private Object record(JsonNode node, Schema schema, At at, Long recordTimestamp) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                List<String> known = schema.getFields().stream().map(Schema.Field::name).toList();
                throw refuse(at.member(name), "unknown field" + EventJsonSchema.suggestion(name, known));
            }
        }
        IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode member = node.get(field.name());
            At where = at.member(field.name());
            if (member != null) {
                record.put(field.pos(), value(member, field.schema(), where));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else if (recordTimestamp != null && field.name().equals(IMPLICIT_TIMESTAMP)
                       && field.schema().getType() == Schema.Type.LONG) {
                record.put(field.pos(), recordTimestamp);
            } else {
                throw refuse(where, "missing required field");
            }
        }
        return record;
    }

    private Object union(JsonNode node, Schema schema, At at) {
        Schema other = null;
        boolean nullable = false;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                nullable = true;
            } else if (other == null) {
                other = branch;
            } else {
                throw new IllegalStateException("only nullable unions have a natural JSON shape: " + schema);
            }
        }
        if (node.isNull()) {
            expect(nullable, node, "a value", at);
            return null;
        }
        return value(node, other, at);
    }

    /** The exact value of a JSON number; callers narrow it, refusing fractions and overflow. */
    private BigDecimal whole(JsonNode node, At at) {
        expect(node.isNumber(), node, "an integer", at);
        try {
            return node.decimalValue();
        } catch (NumberFormatException e) {
            throw refuse(at, "not an integer: " + node);
        }
    }

    private void expect(boolean ok, JsonNode node, String what, At at) {
        if (!ok) {
            throw refuse(at, "expected " + what + ", found " + kind(node));
        }
    }

    private SchemaViolationException refuse(At at, String reason) {
        return new SchemaViolationException(type, List.of(new JsonViolation(at.toString(), reason)));
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where a value sits: its JSON pointer is spelled out only when a refusal names it, so that
     * reading a valid record builds no pointer strings.
     */
    private record At(At parent, String member, int index) {
        static final At DOCUMENT = new At(null, null, -1);

        At member(String name) {
            return new At(this, name, -1);
        }

        At index(int i) {
            return new At(this, null, i);
        }

        @Override
        public String toString() {
            return parent == null ? "" : JsonViolation.child(parent.toString(), member != null ? member : Integer.toString(index));
        }
    }
}
