package io.regretless.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FeatureHasherTest {

    private static int murmur(String text, int seed) {
        return FeatureHasher.murmur3x86_32(text.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Test
    void matchesPublishedMurmur3Vectors() {
        assertEquals(0, murmur("", 0));
        assertEquals(0x248bfa47, murmur("hello", 0));
        assertEquals(0x2e4ff723, murmur("The quick brown fox jumps over the lazy dog", 0));
        assertEquals(0x24884cba, murmur("Hello, world!", 0x9747b28c));
        assertEquals(0x514e28b7, murmur("", 1));
    }

    @Test
    void coversEveryTailLengthAndNonAsciiNames() {
        // cross-checked against Guava's Hashing.murmur3_32_fixed(0)
        assertEquals(0x3c2569b2, murmur("a", 0));
        assertEquals(0x9bbfd75f, murmur("ab", 0));
        assertEquals(0xb3dd93fa, murmur("abc", 0));
        assertEquals(0x43ed676a, murmur("abcd", 0));
        assertEquals(0x3393660f, murmur("\u00e9t\u00e9", 0));
    }

    @Test
    void indexIsTheFloorModOfTheSignedHash() {
        int hash = murmur("The quick brown fox jumps over the lazy dog", 0);
        assertEquals(Math.floorMod(hash, 1000), FeatureHasher.index("The quick brown fox jumps over the lazy dog", 1000));
        // 0xc0363e43 is negative as an int: floorMod, not %, keeps the index in range
        int negative = murmur("Hello, world!", 0);
        assertTrue(negative < 0);
        assertEquals(Math.floorMod(negative, 7), FeatureHasher.index("Hello, world!", 7));
        assertEquals(Integer.toUnsignedLong(negative) % 1024, FeatureHasher.index("Hello, world!", 1024));
        assertEquals(0, FeatureHasher.index("anything", 1));
    }
}
