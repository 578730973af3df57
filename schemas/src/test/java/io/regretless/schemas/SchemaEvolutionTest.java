package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.SchemaHistory;
import io.regretless.schemas.codec.UnreadableRecordException;

/**
 * The compatibility rule for every input topic, exercised both ways with single-object encoding:
 * an older writer whose schema had a field since removed is read by today's reader (given the old
 * schema), and today's writer is read by a newer reader that added a field with a default. A
 * writer schema the reader was not given is refused, never misread.
 */
class SchemaEvolutionTest {
    static Stream<Arguments> inputs() {
        return Examples.INPUTS.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    <T extends SpecificRecord> void olderWriterIsReadByTodaysReader(Class<T> type) throws IOException {
        T today = example(type);
        Schema older = withField(today.getSchema(), new Schema.Field("legacySource", Schema.create(Schema.Type.STRING),
            "a field the older version wrote and this one dropped", (Object) null));
        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field f : today.getSchema().getFields()) {
            old.put(f.name(), GenericData.get().deepCopy(f.schema(), today.get(f.pos())));
        }
        old.put("legacySource", "v0");
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);

        assertEquals(today, AvroCodec.of(type, older).decode(toArray(bytes)));
        assertThrows(UnreadableRecordException.class, () -> AvroCodec.of(type).decode(toArray(bytes)),
            "without the old schema the reader refuses rather than guesses");
    }

    @ParameterizedTest
    @MethodSource("inputs")
    <T extends SpecificRecord> void todaysWriterIsReadByANewerReader(Class<T> type) throws IOException {
        T today = example(type);
        Schema newer = withField(today.getSchema(), new Schema.Field("region", Schema.create(Schema.Type.STRING),
            "a field a newer version added, with a default", "unknown"));
        BinaryMessageDecoder<GenericRecord> reader = new BinaryMessageDecoder<>(GenericData.get(), newer);
        reader.addSchema(today.getSchema());
        GenericRecord read = reader.decode(AvroCodec.of(type).encode(today));

        assertEquals("unknown", read.get("region").toString());
        for (Schema.Field f : today.getSchema().getFields()) {
            assertEquals(String.valueOf(today.get(f.pos())), String.valueOf(read.get(f.name())), f.name());
        }
    }

    @Test
    void aPredictionRequestWrittenBeforeGroupsReadsWithNone() throws IOException {
        Schema v1 = SchemaHistory.of(PredictionRequest.getClassSchema()).get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("id", "p1");
        old.put("modelId", "temperature");
        old.put("prediction", 0.64);
        old.put("timestamp", 7L);
        old.put("targetCoverage", 0.9);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        assertEquals(new PredictionRequest("p1", "temperature", 0.64, 7L, 0.9, List.of()),
            AvroCodec.of(PredictionRequest.class).decode(toArray(bytes)));
    }

    private static Schema withField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : base.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static <T extends SpecificRecord> T example(Class<T> type) {
        return Examples.read(type);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
