package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;

/** Every event's JSON example parses against its schema and survives single-object encoding. */
class SchemaExamplesTest {
    static Stream<Arguments> examples() {
        return Stream.of(
            Arguments.of(DecisionRequest.class), Arguments.of(Decision.class), Arguments.of(Reward.class),
            Arguments.of(LoggedFeedback.class), Arguments.of(Feedback.class), Arguments.of(DeadLetter.class),
            Arguments.of(PredictionRequest.class), Arguments.of(PredictionInterval.class), Arguments.of(Label.class),
            Arguments.of(ConformalEvaluation.class), Arguments.of(Advice.class), Arguments.of(CombinedPrediction.class),
            Arguments.of(ExpertsEvaluation.class));
    }

    @ParameterizedTest
    @MethodSource("examples")
    <T extends SpecificRecord> void exampleIsAValidEventThatRoundTrips(Class<T> type) throws IOException {
        Path file = Path.of("src/main/avro", type.getSimpleName() + ".example.json");
        T record = readJson(type, Files.readString(file));
        AvroCodec<T> codec = AvroCodec.of(type);
        byte[] bytes = codec.encode(record);
        assertEquals((byte) 0xC3, bytes[0], "single-object encoding marker");
        assertEquals((byte) 0x01, bytes[1], "single-object encoding marker");
        assertEquals(record, codec.decode(bytes));
        assertArrayEquals(bytes, codec.encode(codec.decode(bytes)));
    }

    @Test
    void unboundedIntervalsSurviveAvroAndJson() throws IOException {
        PredictionInterval unbounded = new PredictionInterval("p", "m", 0.5, null, 1.5, 0.9, "aci", 3L, 4L);
        AvroCodec<PredictionInterval> codec = AvroCodec.of(PredictionInterval.class);
        assertEquals(unbounded, codec.decode(codec.encode(unbounded)));

        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.JsonEncoder encoder =
            org.apache.avro.io.EncoderFactory.get().jsonEncoder(PredictionInterval.getClassSchema(), json);
        new org.apache.avro.specific.SpecificDatumWriter<>(PredictionInterval.class).write(unbounded, encoder);
        encoder.flush();
        String text = json.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(unbounded, readJson(PredictionInterval.class, text), text);
    }

    @Test
    void unreadableBytesAreReportedNotMisread() {
        AvroCodec<Reward> codec = AvroCodec.of(Reward.class);
        byte[] other = AvroCodec.of(DecisionRequest.class).encode(
            DecisionRequest.newBuilder().setRequestId("r").setModelId("m").setTimestamp(1).setActions(java.util.List.of()).build());
        assertThrows(UnreadableRecordException.class, () -> codec.decode(other));
        assertThrows(UnreadableRecordException.class, () -> codec.decode(new byte[] {1, 2, 3}));
        byte[] good = codec.encode(new Reward("r", "m", 1.0, 2L));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(UnreadableRecordException.class, () -> codec.decode(truncated));
        assertThrows(UnreadableRecordException.class, () -> codec.decode(null));
    }

    private static <T extends SpecificRecord> T readJson(Class<T> type, String json) throws IOException {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        return reader.read(null, DecoderFactory.get().jsonDecoder(reader.getSchema(), json));
    }
}
