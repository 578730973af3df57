package io.regretless.experts;

import io.regretless.bandit.RidgeRegression;
import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;
import io.regretless.schemas.state.RidgeRegressionState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a {@link RidgeRegression} into a {@link StateWriter} and reads it back, through the model's
 * own public state ({@link RidgeRegression#toState()} / {@link RidgeRegression#fromState}): the
 * Cholesky factor and b as doubles, so the round trip is bit for bit. The byte layout decoded here is
 * the one documented in {@code RidgeRegressionState.avsc} (little-endian IEEE-754 doubles).
 */
final class RidgeStates {
    private RidgeStates() {
    }

    static void write(RidgeRegression model, StateWriter w) {
        RidgeRegressionState s = model.toState();
        double[] cholesky = toDoubles(s.getCholesky());
        double[] b = toDoubles(s.getB());
        w.putLong(s.getDimension()).putDouble(s.getRegularization()).putLong(s.getObservations());
        w.putDoubles(cholesky, cholesky.length).putDoubles(b, b.length);
    }

    /** @throws IllegalArgumentException if the values do not form a valid model */
    static RidgeRegression read(StateReader r) {
        int dimension = r.getSize();
        double regularization = r.getDouble();
        long observations = r.getLong();
        double[] cholesky = r.getDoubles();
        double[] b = r.getDoubles();
        RidgeRegressionState s = RidgeRegressionState.newBuilder()
            .setDimension(dimension)
            .setRegularization(regularization)
            .setObservations(observations)
            .setCholesky(toBytes(cholesky))
            .setB(toBytes(b))
            .build();
        try {
            return RidgeRegression.fromState(s);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("corrupt ridge regression in state: " + e.getMessage(), e);
        }
    }

    private static double[] toDoubles(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[view.remaining() / Double.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = view.getDouble();
        }
        return out;
    }

    private static ByteBuffer toBytes(double[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buffer.putDouble(v);
        }
        return buffer.flip();
    }
}
