package io.regretless.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The parts of {@link RidgeStatistics} beyond plain ridge regression: yᵀy, the hindsight loss, shrinking and state. */
class RidgeStatisticsStateTest {
    private static final int D = 5;

    @Test
    void theHindsightLossIsTheSquareLossOfTheFitOnTheRowsSeen() {
        SplittableRandom random = new SplittableRandom(3L);
        double lambda = 0.4;
        RidgeStatistics stats = RidgeStatistics.withLabelSquares(D, lambda);
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            double[] x = vector(random);
            double y = 2 * x[0] - x[3] + random.nextDouble(-1, 1);
            double w = n % 4 == 0 ? random.nextDouble(0.2, 5) : 1.0;
            stats.update(x, y, w);
            // a row of weight w counts w times in every sum: as the row (√w x, √w y)
            double root = Math.sqrt(w);
            double[] scaled = new double[D];
            for (int i = 0; i < D; i++) {
                scaled[i] = root * x[i];
            }
            xs.add(scaled);
            ys.add(root * y);
        }
        double[] theta = stats.coefficients();
        double loss = 0.0;
        for (int n = 0; n < xs.size(); n++) {
            double e = ys.get(n) - dot(theta, xs.get(n));
            loss += e * e;
        }
        // the ridge fit's own objective adds λ‖θ‖²; the hindsight loss is the square loss alone
        assertEquals(loss, stats.hindsightLoss(), 1e-9 * loss);
        assertTrue(Double.isNaN(new RidgeStatistics(D, lambda).hindsightLoss()), "yᵀy is not kept by default");
    }

    /** Evgeniou &amp; Pontil (2004): shrinking toward θ₀ is θ₀ plus the ridge fit of the residuals y − xᵀθ₀. */
    @Test
    void shrinkingTowardATargetFitsTheResidualsOfTheTarget() {
        SplittableRandom random = new SplittableRandom(8L);
        double[] target = vector(random);
        RidgeStatistics shrunk = new RidgeStatistics(D, 3.0);
        RidgeStatistics residuals = new RidgeStatistics(D, 3.0);
        for (int n = 0; n < 60; n++) {
            double[] x = vector(random);
            double y = x[1] + random.nextDouble(-0.3, 0.3);
            shrunk.update(x, y);
            residuals.update(x, y - dot(target, x));
        }
        double[] theta = new double[D];
        shrunk.coefficients(target, theta);
        double[] deviation = residuals.coefficients();
        for (int i = 0; i < D; i++) {
            assertEquals(target[i] + deviation[i], theta[i], 1e-10);
        }
        double[] plain = new double[D];
        shrunk.coefficients(null, plain);
        assertArrayEquals(shrunk.coefficients(), plain, "θ₀ = 0 is the plain fit, bit for bit");
    }

    @Test
    void aRestoredStateEqualsTheOriginalAndContinuesBitForBit() {
        SplittableRandom random = new SplittableRandom(13L);
        RidgeStatistics a = RidgeStatistics.withLabelSquares(D, 1.0);
        for (int n = 0; n < 30; n++) {
            a.update(vector(random), random.nextDouble());
        }
        RidgeStatistics b = RidgeStatistics.restore(a.state());
        assertEquals(a.state(), b.state());
        double[] x = vector(random);
        a.update(x, 0.5, 2.0);
        b.update(x, 0.5, 2.0);
        assertEquals(a.state(), b.state());
        assertEquals(Double.doubleToRawLongBits(a.hindsightLoss()), Double.doubleToRawLongBits(b.hindsightLoss()));
        assertNotEquals(a.state(), RidgeStatistics.restore(new RidgeStatistics.State(D, 1.0, 31, 0.0,
            a.state().cholesky(), a.state().b())).state(), "yᵀy is part of the state");
    }

    @Test
    void malformedStatesAreRefused() {
        RidgeStatistics.State good = new RidgeStatistics(2, 1.0).state();
        assertThrows(IllegalArgumentException.class, () -> RidgeStatistics.restore(new RidgeStatistics.State(2, 1.0,
            -1, Double.NaN, good.cholesky(), good.b())));
        assertThrows(IllegalArgumentException.class, () -> RidgeStatistics.restore(new RidgeStatistics.State(2, 1.0,
            0, -1.0, good.cholesky(), good.b())));
        assertThrows(IllegalArgumentException.class, () -> RidgeStatistics.restore(new RidgeStatistics.State(2, 1.0,
            0, Double.NaN, good.cholesky(), new double[] {Double.POSITIVE_INFINITY, 0})));
        assertThrows(IllegalArgumentException.class, () -> RidgeStatistics.restore(new RidgeStatistics.State(2, 1.0,
            0, Double.NaN, new double[] {1, 0, 0}, good.b())));
    }

    private static double[] vector(SplittableRandom random) {
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
