package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The committed JSON Schema of each topic value describes the same record as its Avro schema:
 * the same fields in the same order at every level, the same types (long and int as integers within
 * their range, bytes as base64 strings, nullable as "or null"), required exactly when Avro has no
 * default (except an input event's top-level timestamp, which JSON may omit), the same defaults,
 * and no field the Avro schema does not know.
 */
class JsonSchemaMatchesAvroTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path DIR = Path.of("src/main/json-schema");

    static Stream<Arguments> topicValues() {
        return Examples.TOPIC_VALUES.stream().map(Arguments::of);
    }

    @Test
    void thereIsOneJsonSchemaPerTopicValue() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> listed = Files.list(DIR)) {
            listed.forEach(p -> files.add(p.getFileName().toString()));
        }
        Set<String> expected = new TreeSet<>();
        Examples.TOPIC_VALUES.forEach(t -> expected.add(t.getSimpleName() + ".schema.json"));
        assertEquals(expected, files);
    }

    @ParameterizedTest
    @MethodSource("topicValues")
    void jsonSchemaAndAvroSchemaDescribeTheSameRecord(Class<? extends SpecificRecord> type) throws IOException {
        JsonNode root = MAPPER.readTree(DIR.resolve(type.getSimpleName() + ".schema.json").toFile());
        assertEquals("https://json-schema.org/draft/2020-12/schema", root.path("$schema").asText());
        List<String> problems = new ArrayList<>();
        new Walk(root, Examples.INPUTS.contains(type), problems).record(root, SpecificData.get().getSchema(type), "", true);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Walks a JSON Schema and an Avro schema side by side, noting every difference. */
    private record Walk(JsonNode root, boolean input, List<String> problems) {
        void node(JsonNode json, Schema avro, String at) {
            json = resolve(json);
            switch (avro.getType()) {
                case RECORD -> record(json, avro, at, false);
                case MAP -> {
                    type(json, "object", at);
                    node(json.path("additionalProperties"), avro.getValueType(), at + "/*");
                }
                case ARRAY -> {
                    type(json, "array", at);
                    node(json.path("items"), avro.getElementType(), at + "/[]");
                }
                case UNION -> nullable(json, avro, at);
                case STRING -> {
                    type(json, "string", at);
                    check(!json.has("contentEncoding"), at, "a string is not base64");
                }
                case BYTES -> {
                    type(json, "string", at);
                    check("base64".equals(json.path("contentEncoding").asText()), at, "bytes need contentEncoding base64");
                }
                case LONG -> integer(json, at, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
                case INT -> integer(json, at, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
                case DOUBLE, FLOAT -> type(json, "number", at);
                case BOOLEAN -> type(json, "boolean", at);
                default -> problems.add(at + ": no natural JSON shape for " + avro.getType());
            }
        }

        void record(JsonNode json, Schema avro, String at, boolean top) {
            json = resolve(json);
            type(json, "object", at);
            check(json.path("additionalProperties").isBoolean() && !json.path("additionalProperties").booleanValue(), at,
                "unknown fields must be refused (additionalProperties: false)");
            List<String> properties = new ArrayList<>();
            json.path("properties").fieldNames().forEachRemaining(properties::add);
            List<String> fields = avro.getFields().stream().map(Schema.Field::name).toList();
            check(properties.equals(fields), at, "properties " + properties + " but Avro fields " + fields);
            Set<String> required = new TreeSet<>();
            json.path("required").forEach(n -> required.add(n.asText()));
            Set<String> expected = new TreeSet<>();
            for (Schema.Field field : avro.getFields()) {
                boolean implicit = top && input && field.name().equals("timestamp");
                if (!field.hasDefaultValue() && !implicit) {
                    expected.add(field.name());
                }
                JsonNode property = json.path("properties").path(field.name());
                if (field.hasDefaultValue()) {
                    JsonNode avroDefault = field.defaultVal() == JsonProperties.NULL_VALUE
                        ? MAPPER.nullNode() : MAPPER.valueToTree(field.defaultVal());
                    check(avroDefault.equals(property.get("default")), at + "/" + field.name(),
                        "default " + property.get("default") + " but Avro's is " + avroDefault);
                } else {
                    check(!property.has("default"), at + "/" + field.name(), "a default that Avro does not have");
                }
                node(property, field.schema(), at + "/" + field.name());
            }
            check(required.equals(expected), at, "required " + required + " but expected " + expected);
        }

        void nullable(JsonNode json, Schema union, String at) {
            List<Schema> others = union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
            check(others.size() == 1 && union.getTypes().size() == 2, at, "only nullable unions have a natural shape");
            if (json.has("anyOf")) {
                check(json.path("anyOf").size() == 2 && "null".equals(json.path("anyOf").path(1).path("type").asText()), at,
                    "anyOf must be [the type, null]");
                node(json.path("anyOf").path(0), others.get(0), at);
                return;
            }
            JsonNode types = json.path("type");
            check(types.isArray() && types.size() == 2 && "null".equals(types.path(1).asText()), at, "type must be [the type, \"null\"]");
            ObjectNode single = json.deepCopy();
            single.set("type", types.path(0));
            node(single, others.get(0), at);
        }

        void integer(JsonNode json, String at, BigInteger min, BigInteger max) {
            type(json, "integer", at);
            check(min.equals(json.path("minimum").bigIntegerValue()) && max.equals(json.path("maximum").bigIntegerValue()), at,
                "integer range must be [" + min + ", " + max + "]");
        }

        void type(JsonNode json, String expected, String at) {
            check(expected.equals(json.path("type").asText()), at, "type " + json.path("type") + " but expected " + expected);
        }

        JsonNode resolve(JsonNode json) {
            String ref = json.path("$ref").asText("");
            return ref.startsWith("#") ? root.at(ref.substring(1)) : json;
        }

        void check(boolean ok, String at, String problem) {
            if (!ok) {
                problems.add((at.isEmpty() ? "/" : at) + ": " + problem);
            }
        }
    }
}
