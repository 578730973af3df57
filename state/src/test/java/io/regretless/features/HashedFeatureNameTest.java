package io.regretless.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Hashing the parts as they are read gives exactly the hash of their concatenation's UTF-8 bytes. */
class HashedFeatureNameTest {
    @Test
    void equalsTheHashOfTheConcatenation() {
        SplittableRandom random = new SplittableRandom(1);
        List<String> fixed = List.of("", "a", "ab", "abc", "abcd", "country=DE", "é", "日本", "\uD83D\uDE00", "\uD800x", "x\uDC00");
        for (String a : fixed) {
            for (String b : fixed) {
                check("c^", a, "^", b);
                check(a, null, b, null);
            }
        }
        for (int n = 0; n < 20_000; n++) {
            check(randomString(random), randomString(random), randomString(random), randomString(random));
        }
    }

    private static void check(String a, String b, String c, String d) {
        String joined = (a == null ? "" : a) + (b == null ? "" : b) + (c == null ? "" : c) + (d == null ? "" : d);
        int expected = Math.floorMod(FeatureHasher.murmur3x86_32(joined.getBytes(StandardCharsets.UTF_8), 0), 1 << 20);
        assertEquals(expected, HashedFeatureName.index(a, b, c, d, 1 << 20), joined);
        assertEquals(FeatureHasher.index(joined, 37), HashedFeatureName.index(a, b, c, d, 37), joined);
    }

    private static String randomString(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(0, 9);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(6);
            s.append(kind < 3 ? (char) random.nextInt(0x20, 0x7F) : kind == 3 ? (char) random.nextInt(0x80, 0x800)
                : kind == 4 ? (char) random.nextInt(0x800, 0xFFFF) : (char) random.nextInt(0xD800, 0xE000));
        }
        return s.toString();
    }
}
