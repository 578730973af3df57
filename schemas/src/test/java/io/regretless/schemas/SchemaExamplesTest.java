package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.LinearBanditState;

/**
 * Every topic value's example file is valid natural JSON input (it passes the committed JSON
 * Schema and decodes), and survives both wire formats unchanged.
 */
class SchemaExamplesTest {
    static Stream<Arguments> examples() {
        return Examples.TOPIC_VALUES.stream().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("examples")
    <T extends SpecificRecord> void exampleIsValidInputThatRoundTripsInBothFormats(Class<T> type) {
        WireCodec<T> codec = WireCodec.of(type);
        T record = codec.decode(Examples.bytes(type));

        byte[] avro = codec.encode(record, WireFormat.AVRO);
        assertEquals((byte) 0xC3, avro[0], "single-object encoding marker");
        assertEquals((byte) 0x01, avro[1], "single-object encoding marker");
        assertEquals(record, codec.decode(avro));
        assertArrayEquals(avro, codec.encode(codec.decode(avro), WireFormat.AVRO));

        byte[] json = codec.encode(record, WireFormat.JSON);
        assertEquals('{', json[0]);
        assertEquals(record, codec.decode(json), new String(json));
        assertArrayEquals(json, codec.encode(codec.decode(json), WireFormat.JSON));
    }

    @Test
    void theSnapshotExampleCarriesAReadableModel() {
        ModelSnapshot snapshot = Examples.read(ModelSnapshot.class);
        ByteBuffer state = snapshot.getState();
        LinearBanditState model = AvroCodec.of(LinearBanditState.class).decode(Arrays.copyOfRange(
            state.array(), state.arrayOffset() + state.position(), state.arrayOffset() + state.limit()));
        assertEquals(snapshot.getModelId(), model.getModelId());
        assertEquals(snapshot.getVersion(), model.getVersion());
    }

    @Test
    void unboundedIntervalsSurviveAvroAndJson() {
        PredictionInterval unbounded = new PredictionInterval("p", "m", 0.5, null, 1.5, 0.9, "aci", 3L, 4L);
        WireCodec<PredictionInterval> codec = WireCodec.of(PredictionInterval.class);
        for (WireFormat format : WireFormat.values()) {
            assertEquals(unbounded, codec.decode(codec.encode(unbounded, format)), format.name());
        }
        assertEquals("{\"id\":\"p\",\"modelId\":\"m\",\"prediction\":0.5,\"lower\":null,\"upper\":1.5,"
            + "\"coverageTarget\":0.9,\"calibrator\":\"aci\",\"version\":3,\"timestamp\":4}",
            new String(codec.encode(unbounded, WireFormat.JSON)), "nulls are plain null, numbers plain numbers");
    }

    @Test
    void unreadableBytesAreReportedNotMisread() {
        AvroCodec<Reward> codec = AvroCodec.of(Reward.class);
        byte[] other = AvroCodec.of(DecisionRequest.class).encode(
            DecisionRequest.newBuilder().setRequestId("r").setModelId("m").setTimestamp(1).setActions(List.of()).build());
        assertThrows(UnreadableRecordException.class, () -> codec.decode(other));
        assertThrows(UnreadableRecordException.class, () -> codec.decode(new byte[] {1, 2, 3}));
        byte[] good = codec.encode(new Reward("r", "m", 1.0, 2L));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        assertThrows(UnreadableRecordException.class, () -> codec.decode(truncated));
        assertThrows(UnreadableRecordException.class, () -> codec.decode(null));
    }
}
