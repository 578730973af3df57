package io.regretless.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class CholeskyFactorTest {

    @Test
    void rankOneUpdatesReproduceTheMatrixEjmlBuilds() {
        SplittableRandom random = new SplittableRandom(20240601L);
        for (int d = 1; d <= 50; d++) {
            double lambda = 0.01 + random.nextDouble() * 3;
            CholeskyFactor factor = CholeskyFactor.ofScaledIdentity(d, lambda);
            DMatrixRMaj a = CommonOps_DDRM.identity(d);
            CommonOps_DDRM.scale(lambda, a);
            int updates = 4 * d + 20;
            for (int n = 0; n < updates; n++) {
                double scale = Math.pow(10, random.nextDouble(-2, 2)); // badly scaled on purpose
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = random.nextDouble() < 0.3 ? 0.0 : scale * random.nextDouble(-1, 1);
                }
                factor.rankOneUpdate(x);
                DMatrixRMaj col = new DMatrixRMaj(d, 1, true, x);
                CommonOps_DDRM.multAddTransB(col, col, a);
            }
            DMatrixRMaj l = lower(factor);
            DMatrixRMaj llt = new DMatrixRMaj(d, d);
            CommonOps_DDRM.multTransB(l, l, llt);
            double error = maxAbsDifference(llt, a) / CommonOps_DDRM.elementMaxAbs(a);
            assertTrue(error < 1e-9, "d=" + d + ": relative error " + error);
        }
    }

    @Test
    void triangularSolvesInvertTheFactor() {
        SplittableRandom random = new SplittableRandom(7L);
        int d = 23;
        CholeskyFactor factor = CholeskyFactor.ofScaledIdentity(d, 0.5);
        for (int n = 0; n < 100; n++) {
            factor.rankOneUpdate(randomVector(random, d));
        }
        DMatrixRMaj l = lower(factor);
        double[] x = randomVector(random, d);
        double[] z = new double[d];
        factor.solveLower(x, z);
        DMatrixRMaj lz = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(l, new DMatrixRMaj(d, 1, true, z), lz);
        assertArrayEquals(x, lz.data, 1e-10);

        double[] y = new double[d];
        factor.solveUpper(z, y);
        DMatrixRMaj lty = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.multTransA(l, new DMatrixRMaj(d, 1, true, y), lty);
        assertArrayEquals(z, lty.data, 1e-10);

        double[] inPlace = x.clone();
        factor.solveLower(inPlace, inPlace);
        factor.solveUpper(inPlace, inPlace);
        assertArrayEquals(y, inPlace, 0.0, "solving in place gives the same bits");
    }

    @Test
    void packedRoundTripAndRefusals() {
        CholeskyFactor factor = CholeskyFactor.ofScaledIdentity(3, 4.0);
        factor.rankOneUpdate(new double[] {1, 2, 3});
        double[] packed = factor.toPacked();
        assertEquals(6, packed.length);
        assertArrayEquals(packed, CholeskyFactor.ofPacked(3, packed).toPacked(), 0.0);
        assertEquals(0.0, factor.get(0, 2));
        assertThrows(IllegalArgumentException.class, () -> CholeskyFactor.ofPacked(3, new double[5]));
        assertThrows(IllegalArgumentException.class,
            () -> CholeskyFactor.ofPacked(2, new double[] {1, 0, -1}));
        assertThrows(IllegalArgumentException.class,
            () -> CholeskyFactor.ofPacked(2, new double[] {1, Double.NaN, 1}));
        assertThrows(IllegalArgumentException.class, () -> factor.rankOneUpdate(new double[2]));
    }

    static DMatrixRMaj lower(CholeskyFactor factor) {
        int d = factor.dimension();
        DMatrixRMaj l = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                l.set(i, j, factor.get(i, j));
            }
        }
        return l;
    }

    private static double maxAbsDifference(DMatrixRMaj a, DMatrixRMaj b) {
        double max = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
        }
        return max;
    }

    private static double[] randomVector(SplittableRandom random, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }
}
