package io.regretless.bandit;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The random stream of one decision, a function of the model's seed and the request id only, so
 * replaying the same requests against the same model state gives the same decisions and
 * propensities — on any JVM, in any partition assignment, after any restart.
 *
 * <p>Exactly: h = FNV-1a 64 of the UTF-8 bytes of the request id (offset basis
 * 0xcbf29ce484222325, prime 0x100000001b3); the stream is {@code new SplittableRandom(
 * mix(seed ^ mix(h)))}, where mix is the 64-bit finaliser of SplitMix64 (Steele, Lea &amp; Flood
 * 2014, "Fast Splittable Pseudorandom Number Generators"; Stafford's variant 13).
 */
public final class DecisionRandomness {
    private DecisionRandomness() {
    }

    public static SplittableRandom forRequest(long seed, String requestId) {
        return new SplittableRandom(mix(seed ^ mix(fnv1a64(requestId))));
    }

    static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Every input bit affects every output bit, so nearby seeds and ids give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
