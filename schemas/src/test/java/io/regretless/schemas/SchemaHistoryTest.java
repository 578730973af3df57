package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.SchemaHistory;

/**
 * The schema history is complete and enforced: every schema in {@code src/main/avro} has its
 * released versions in {@code src/main/avro/history/<Name>.v1.avsc, .v2.avsc, ...}, the newest
 * being the current schema (same fingerprint); every released version can be read by today's reader
 * (Avro's reader/writer compatibility), and today's codec does read bytes written with each of them.
 * Changing a schema without adding its new version to the history fails here, with the file to add.
 */
class SchemaHistoryTest {
    static final Path AVRO = Path.of("src/main/avro");
    static final Path HISTORY = AVRO.resolve("history");

    static Stream<Arguments> schemas() throws IOException {
        List<Arguments> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(AVRO)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".avsc")).sorted()
                .forEach(n -> names.add(Arguments.of(n.substring(0, n.length() - ".avsc".length()))));
        }
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void everySchemaHasItsReleasedVersionsAndTheNewestIsTodays(String name) throws Exception {
        Schema current = currentSchema(name);
        List<Schema> history = committedHistory(name);
        assertEquals(List.of(), problems(current, history));
        assertEquals(history.size(), SchemaHistory.of(current).size(), "every committed version is on the class path");
    }

    @ParameterizedTest
    @MethodSource("schemas")
    @SuppressWarnings("unchecked")
    void todaysCodecReadsBytesOfEveryReleasedVersion(String name) throws Exception {
        Schema current = currentSchema(name);
        Class<? extends SpecificRecord> type = (Class<? extends SpecificRecord>) SpecificData.get().getClass(current);
        for (Schema released : SchemaHistory.of(current)) {
            Object sample = sample(released);
            byte[] bytes = toArray(new BinaryMessageEncoder<>(GenericData.get(), released).encode(sample));
            SpecificRecord read = AvroCodec.of(type).decode(bytes);
            assertEquals(current.getFullName(), read.getSchema().getFullName());
        }
    }

    @Test
    void aChangedSchemaWithoutItsNewVersionInTheHistoryIsCaught() throws Exception {
        Schema current = currentSchema("Reward");
        List<Schema> history = committedHistory("Reward");
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("channel", Schema.create(Schema.Type.STRING), null, "web"));
        Schema changed = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

        List<String> caught = problems(changed, history);
        assertFalse(caught.isEmpty());
        assertTrue(caught.get(0).contains("Reward.v2.avsc"), caught.toString());

        List<Schema> added = new ArrayList<>(history);
        added.add(changed);
        assertEquals(List.of(), problems(changed, added), "adding the new version is the fix");

        List<Schema.Field> retyped = new ArrayList<>();
        current.getFields().forEach(f -> retyped.add(new Schema.Field(f.name(),
            f.name().equals("value") ? Schema.create(Schema.Type.STRING) : f.schema(), f.doc(), f.defaultVal())));
        Schema incompatible = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, retyped);
        List<Schema> withIncompatible = new ArrayList<>(history);
        withIncompatible.add(incompatible);
        assertTrue(problems(incompatible, withIncompatible).stream().anyMatch(p -> p.contains("cannot read")),
            "a retyped field leaves the older version unreadable");
    }

    /** What is wrong with {@code history} (oldest first) as the released versions of {@code current}. */
    static List<String> problems(Schema current, List<Schema> history) {
        List<String> problems = new ArrayList<>();
        String name = current.getName();
        if (history.isEmpty() || SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1))
                                 != SchemaNormalization.parsingFingerprint64(current)) {
            problems.add(name + " differs from its newest released version: add it to the history as "
                + HISTORY.resolve(name + ".v" + (history.size() + 1) + ".avsc") + " (the whole schema, named types inlined):\n"
                + current.toString(true));
        }
        for (int v = 0; v < history.size(); v++) {
            Schema released = history.get(v);
            if (!released.getFullName().equals(current.getFullName())) {
                problems.add(name + ".v" + (v + 1) + " is " + released.getFullName() + ", not " + current.getFullName());
            }
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                problems.add("today's " + name + " cannot read bytes written with " + name + ".v" + (v + 1) + ": "
                    + compatibility.getDescription());
            }
        }
        return problems;
    }

    static Schema currentSchema(String name) throws IOException {
        String text = Files.readString(AVRO.resolve(name + ".avsc"));
        String namespace = text.contains("\"io.regretless.schemas.state\"") ? "io.regretless.schemas.state" : "io.regretless.schemas";
        try {
            return SpecificData.get().getSchema(Class.forName(namespace + "." + name));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no generated class for " + name, e);
        }
    }

    /** The committed files {@code <Name>.v1.avsc, .v2.avsc, ...}, numbered without gaps. */
    static List<Schema> committedHistory(String name) throws IOException {
        List<Schema> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(HISTORY)) {
            long count = files.filter(p -> p.getFileName().toString().startsWith(name + ".v")).count();
            for (int v = 1; v <= count; v++) {
                Path file = HISTORY.resolve(name + ".v" + v + ".avsc");
                assertTrue(Files.exists(file), "history of " + name + " is numbered v1.." + count + " without gaps; " + file + " is missing");
                versions.add(new Schema.Parser().parse(file.toFile()));
            }
        }
        return versions;
    }

    /** A datum of {@code schema} with a value in every field, for writing with it. */
    static Object sample(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = new GenericData.Record(schema);
                schema.getFields().forEach(f -> record.put(f.pos(), sample(f.schema())));
                yield record;
            }
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                map.put("k", sample(schema.getValueType()));
                yield map;
            }
            case ARRAY -> new GenericData.Array<>(schema, List.of(sample(schema.getElementType())));
            case UNION -> sample(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                .orElse(schema.getTypes().get(0)));
            case STRING -> "s";
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case LONG -> 7L;
            case INT -> 7;
            case DOUBLE -> 0.5;
            case FLOAT -> 0.5f;
            case BOOLEAN -> true;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case NULL -> null;
        };
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
