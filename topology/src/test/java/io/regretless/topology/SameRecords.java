package io.regretless.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Two runs produced the same output records, byte for byte and in the same order. */
public final class SameRecords {
    private SameRecords() {
    }

    public static void assertSameRecords(String what, List<byte[]> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), what + ": number of records");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + " " + i);
        }
    }
}
