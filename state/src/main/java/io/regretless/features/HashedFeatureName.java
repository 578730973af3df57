package io.regretless.features;

/**
 * MurmurHash3_x86_32 of the UTF-8 bytes of a feature name given in up to four parts (a prefix such
 * as {@code "c^"}, an action id, a separator, a name), computed as the parts are read: the same
 * value as {@link FeatureHasher#murmur3x86_32} of the concatenation's UTF-8 bytes, without building
 * the concatenated string or its byte array. Unpaired surrogates encode as '?', as
 * {@link String#getBytes(java.nio.charset.Charset)} encodes them.
 */
public final class HashedFeatureName {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private int h;
    private int k;
    private int pending;
    private int length;
    /** A high surrogate at the end of a part, which the next part's first char may complete. */
    private char high;

    private HashedFeatureName() {
    }

    /** The coordinate of the name {@code a + b + c + d} (null parts are empty) in a d-dimensional vector. */
    public static int index(String a, String b, String c, String d, int dimension) {
        return Math.floorMod(hash(a, b, c, d), dimension);
    }

    /** MurmurHash3_x86_32 (seed 0) of the UTF-8 bytes of the name {@code a + b + c + d} (null parts are empty). */
    public static int hash(String a, String b, String c, String d) {
        HashedFeatureName hash = new HashedFeatureName();
        hash.add(a);
        hash.add(b);
        hash.add(c);
        hash.add(d);
        return hash.finish();
    }

    private void add(String part) {
        if (part == null) {
            return;
        }
        int n = part.length();
        for (int i = 0; i < n; i++) {
            char ch = part.charAt(i);
            if (high != 0) {
                if (Character.isLowSurrogate(ch)) {
                    int cp = Character.toCodePoint(high, ch);
                    high = 0;
                    add(0xF0 | cp >> 18);
                    add(0x80 | cp >> 12 & 0x3F);
                    add(0x80 | cp >> 6 & 0x3F);
                    add(0x80 | cp & 0x3F);
                    continue;
                }
                high = 0;
                add('?');
            }
            if (ch < 0x80) {
                add(ch);
            } else if (ch < 0x800) {
                add(0xC0 | ch >> 6);
                add(0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch)) {
                high = ch;
            } else if (Character.isSurrogate(ch)) {
                add('?');
            } else {
                add(0xE0 | ch >> 12);
                add(0x80 | ch >> 6 & 0x3F);
                add(0x80 | ch & 0x3F);
            }
        }
    }

    private void add(int b) {
        k |= (b & 0xff) << (pending << 3);
        length++;
        if (++pending == 4) {
            h ^= scramble(k);
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
            k = 0;
            pending = 0;
        }
    }

    private int finish() {
        if (high != 0) {
            high = 0;
            add('?');
        }
        if (pending > 0) {
            h ^= scramble(k);
        }
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static int scramble(int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        return k * C2;
    }
}
