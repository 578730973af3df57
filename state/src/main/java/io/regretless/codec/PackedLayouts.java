package io.regretless.codec;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** The two steps every positional layout shares: a state of a kind with what a writer appends, and the reverse. */
final class PackedLayouts {
    private PackedLayouts() {
    }

    /** A state of {@code kind} with what {@code put} appends. */
    static <T> PackedState packed(String kind, T state, BiConsumer<T, StateWriter> put) {
        StateWriter w = new StateWriter(kind);
        put.accept(state, w);
        return w.build();
    }

    /** Flags oldest first, 64 to a long, the oldest in the lowest bit (no length: the layout knows it). */
    static void putFlags(boolean[] flags, StateWriter w) {
        long bits = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                bits |= 1L << (i % 64);
            }
            if (i % 64 == 63 || i == flags.length - 1) {
                w.putLong(bits);
                bits = 0;
            }
        }
    }

    /** {@code n} flags written by {@link #putFlags}. */
    static boolean[] getFlags(StateReader r, int n) {
        boolean[] flags = new boolean[n];
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if (i % 64 == 0) {
                bits = r.getLong();
            }
            flags[i] = (bits >>> (i % 64) & 1L) != 0;
        }
        return flags;
    }

    /** What {@code get} reads from a state of {@code kind}, which must hold nothing more. */
    static <T> T unpacked(PackedState state, String kind, Function<StateReader, T> get) {
        StateReader r = new StateReader(state, kind);
        T value = get.apply(r);
        r.finish();
        return value;
    }
}
