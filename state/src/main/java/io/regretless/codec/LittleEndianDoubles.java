package io.regretless.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte layout of vectors and packed matrices in {@code RidgeRegressionState}: IEEE-754 doubles,
 * little-endian, back to back. Raw bits are copied both ways, so a round trip is bit-exact.
 */
public final class LittleEndianDoubles {
    private LittleEndianDoubles() {
    }

    public static ByteBuffer toBytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.flip();
    }

    /**
     * Reads exactly {@code count} doubles without moving the given buffer's position (Avro records
     * hand out their own buffer, which may be read again).
     *
     * @throws IllegalStateException if the buffer does not hold exactly {@code count} doubles
     */
    public static double[] fromBytes(ByteBuffer bytes, int count, String what) {
        ByteBuffer view = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (view.remaining() != Double.BYTES * count) {
            throw new IllegalStateException(what + " should hold " + count + " doubles ("
                + Double.BYTES * count + " bytes), got " + view.remaining() + " bytes");
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = view.getDouble();
        }
        return values;
    }
}
