package io.regretless.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link PackedState} as the Avro {@code PackedState} record it is stored in, inside a conformal
 * series, an experts model or a shadow evaluation, and back, bit for bit: doubles travel as their
 * little-endian IEEE-754 bits, so +∞ radii and every stored score survive. The layout's version is
 * its {@link PackedState#kind()}.
 */
public final class PackedStateCodec {
    private PackedStateCodec() {
    }

    /** A learner's state as its Avro record, doubles as little-endian IEEE-754 bytes (bit for bit). */
    public static io.regretless.schemas.state.PackedState toAvro(PackedState state) {
        double[] doubles = state.doubles();
        ByteBuffer bytes = ByteBuffer.allocate(8 * doubles.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(doubles);
        List<Long> longs = new ArrayList<>();
        for (long v : state.longs()) {
            longs.add(v);
        }
        return new io.regretless.schemas.state.PackedState(state.kind(), bytes, longs);
    }

    /** The inverse of {@link #toAvro}; null for null. */
    public static PackedState fromAvro(io.regretless.schemas.state.PackedState avro) {
        if (avro == null) {
            return null;
        }
        ByteBuffer bytes = avro.getDoubles().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        double[] doubles = new double[bytes.remaining() / 8];
        bytes.asDoubleBuffer().get(doubles);
        long[] longs = new long[avro.getLongs().size()];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = avro.getLongs().get(i);
        }
        return new PackedState(avro.getKind(), doubles, longs);
    }
}
