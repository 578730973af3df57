package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DecisionRandomnessTest {

    @Test
    void dependsOnlyOnSeedAndRequestId() {
        assertEquals(first(7, "r1"), first(7, "r1"));
        assertNotEquals(first(7, "r1"), first(7, "r2"));
        assertNotEquals(first(7, "r1"), first(8, "r1"));
    }

    @Test
    void followsTheDocumentedFormula() {
        assertEquals(0xcbf29ce484222325L, DecisionRandomness.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, DecisionRandomness.fnv1a64("a")); // published FNV-1a 64 vector
        long seed = 123;
        long expected = new SplittableRandom(
            DecisionRandomness.mix(seed ^ DecisionRandomness.mix(DecisionRandomness.fnv1a64("req-9")))).nextLong();
        assertEquals(expected, first(seed, "req-9"));
    }

    private static long first(long seed, String requestId) {
        return DecisionRandomness.forRequest(seed, requestId).nextLong();
    }
}
