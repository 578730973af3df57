package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The comparator from sufficient statistics against an explicit least-squares fit (EJML). */
class GroupRegretTest {

    @Test
    void fullRankFitMatchesExplicitLeastSquares() {
        check(false);
    }

    /** Group indicators make XᵀX singular (an always-zero column, indicators summing to 1). */
    @Test
    void singularFitMatchesTheMinimumNormLeastSquares() {
        check(true);
    }

    private static void check(boolean indicators) {
        SplittableRandom random = new SplittableRandom(indicators ? 2 : 1);
        int n = 400;
        int d = indicators ? 7 : 5;
        DMatrixRMaj xs = new DMatrixRMaj(n, d);
        DMatrixRMaj ys = new DMatrixRMaj(n, 1);
        GroupRegret regret = new GroupRegret(d);
        double algorithm = 0;
        for (int t = 0; t < n; t++) {
            double[] x = new double[d];
            for (int j = 0; j < 4; j++) {
                x[j] = random.nextDouble();
            }
            if (indicators) {
                x[4 + random.nextInt(2)] = 1.0; // x[6] stays 0
            } else {
                x[4] = random.nextDouble();
            }
            double y = 0.3 * x[0] - 0.7 * x[2] + (indicators && x[4] == 1 ? 0.5 : 0) + 0.1 * random.nextGaussian();
            for (int j = 0; j < d; j++) {
                xs.set(t, j, x[j]);
            }
            ys.set(t, 0, y);
            double loss = random.nextDouble() * 0.1;
            algorithm += loss;
            regret.add(x, y, loss);
        }
        // The minimum-norm least-squares solution through the SVD-based pseudo-inverse.
        DMatrixRMaj pinv = new DMatrixRMaj(d, n);
        CommonOps_DDRM.pinv(xs, pinv);
        DMatrixRMaj theta = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(pinv, ys, theta);
        DMatrixRMaj fit = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(xs, theta, fit);
        double sse = 0;
        for (int t = 0; t < n; t++) {
            double e = fit.get(t, 0) - ys.get(t, 0);
            sse += e * e;
        }
        assertEquals(sse, regret.hindsightLoss(), 1e-8 * sse);
        assertEquals(algorithm - sse, regret.regret(), 1e-8 * sse);
        assertEquals(n, regret.rounds());
        double[] fitted = regret.hindsightCoefficients();
        for (int j = 0; j < d; j++) {
            assertEquals(theta.get(j, 0), fitted[j], 1e-4, "θ_" + j);
        }
    }

    @Test
    void emptyGroupHasNoRegretAndBadRowsAreRefused() {
        GroupRegret regret = new GroupRegret(2);
        assertEquals(0.0, regret.regret());
        assertThrows(IllegalArgumentException.class, () -> regret.add(new double[] {1, 2}, 0.5, -0.1));
        assertThrows(IllegalArgumentException.class, () -> regret.add(new double[] {1, Double.NaN}, 0.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> regret.add(new double[] {1}, 0.5, 0.1));
        assertEquals(0, regret.rounds());
    }
}
