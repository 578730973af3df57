package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The numpy/scipy reductions and quantile ranks the reference relies on (expected values: numpy 2.4, scipy 1.17). */
class NumericsTest {

    @Test
    void invertedCdfRanksMatchNumpy() {
        // np.quantile(np.arange(n), q, method="inverted_cdf")
        assertEquals(8, EmpiricalQuantile.invertedCdfIndex(10, 0.9));
        assertEquals(53, EmpiricalQuantile.invertedCdfIndex(59, 0.9));
        assertEquals(0, EmpiricalQuantile.invertedCdfIndex(7, 0.0));
        assertEquals(6, EmpiricalQuantile.invertedCdfIndex(7, 1.0));
        assertEquals(0, EmpiricalQuantile.invertedCdfIndex(3, 1.0 / 3));
        assertEquals(6, EmpiricalQuantile.invertedCdfIndex(7, 1.5), "q is clipped to 1");
        assertEquals(0, EmpiricalQuantile.invertedCdfIndex(7, -0.5), "q is clipped to 0");
    }

    @Test
    void weightedQuantileWithEqualWeightsIsTheInvertedCdf() {
        ScoreHistory h = ScoreHistory.of(100, new double[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3});
        double[] ones = new double[100];
        java.util.Arrays.fill(ones, 1.0);
        for (double q : new double[] {0.05, 0.1, 0.35, 0.5, 0.75, 0.9, 1.0}) {
            assertEquals(EmpiricalQuantile.of(h, q), EmpiricalQuantile.weighted(h, q, ones), "q=" + q);
        }
    }

    @Test
    void pairwiseSumIsNumpys() {
        double[] a = new double[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1.0 / (i + 3);
        }
        assertEquals(3.707082429307257, NumpyMath.pairwiseSum(a, 0, 100), 0.0);
        assertEquals(4.789297397713862, NumpyMath.pairwiseSum(a, 0, 300), 0.0);
        double[] ring = new double[100];
        for (int i = 0; i < 100; i++) {
            ring[(i + 37) % 100] = a[i];
        }
        assertEquals(3.707082429307257, NumpyMath.pairwiseSum(ring, 37, 100), 0.0);
    }

    @Test
    void logSumExpIsScipys() {
        double[] a = {0.3, -1.2, 2.5, 0.0, -0.7, 1.1, 2.5, -3.3};
        assertEquals(3.419484987252897, NumpyMath.logSumExp(a, 8), 1e-15);
        assertEquals(0.19533212969759672, NumpyMath.logSumExp2(0.2, 0.995, -0.4, 0.005 / 8), 1e-15);
        assertEquals(-0.4038686493329228, NumpyMath.logSumExp2(-0.4, 0.995, 0.2, 0.005 / 8), 1e-15);
    }

    @Test
    void pinballLossAndGradient() {
        assertEquals(0.9 * 0.5, Pinball.loss(1.5, 1.0, 0.9), 1e-15);
        assertEquals(0.1 * 0.5, Pinball.loss(0.5, 1.0, 0.9), 1e-15);
        assertEquals(-0.9, Pinball.grad(1.5, 1.0, 0.9));
        assertEquals(1 - 0.9, Pinball.grad(0.5, 1.0, 0.9));
        assertEquals(0.0, Pinball.grad(1.0, 1.0, 0.9));
    }

    @Test
    void outlierRemovalUsesPopulationStdAndDropsConstantSets() {
        double[] r = new double[30];
        for (int i = 0; i < r.length; i++) {
            r[i] = i % 2 == 0 ? 0.1 : -0.1;
        }
        r[7] = 50; // |z| ≈ 5.4 with the population std
        assertEquals(29, Calibrators.removeOutliers(r).length);
        assertEquals(0, Calibrators.removeOutliers(new double[] {0, 0, 0}).length);
        assertEquals(59, Calibrators.calibrationSize(292));
    }
}
