package io.regretless.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * JSON for the fuzz tests: valid records in either wire format, and bad JSON remembered with what
 * its dead letter must say about it (the field, by JSON pointer).
 */
public final class HostileJson {
    private HostileJson() {
    }

    /** A valid record as Avro, or (when {@code formats} is given) as JSON or Avro at random. */
    public static <T extends SpecificRecord> byte[] valid(WireCodec<T> codec, T record, SplittableRandom formats) {
        return codec.encode(record, formats != null && formats.nextBoolean() ? WireFormat.JSON : WireFormat.AVRO);
    }

    /** {@code record} as JSON text. */
    public static <T extends SpecificRecord> String json(WireCodec<T> codec, T record) {
        return new String(codec.encode(record, WireFormat.JSON), StandardCharsets.UTF_8);
    }

    /** {@code json} as UTF-8, remembered in {@code named} with what its dead letter's detail must contain. */
    public static byte[] bad(String json, String expected, Map<ByteBuffer, String> named) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        named.put(ByteBuffer.wrap(bytes), expected);
        return bytes;
    }

    /** Every remembered bad JSON value has a dead letter that says what was expected, and there were enough of them. */
    public static void assertDeadLettersNameTheField(List<DeadLetter> letters, Map<ByteBuffer, String> named, int atLeast) {
        // a short cut of a JSON text can be drawn twice (the same bytes, one entry in named): compare the texts
        Set<ByteBuffer> answered = new HashSet<>();
        for (DeadLetter letter : letters) {
            String expected = named.get(letter.getValue());
            if (expected != null) {
                assertTrue(letter.getDetail().contains(expected), letter.getReason() + " '" + letter.getDetail()
                    + "' should say " + expected + " for " + StandardCharsets.UTF_8.decode(letter.getValue().duplicate()));
                answered.add(letter.getValue());
            }
        }
        assertEquals(named.keySet(), answered, "every bad JSON record has its dead letter");
        assertTrue(answered.size() >= atLeast, "only " + answered.size() + " bad JSON records");
    }
}
