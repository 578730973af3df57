package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.regretless.bandit.RidgeRegression;
import io.regretless.conformal.PackedState;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupwiseRidgeTest {
    private static final LabelRange WIDE = new LabelRange(-50, 50);

    private static double[] vector(SplittableRandom random, int d) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    /** Only the always-on group is awake (no groups exist, or the case is in none): plain online ridge. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void oneAlwaysAwakeGroupIsPlainOnlineRidge(int groups) {
        int d = 5;
        SplittableRandom random = new SplittableRandom(11);
        double[] truth = vector(random, d);
        GroupwiseRidge learner = new GroupwiseRidge(d, groups, LossFunction.SQUARE, WIDE);
        RidgeRegression plain = new RidgeRegression(d, 1.0);
        int[] none = {};
        double[] p = new double[1];
        for (int t = 0; t < 2000; t++) {
            double[] x = vector(random, d);
            double y = 3 * dot(truth, x) + 0.3 * random.nextDouble(-1, 1);
            double expected = plain.predict(x);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(learner.predict(x, none)),
                "round " + t);
            learner.weights(none, p);
            assertEquals(1.0, p[0]);
            learner.update(x, none, y);
            plain.update(x, y);
        }
        assertArrayEquals(plain.coefficients(), learner.coefficients(learner.alwaysOnExpert()));
        assertEquals(0.0, learner.hedgeRegret(learner.alwaysOnExpert()));
    }

    @Test
    void asleepGroupsAreUntouchedAndThePredictionIsTheWeightedMean() {
        int d = 4;
        int groups = 5;
        SplittableRandom random = new SplittableRandom(5);
        GroupwiseRidge learner = new GroupwiseRidge(d, groups, LossFunction.ABSOLUTE, LabelRange.UNIT);
        double[] w = new double[groups + 1];
        for (int t = 0; t < 1500; t++) {
            int g1 = random.nextInt(groups);
            int g2 = (g1 + 1 + random.nextInt(groups - 1)) % groups;
            int[] caseGroups = random.nextBoolean() ? new int[] {g1} : new int[] {g2, g1};
            double[] x = vector(random, d);
            double y = random.nextDouble();

            learner.weights(caseGroups, w);
            double mean = 0;
            for (int k = 0; k < caseGroups.length; k++) {
                mean += w[k] * learner.expertPrediction(caseGroups[k], x);
            }
            mean += w[caseGroups.length] * learner.expertPrediction(groups, x);
            assertEquals(mean, learner.predict(x, caseGroups), 1e-15);

            double[][] before = new double[groups][];
            for (int g = 0; g < groups; g++) {
                before[g] = new double[] {learner.observations(g), learner.hedgeRegret(g), learner.hedgeAbsoluteRegret(g)};
            }
            double[] theta = learner.coefficients(g1 == 0 ? 1 : 0);
            learner.update(x, caseGroups, y);
            for (int g = 0; g < groups; g++) {
                if (!contains(caseGroups, g)) {
                    assertArrayEquals(before[g], new double[] {learner.observations(g), learner.hedgeRegret(g),
                        learner.hedgeAbsoluteRegret(g)}, 0.0, "asleep group " + g);
                }
            }
            int other = g1 == 0 ? 1 : 0;
            if (!contains(caseGroups, other)) {
                assertArrayEquals(theta, learner.coefficients(other), 0.0);
            }
        }
        assertEquals(1500, learner.observations(groups));
    }

    @Test
    void badCasesAreRefusedWithoutChangingAnything() {
        GroupwiseRidge learner = new GroupwiseRidge(2, 3, LossFunction.SQUARE, LabelRange.UNIT);
        learner.update(new double[] {0.5, 0.2}, new int[] {1}, 0.4);
        PackedState before = learner.exportState();
        double[] x = {0.1, 0.2};
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {3}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {-1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {1, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {0, 1, 2, 0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(new double[] {0.1, Double.NaN}, new int[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(new double[] {0.1}, new int[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {0}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> learner.predict(x, new int[] {7}));
        assertEquals(before, learner.exportState());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
