package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.linalg.RidgeStatistics;

class LinUcbTest {
    private static final int D = 7;
    private static final double LAMBDA = 1.3;
    private static final double ALPHA = 0.8;

    @ParameterizedTest(name = "shared={0}")
    @ValueSource(booleans = {false, true})
    void coefficientsAndScoresMatchTheClosedForm(boolean shared) {
        BanditConfig config = new BanditConfig(LearnerKind.LINUCB, shared, D, LAMBDA, ALPHA, 1L, 10);
        LinUcb bandit = new LinUcb(config);
        SplittableRandom random = new SplittableRandom(99L);
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> arms = new ArrayList<>();
        for (int n = 0; n < 120; n++) {
            String arm = "a" + random.nextInt(3);
            double[] x = Fixtures.vector(random, D);
            double y = 0.5 * x[1] - x[3] + random.nextDouble(-0.3, 0.3);
            bandit.update(arm, x, y);
            xs.add(x);
            ys.add(y);
            arms.add(arm);
        }
        Candidates candidates = Fixtures.candidates(random, 4, D); // a3 has never been seen
        double[] scores = bandit.scores(candidates);
        for (int a = 0; a < candidates.size(); a++) {
            String id = candidates.actionIds()[a];
            DMatrixRMaj matrix = CommonOps_DDRM.identity(D);
            CommonOps_DDRM.scale(LAMBDA, matrix);
            DMatrixRMaj b = new DMatrixRMaj(D, 1);
            for (int n = 0; n < xs.size(); n++) {
                if (shared || arms.get(n).equals(id)) {
                    DMatrixRMaj col = new DMatrixRMaj(D, 1, true, xs.get(n));
                    CommonOps_DDRM.multAddTransB(col, col, matrix);
                    CommonOps_DDRM.addEquals(b, ys.get(n), col);
                }
            }
            DMatrixRMaj inverse = new DMatrixRMaj(D, D);
            CommonOps_DDRM.invert(matrix, inverse);
            DMatrixRMaj theta = new DMatrixRMaj(D, 1);
            CommonOps_DDRM.mult(inverse, b, theta);
            DMatrixRMaj x = new DMatrixRMaj(D, 1, true, candidates.features()[a]);
            DMatrixRMaj ax = new DMatrixRMaj(D, 1);
            CommonOps_DDRM.mult(inverse, x, ax);
            double expected = CommonOps_DDRM.dot(theta, x) + ALPHA * Math.sqrt(CommonOps_DDRM.dot(x, ax));
            assertEquals(expected, scores[a], 1e-9, "score of " + id);
            for (BanditState.Arm arm : bandit.toState("m").arms()) {
                if (arm.actionId().equals(shared ? "*" : id)) {
                    assertArrayEquals(theta.data, RidgeStatistics.restore(arm.model()).coefficients(), 1e-9);
                }
            }
        }
        Choice choice = bandit.choose(candidates, new SplittableRandom(1L));
        int best = 0;
        for (int a = 1; a < scores.length; a++) {
            best = scores[a] > scores[best] ? a : best;
        }
        assertEquals(best, choice.chosen());
        assertEquals(1.0, choice.propensity());
    }

    @Test
    void exactTiesAreBrokenUniformly() {
        LinUcb bandit = new LinUcb(Fixtures.config(LearnerKind.LINUCB, false, 3, 1.0));
        double[] x = {1, 0.5, -0.5};
        Candidates candidates = new Candidates(new String[] {"p", "q", "r", "s"}, new double[][] {x, x, x, x});
        int[] counts = new int[4];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(5L, "r" + i));
            assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, choice.probabilities(), 0.0);
            counts[choice.chosen()]++;
        }
        for (int count : counts) {
            assertEquals(0.25, count / (double) n, 5 * Math.sqrt(0.25 * 0.75 / n));
        }
    }
}
