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

    /** What {@code get} reads from a state of {@code kind}, which must hold nothing more. */
    static <T> T unpacked(PackedState state, String kind, Function<StateReader, T> get) {
        StateReader r = new StateReader(state, kind);
        T value = get.apply(r);
        r.finish();
        return value;
    }
}
