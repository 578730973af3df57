package io.regretless.features;

import java.nio.charset.StandardCharsets;

/**
 * The hashing trick (Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask
 * Learning", without their sign hash): a feature name maps to one of d coordinates with no
 * dictionary, so new feature names need no schema change and the model size stays d.
 *
 * <p>Exactly — other systems can reproduce it:
 * {@code index(name, d) = Math.floorMod(murmur3_32(utf8(name), 0), d)}, where murmur3_32 is
 * Austin Appleby's MurmurHash3_x86_32 (SMHasher) with seed 0, its 32-bit result read as a signed
 * Java {@code int}. For d a power of two this equals the unsigned hash mod d; for other d it does
 * not. Names that collide share a coordinate and their values add up.
 */
public final class FeatureHasher {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private FeatureHasher() {
    }

    /** The coordinate of {@code name} in a d-dimensional feature vector, in [0, d). */
    public static int index(String name, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        return Math.floorMod(murmur3x86_32(name.getBytes(StandardCharsets.UTF_8), 0), dimension);
    }

    /** MurmurHash3_x86_32 of {@code data}: little-endian 4-byte blocks, then the tail, then fmix32. */
    public static int murmur3x86_32(byte[] data, int seed) {
        int h = seed;
        int blocksEnd = data.length & ~3;
        for (int i = 0; i < blocksEnd; i += 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | data[i + 3] << 24;
            h ^= scramble(k);
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = data.length & 3;
        if (tail > 0) {
            int k = 0;
            if (tail == 3) {
                k ^= (data[blocksEnd + 2] & 0xff) << 16;
            }
            if (tail >= 2) {
                k ^= (data[blocksEnd + 1] & 0xff) << 8;
            }
            k ^= data[blocksEnd] & 0xff;
            h ^= scramble(k);
        }
        h ^= data.length;
        return fmix32(h);
    }

    private static int scramble(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }

    /** The finaliser: makes every input bit affect every output bit. */
    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
