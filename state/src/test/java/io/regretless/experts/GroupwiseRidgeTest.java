package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.codec.ExpertsStateCodec;
import io.regretless.codec.PackedState;
import io.regretless.linalg.RidgeStatistics;

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
        RidgeStatistics plain = new RidgeStatistics(d, GroupwiseRidge.POOLED_REGULARIZATION);
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
        for (int g = 0; g < groups; g++) {
            assertEquals(0, learner.observations(g));
        }
    }

    /**
     * A group model is the exact minimiser of Σ_g (y − xᵀθ)² + λ‖θ − θ_P‖² with the pooled model's
     * current θ_P, checked against the normal equations solved densely.
     */
    @Test
    void aGroupModelIsTheRidgeFitShrunkTowardTheCurrentPooledModel() {
        int d = 4;
        double lambda = 7.5;
        SplittableRandom random = new SplittableRandom(3);
        GroupwiseRidge learner = new GroupwiseRidge(d, 2, lambda, LossFunction.SQUARE, WIDE);
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            a[i][i] = lambda;
        }
        assertArrayEquals(learner.coefficients(2), learner.coefficients(1), 1e-15, "no rows of its own: θ_g = θ_P");
        for (int t = 0; t < 300; t++) {
            double[] x = vector(random, d);
            boolean inGroup1 = random.nextInt(3) == 0;
            double y = inGroup1 ? 2 * x[0] - x[3] + 0.1 * random.nextDouble() : x[1] + x[2];
            learner.update(x, inGroup1 ? new int[] {1} : new int[] {0}, y);
            if (inGroup1) {
                for (int i = 0; i < d; i++) {
                    b[i] += y * x[i];
                    for (int j = 0; j < d; j++) {
                        a[i][j] += x[i] * x[j];
                    }
                }
            }
        }
        double[] pooled = learner.coefficients(2);
        double[] rhs = new double[d];
        for (int i = 0; i < d; i++) {
            rhs[i] = b[i] + lambda * pooled[i];
        }
        assertArrayEquals(solve(a, rhs), learner.coefficients(1), 1e-10);
        assertEquals(learner.observations(0) + learner.observations(1), learner.observations(2));
    }

    /**
     * The exp-concave aggregation bound in its specialists form: on every group, the combined loss
     * exceeds the loss of the group's model and of the pooled model by at most ln(2G + 1)/η = 2B² ln(2G + 1),
     * whatever the sequence — here groups with their own slopes, label noise and a label range [−1, 3].
     */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 100.0})
    void everyGroupLosesAtMostAConstantMoreThanItsModelAndThePooledModel(double shrinkage) {
        int d = 4;
        int groups = 4;
        LabelRange range = new LabelRange(-1, 3);
        GroupwiseRidge learner = new GroupwiseRidge(d, groups, shrinkage, LossFunction.SQUARE, range);
        SplittableRandom random = new SplittableRandom(17);
        double[][] slopes = new double[groups][];
        for (int g = 0; g < groups; g++) {
            slopes[g] = vector(random, d);
            slopes[g][0] = 0.0;
        }
        double[] combined = new double[groups + 1];
        double[] own = new double[groups + 1];
        double[] pooled = new double[groups + 1];
        for (int t = 0; t < 4000; t++) {
            double[] x = vector(random, d);
            x[0] = 1.0;
            int g1 = random.nextInt(2);
            int[] caseGroups = random.nextBoolean() ? new int[] {g1} : new int[] {g1, 2 + random.nextInt(2)};
            double y = 1.0 + 0.3 * random.nextDouble(-1, 1);
            for (int g : caseGroups) {
                y += dot(slopes[g], x) / caseGroups.length;
            }
            y = range.clip(y);
            double lc = LossFunction.SQUARE.of(learner.predict(x, caseGroups), y);
            double lp = LossFunction.SQUARE.of(learner.expertPrediction(groups, x), y);
            for (int g : caseGroups) {
                combined[g] += lc;
                own[g] += LossFunction.SQUARE.of(learner.expertPrediction(g, x), y);
                pooled[g] += lp;
            }
            combined[groups] += lc;
            own[groups] += lp;
            pooled[groups] += lp;
            learner.update(x, caseGroups, y);
        }
        double bound = 2 * range.width() * range.width() * Math.log(2 * groups + 1);
        for (int g = 0; g <= groups; g++) {
            assertTrue(combined[g] <= own[g] + bound, "group " + g + ": " + combined[g] + " vs own " + own[g]);
            assertTrue(combined[g] <= pooled[g] + bound, "group " + g + ": " + combined[g] + " vs pooled " + pooled[g]);
        }
        // The groups really differ: their own models, and so the combination, beat the pooled model.
        assertTrue(combined[groups] < 0.8 * pooled[groups], combined[groups] + " vs pooled " + pooled[groups]);
    }

    @Test
    void asleepGroupsAreUntouchedAndThePredictionIsTheWeightedMean() {
        int d = 4;
        int groups = 5;
        SplittableRandom random = new SplittableRandom(5);
        GroupwiseRidge learner = new GroupwiseRidge(d, groups, 20.0, LossFunction.ABSOLUTE, LabelRange.UNIT);
        double[] w = new double[groups + 1];
        for (int t = 0; t < 1500; t++) {
            int g1 = random.nextInt(groups);
            int g2 = (g1 + 1 + random.nextInt(groups - 1)) % groups;
            int[] caseGroups = random.nextBoolean() ? new int[] {g1} : new int[] {g2, g1};
            double[] x = vector(random, d);
            double y = random.nextDouble();

            learner.weights(caseGroups, w);
            double mean = 0;
            double total = 0;
            for (int k = 0; k <= caseGroups.length; k++) {
                int model = k < caseGroups.length ? caseGroups[k] : groups;
                mean += w[k] * learner.expertPrediction(model, x);
                total += w[k];
            }
            assertEquals(1.0, total, 1e-12);
            assertEquals(mean, learner.predict(x, caseGroups), 1e-15);

            double[][] before = new double[groups][];
            for (int g = 0; g < groups; g++) {
                before[g] = new double[] {learner.observations(g), learner.logWeight(g), learner.logWeight(groups + g)};
            }
            learner.update(x, caseGroups, y);
            for (int g = 0; g < groups; g++) {
                if (!contains(caseGroups, g)) {
                    assertArrayEquals(before[g], new double[] {learner.observations(g), learner.logWeight(g),
                        learner.logWeight(groups + g)}, 0.0, "asleep group " + g);
                }
            }
        }
        assertEquals(1500, learner.observations(groups));
    }

    @Test
    void badCasesAreRefusedWithoutChangingAnything() {
        GroupwiseRidge learner = new GroupwiseRidge(2, 3, LossFunction.SQUARE, LabelRange.UNIT);
        learner.update(new double[] {0.5, 0.2}, new int[] {1}, 0.4);
        PackedState before = ExpertsStateCodec.export(learner);
        double[] x = {0.1, 0.2};
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {3}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {-1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {1, 1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {0, 1, 2, 0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(new double[] {0.1, Double.NaN}, new int[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(new double[] {0.1}, new int[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> learner.update(x, new int[] {0}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> learner.predict(x, new int[] {7}));
        assertThrows(IllegalArgumentException.class, () -> learner.expertPrediction(4, x));
        assertThrows(IllegalArgumentException.class, () -> new GroupwiseRidge(2, 3, 0.0, LossFunction.SQUARE, LabelRange.UNIT));
        assertThrows(IllegalArgumentException.class, () -> new GroupwiseRidge(2, 3, Double.NaN, LossFunction.SQUARE, LabelRange.UNIT));
        assertEquals(before, ExpertsStateCodec.export(learner));
    }

    /** Gaussian elimination with partial pivoting on a copy. */
    private static double[] solve(double[][] matrix, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(matrix[i], n + 1);
            m[i][n] = rhs[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
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
