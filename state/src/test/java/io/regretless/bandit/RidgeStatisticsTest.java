package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import io.regretless.codec.LittleEndianDoubles;
import io.regretless.codec.RidgeStatisticsCodec;
import io.regretless.linalg.RidgeStatistics;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.RidgeRegressionState;

class RidgeStatisticsTest {
    private static final AvroCodec<RidgeRegressionState> CODEC = AvroCodec.of(RidgeRegressionState.class);

    @Test
    void coefficientsAndVarianceMatchTheClosedForm() {
        SplittableRandom random = new SplittableRandom(11L);
        int d = 12;
        double lambda = 0.7;
        RidgeStatistics model = new RidgeStatistics(d, lambda);
        DMatrixRMaj a = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(lambda, a);
        DMatrixRMaj b = new DMatrixRMaj(d, 1);
        for (int n = 0; n < 300; n++) {
            double[] x = Fixtures.vector(random, d);
            double y = x[1] - 2 * x[2] + random.nextDouble(-0.5, 0.5);
            model.update(x, y);
            DMatrixRMaj col = new DMatrixRMaj(d, 1, true, x);
            CommonOps_DDRM.multAddTransB(col, col, a);
            CommonOps_DDRM.addEquals(b, y, col);
            if (n % 50 == 7) { // θ̂ must be refreshed after each batch of updates, not frozen
                assertClosedForm(model, a, b, random);
            }
        }
        assertClosedForm(model, a, b, random);
        assertEquals(300, model.observations());
    }

    @Test
    void weightedExamplesSolveTheWeightedLeastSquares() {
        SplittableRandom random = new SplittableRandom(5L);
        int d = 9;
        double lambda = 1.3;
        RidgeStatistics model = new RidgeStatistics(d, lambda);
        DMatrixRMaj a = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.scale(lambda, a);
        DMatrixRMaj b = new DMatrixRMaj(d, 1);
        for (int n = 0; n < 200; n++) {
            double[] x = Fixtures.vector(random, d);
            double y = x[2] + random.nextDouble(-0.5, 0.5);
            double w = n % 3 == 0 ? 1.0 : random.nextDouble(0.05, 20);
            model.update(x, y, w);
            DMatrixRMaj col = new DMatrixRMaj(d, 1, true, x);
            DMatrixRMaj weighted = col.copy();
            CommonOps_DDRM.scale(w, weighted);
            CommonOps_DDRM.multAddTransB(weighted, col, a);
            CommonOps_DDRM.addEquals(b, w * y, col);
        }
        assertClosedForm(model, a, b, random);
        assertThrows(IllegalArgumentException.class, () -> LinearBandits.create(
            Fixtures.config(LearnerKind.LINUCB, false, d, 1.0)).update("a", Fixtures.vector(random, d), 1.0, 0.0),
            "a weight must be > 0");
    }

    @Test
    void aFreshModelIsThePrior() {
        RidgeStatistics model = new RidgeStatistics(3, 2.0);
        double[] x = {1, 2, 3};
        assertEquals(0.0, model.predict(x));
        assertEquals(14.0 / 2.0, model.variance(x), 1e-12);
    }

    @Test
    void stateRoundTripsBitForBit() {
        SplittableRandom random = new SplittableRandom(5L);
        RidgeStatistics model = new RidgeStatistics(9, 1.5);
        for (int n = 0; n < 40; n++) {
            model.update(Fixtures.vector(random, 9), random.nextDouble());
        }
        byte[] bytes = CODEC.encode(RidgeStatisticsCodec.toAvro(model));
        RidgeStatistics restored = RidgeStatisticsCodec.fromAvro(CODEC.decode(bytes));
        assertArrayEquals(bytes, CODEC.encode(RidgeStatisticsCodec.toAvro(restored)));
        double[] x = Fixtures.vector(random, 9);
        assertEquals(Double.doubleToRawLongBits(model.predict(x)), Double.doubleToRawLongBits(restored.predict(x)));
        assertEquals(Double.doubleToRawLongBits(model.variance(x)), Double.doubleToRawLongBits(restored.variance(x)));
        assertEquals(40, restored.observations());
    }

    @Test
    void malformedStateIsRefused() {
        RidgeRegressionState good = RidgeStatisticsCodec.toAvro(new RidgeStatistics(2, 1.0));
        RidgeRegressionState shortB = RidgeRegressionState.newBuilder(good).setB(ByteBuffer.allocate(8)).build();
        assertThrows(IllegalStateException.class, () -> RidgeStatisticsCodec.fromAvro(shortB));
        RidgeRegressionState singular = RidgeRegressionState.newBuilder(good)
            .setCholesky(LittleEndianDoubles.toBytes(new double[] {1, 0, 0})).build();
        assertThrows(IllegalStateException.class, () -> RidgeStatisticsCodec.fromAvro(singular));
    }

    private static void assertClosedForm(RidgeStatistics model, DMatrixRMaj a, DMatrixRMaj b, SplittableRandom random) {
        int d = model.dimension();
        DMatrixRMaj inverse = new DMatrixRMaj(d, d);
        CommonOps_DDRM.invert(a, inverse);
        DMatrixRMaj theta = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(inverse, b, theta);
        assertArrayEquals(theta.data, model.coefficients(), 1e-9);
        double[] x = Fixtures.vector(random, d);
        DMatrixRMaj col = new DMatrixRMaj(d, 1, true, x);
        DMatrixRMaj ax = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(inverse, col, ax);
        assertEquals(CommonOps_DDRM.dot(col, ax), model.variance(x), 1e-9);
        assertEquals(CommonOps_DDRM.dot(theta, col), model.predict(x), 1e-9);
    }
}
