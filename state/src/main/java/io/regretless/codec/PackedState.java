package io.regretless.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The storable state of a calibrator or evaluator: a kind name plus flat arrays of doubles and longs.
 *
 * <p>Contract: {@code restore(export())} behaves bit for bit like the exported object, including the
 * configuration, so a store needs nothing else. Doubles are kept as IEEE-754 values, so +∞ (an ACI
 * radius) and every bit pattern survive any encoding that carries doubles exactly (Avro {@code double},
 * {@code array<double>}); the layout of each kind is its codec's ({@link ConformalStateCodec},
 * {@link ExpertsStateCodec}, ...) and versioned by {@link #kind()}.
 * The arrays are defensively copied, so an instance is immutable.
 */
public record PackedState(String kind, double[] doubles, long[] longs) {

    public PackedState {
        Objects.requireNonNull(kind, "kind");
        doubles = doubles.clone();
        longs = longs.clone();
    }

    @Override
    public double[] doubles() {
        return doubles.clone();
    }

    @Override
    public long[] longs() {
        return longs.clone();
    }

    /** Bitwise equality: {@code Arrays.equals} on doubles compares bit patterns, so ±0 and NaNs are distinguished. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PackedState other
                && kind.equals(other.kind)
                && Arrays.equals(doubles, other.doubles)
                && Arrays.equals(longs, other.longs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(doubles)) + Arrays.hashCode(longs);
    }

    @Override
    public String toString() {
        return "PackedState[" + kind + ", " + doubles.length + " doubles, " + longs.length + " longs]";
    }

    /** Approximate serialized size in bytes (8 per value), for capacity planning. */
    public int sizeBytes() {
        return 8 * (doubles.length + longs.length) + kind.length();
    }
}
