package io.regretless.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regretless.schemas.codec.JsonViolation;
import io.regretless.schemas.codec.SchemaViolationException;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/** Natural JSON beside single-object Avro: detection, the natural shape, and refusals that name the field. */
class WireCodecTest {
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);

    @Test
    void theFormatIsToldByTheFirstBytes() {
        assertEquals(WireFormat.AVRO, WireFormat.detect(REQUESTS.encode(Examples.read(DecisionRequest.class), WireFormat.AVRO)));
        assertEquals(WireFormat.JSON, WireFormat.detect(utf8("{}")));
        assertEquals(WireFormat.JSON, WireFormat.detect(utf8(" \r\n\t{\"a\": 1}")));
        assertEquals(WireFormat.JSON, WireFormat.detect(utf8("\uFEFF {}")), "a UTF-8 byte-order mark is skipped");
        assertNull(WireFormat.detect(utf8("[1, 2]")));
        assertNull(WireFormat.detect(utf8("\"checkout\"")));
        assertNull(WireFormat.detect(new byte[0]));
        assertNull(WireFormat.detect(null));
        assertEquals(WireFormat.JSON, WireFormat.parse(" JSON "));
        assertThrows(IllegalArgumentException.class, () -> WireFormat.parse("xml"));
    }

    @Test
    void theNaturalShapeWithOptionalFieldsOmittedTakesTheRecordTimestamp() {
        DecisionRequest request = REQUESTS.decode(utf8("""
            {"requestId": "r1", "modelId": "checkout", "context": {"age": 0.3}, "actions": [{"id": "a", "features": {}}, {"id": "b"}]}"""),
            1_764_115_200_000L);
        assertEquals(new DecisionRequest("r1", "checkout", 1_764_115_200_000L, Map.of("age", 0.3),
            List.of(new Action("a", Map.of()), new Action("b", Map.of()))), request);

        PredictionRequest prediction = WireCodec.of(PredictionRequest.class).decode(utf8("""
            {"id": "p", "modelId": "s", "prediction": 1, "timestamp": 7}"""));
        assertEquals(new PredictionRequest("p", "s", 1.0, 7L, null, List.of()), prediction,
            "an integer is a fine double; null and no groups by default");
        assertEquals(0.9, WireCodec.of(PredictionRequest.class).decode(utf8("""
            {"id": "p", "modelId": "s", "prediction": 1, "timestamp": 7, "targetCoverage": 0.9}""")).getTargetCoverage());
    }

    @Test
    void avroAndJsonOnOneTopicDecodeAlike() {
        DecisionRequest example = Examples.read(DecisionRequest.class);
        assertEquals(REQUESTS.decode(REQUESTS.encode(example, WireFormat.AVRO)), REQUESTS.decode(REQUESTS.encode(example, WireFormat.JSON)));
        assertEquals(example, REQUESTS.decode(utf8("\uFEFF\n  " + new String(REQUESTS.encode(example, WireFormat.JSON), StandardCharsets.UTF_8))));
    }

    @Test
    void doublesSurviveJsonBitForBit() {
        SplittableRandom random = new SplittableRandom(3);
        WireCodec<Reward> rewards = WireCodec.of(Reward.class);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e100, -1e-300, 0.1, 1.0 / 3};
        for (int i = 0; i < 2_000; i++) {
            double value = i < special.length ? special[i] : Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(value)) {
                continue;
            }
            Reward reward = new Reward("r", "m", value, random.nextLong());
            Reward back = rewards.decode(rewards.encode(reward, WireFormat.JSON));
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(back.getValue()), Double.toString(value));
            assertEquals(reward.getTimestamp(), back.getTimestamp());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        no actions                | {"requestId": "r", "modelId": "m", "timestamp": 1}                                          | /actions                | missing required field
        typo in a field name      | {"reqestId": "r", "modelId": "m", "timestamp": 1, "actions": []}                            | /reqestId               | unknown field (did you mean 'requestId'?)
        typo inside an action     | {"requestId": "r", "modelId": "m", "timestamp": 1, "actions": [{"id": "a", "feature": {}}]} | /actions/0/feature      | unknown field (did you mean 'features'?)
        action without id         | {"requestId": "r", "modelId": "m", "timestamp": 1, "actions": [{"id": "a"}, {}]}            | /actions/1/id           | missing required field
        feature given as a string | {"requestId": "r", "modelId": "m", "timestamp": 1, "actions": [{"id": "a", "features": {"p": "high"}}]} | /actions/0/features/p | string found, number expected
        null context feature      | {"requestId": "r", "modelId": "m", "timestamp": 1, "context": {"a/b": null}, "actions": []} | /context/a~1b           | null found, number expected
        null id                   | {"requestId": null, "modelId": "m", "timestamp": 1, "actions": []}                          | /requestId              | null found, string expected
        fractional timestamp      | {"requestId": "r", "modelId": "m", "timestamp": 1.5, "actions": []}                         | /timestamp              | integer expected
        timestamp beyond 64 bits  | {"requestId": "r", "modelId": "m", "timestamp": 99999999999999999999, "actions": []}        | /timestamp              | maximum
        timestamp as a big float  | {"requestId": "r", "modelId": "m", "timestamp": 1e30, "actions": []}                        | /timestamp              | 64-bit integer
        context as an array       | {"requestId": "r", "modelId": "m", "timestamp": 1, "context": [], "actions": []}            | /context                | array found, object expected
        """)
    void schemaViolationsNameTheField(String what, String json, String pointer, String reason) {
        SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> REQUESTS.decode(utf8(json), 5L), what);
        JsonViolation first = e.violations().get(0);
        assertEquals(pointer, first.pointer(), e.getMessage());
        assertTrue(first.reason().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(pointer + ": "), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        NaN is not JSON          | {"requestId": "r", "modelId": "m", "timestamp": 1, "context": {"x": NaN}, "actions": []} | at /context/x
        Infinity is not JSON     | {"requestId": "r", "modelId": "m", "timestamp": 1, "actions": [{"id": "a", "features": {"p": -Infinity}}]} | at /actions/0/features/p
        truncated                | {"requestId": "r", "modelId": "m", "actions": [{"id": "a"                                 | at /actions/0
        a key twice              | {"requestId": "r", "requestId": "s", "modelId": "m", "actions": []}                       | at /requestId
        trailing content         | {"requestId": "r", "modelId": "m", "actions": []} {}                                      | (line 1
        unquoted name            | {requestId: "r"}                                                                          | at (the document)
        """)
    void malformedJsonIsUnreadableAndSaysWhere(String what, String json, String where) {
        UnreadableRecordException e = assertThrows(UnreadableRecordException.class, () -> REQUESTS.decode(utf8(json), 5L), what);
        assertTrue(!(e instanceof SchemaViolationException), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(!e.getMessage().contains("Source:"), "no parser internals: " + e.getMessage());
    }

    @Test
    void avrosOwnJsonEncodingOfUnionsIsNotNaturalJson() {
        SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> WireCodec.of(PredictionRequest.class)
            .decode(utf8("{\"id\": \"p\", \"modelId\": \"s\", \"prediction\": 0.6, \"timestamp\": 1, \"targetCoverage\": {\"double\": 0.9}}")));
        assertEquals("/targetCoverage", e.violations().get(0).pointer(), e.getMessage());
    }

    @Test
    void bytesAreBase64() {
        WireCodec<DeadLetter> letters = WireCodec.of(DeadLetter.class);
        DeadLetter letter = letters.decode(Examples.bytes(DeadLetter.class));
        assertEquals("checkout", StandardCharsets.UTF_8.decode(letter.getKey().duplicate()).toString());
        String json = new String(letters.encode(letter, WireFormat.JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"key\":\"Y2hlY2tvdXQ=\""), json);
        SchemaViolationException e = assertThrows(SchemaViolationException.class,
            () -> letters.decode(utf8(json.replace("Y2hlY2tvdXQ=", "not base64!"))));
        assertEquals("/key", e.violations().get(0).pointer());
    }

    @Test
    void anythingElseIsUnreadableAndSaysWhatItStartsWith() {
        UnreadableRecordException e = assertThrows(UnreadableRecordException.class, () -> REQUESTS.decode(utf8("checkout,0.3")));
        assertTrue(e.getMessage().contains("63 68 65 63"), e.getMessage());
        assertInstanceOf(UnreadableRecordException.class, assertThrows(RuntimeException.class, () -> REQUESTS.decode(null)));
    }

    @Test
    void aMissingTimestampIsRefusedWhenThereIsNoRecordTimestamp() {
        SchemaViolationException e = assertThrows(SchemaViolationException.class,
            () -> REQUESTS.decode(utf8("{\"requestId\": \"r\", \"modelId\": \"m\", \"actions\": []}")));
        assertEquals("/timestamp", e.violations().get(0).pointer(), e.getMessage());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
