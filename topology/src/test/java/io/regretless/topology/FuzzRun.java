package io.regretless.topology;

import static io.regretless.topology.HostileJson.assertDeadLettersNameTheField;
import static io.regretless.topology.SameRecords.assertSameRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.TestOutputTopic;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.codec.WireCodec;

/**
 * What one run of a part's fuzz test produced: the part's answers (intervals, combined
 * predictions) and evaluations, its stored model, its dead letters, and the bad JSON it was sent
 * with what each one's dead letter must say ({@link HostileJson#bad}).
 */
public record FuzzRun(List<byte[]> answers, List<byte[]> evaluations, byte[] model, List<DeadLetter> deadLetters,
                      Map<ByteBuffer, String> named) {
    private static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);

    /** Reads what the run's output topics hold. */
    public static FuzzRun read(TestOutputTopic<byte[], byte[]> answers, TestOutputTopic<byte[], byte[]> evaluations,
                               byte[] model, TestOutputTopic<byte[], byte[]> deadLetters, Map<ByteBuffer, String> named) {
        return new FuzzRun(answers.readValuesToList(), evaluations.readValuesToList(), model,
            deadLetters.readValuesToList().stream().map(DEAD::decode).toList(), named);
    }

    public List<String> reasons() {
        return deadLetters.stream().map(DeadLetter::getReason).toList();
    }

    /**
     * The hostile run differs from the clean one only by its dead letters: one per bad record,
     * among them each of {@code reasons}, and each bad JSON record's naming its field.
     */
    public static void assertOnlyDeadLettersDiffer(FuzzRun clean, FuzzRun hostile, int badRecords, List<String> reasons) {
        assertSameRecords("answer", clean.answers(), hostile.answers());
        assertSameRecords("evaluation", clean.evaluations(), hostile.evaluations());
        assertArrayEquals(clean.model(), hostile.model());
        assertTrue(clean.reasons().isEmpty());
        assertEquals(badRecords, hostile.reasons().size(), "one dead letter per bad record");
        for (String reason : reasons) {
            assertTrue(hostile.reasons().contains(reason), reason + " in " + hostile.reasons());
        }
        assertDeadLettersNameTheField(hostile.deadLetters(), hostile.named(), 30);
    }
}
