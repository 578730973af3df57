package io.regretless.codec;

import java.util.Arrays;

/** Appends values in a fixed order to build a {@link PackedState}; the matching {@link StateReader} reads them back. */
public final class StateWriter {
    private final String kind;
    private double[] doubles = new double[16];
    private long[] longs = new long[8];
    private int nd;
    private int nl;

    public StateWriter(String kind) {
        this.kind = kind;
    }

    public StateWriter putDouble(double v) {
        if (nd == doubles.length) {
            doubles = Arrays.copyOf(doubles, 2 * nd);
        }
        doubles[nd++] = v;
        return this;
    }

    public StateWriter putLong(long v) {
        if (nl == longs.length) {
            longs = Arrays.copyOf(longs, 2 * nl);
        }
        longs[nl++] = v;
        return this;
    }

    /** Writes the length (as a long) then the values, so the reader needs no out-of-band size. */
    public StateWriter putDoubles(double[] values, int length) {
        putLong(length);
        for (int i = 0; i < length; i++) {
            putDouble(values[i]);
        }
        return this;
    }

    /** Writes a string as its UTF-8 length (a long) then its bytes packed eight to a long, little end first. */
    public StateWriter putString(String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        putLong(bytes.length);
        for (int i = 0; i < bytes.length; i += 8) {
            long packed = 0;
            for (int j = 0; j < 8 && i + j < bytes.length; j++) {
                packed |= (bytes[i + j] & 0xFFL) << (8 * j);
            }
            putLong(packed);
        }
        return this;
    }

    public PackedState build() {
        return new PackedState(kind, Arrays.copyOf(doubles, nd), Arrays.copyOf(longs, nl));
    }
}
