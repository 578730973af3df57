package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.linalg.RidgeStatistics;

/** Two candidates: P(a0 wins) = Φ(mean gap / sd of the score difference), exactly. */
class ThompsonSamplingTest {
    private static final int D = 5;
    private static final double V = 0.6;

    @ParameterizedTest(name = "shared={0}")
    @ValueSource(booleans = {false, true})
    void propensitiesEstimateTheExactWinningProbability(boolean shared) {
        BanditConfig config = Fixtures.config(LearnerKind.LINEAR_THOMPSON, shared, D, V);
        LinearThompsonSampling bandit = new LinearThompsonSampling(config);
        Fixtures.train(bandit, 8L, 30, 2, D);
        Candidates candidates = Fixtures.candidates(new SplittableRandom(17L), 2, D);

        ArmModels models = ArmModels.fromState(config, bandit.toState("m"));
        double[] x0 = candidates.features()[0];
        double[] x1 = candidates.features()[1];
        RidgeStatistics m0 = models.modelFor("a0");
        RidgeStatistics m1 = models.modelFor("a1");
        double gap = m0.predict(x0) - m1.predict(x1);
        double varianceOfDifference;
        if (shared) {
            double[] z0 = new double[D];
            double[] z1 = new double[D];
            m0.whiten(x0, z0);
            m0.whiten(x1, z1);
            varianceOfDifference = 0;
            for (int i = 0; i < D; i++) {
                varianceOfDifference += (z0[i] - z1[i]) * (z0[i] - z1[i]);
            }
        } else {
            varianceOfDifference = m0.variance(x0) + m1.variance(x1);
        }
        double exact = normalCdf(gap / (V * Math.sqrt(varianceOfDifference)));
        assertTrue(exact > 0.1 && exact < 0.9, "a test of a near-certain choice would prove little: " + exact);

        int n = 4_000;
        double meanLogged = 0;
        int chosen0 = 0;
        for (int i = 0; i < n; i++) {
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(1L, "r" + i));
            if (!shared) {
                assertEquals(exact, choice.probabilities()[0], 1e-8, "disjoint propensities are exact, not estimated");
            }
            meanLogged += choice.probabilities()[0] / n;
            chosen0 += choice.chosen() == 0 ? 1 : 0;
        }
        double draws = (double) n * bandit.propensityDraws();
        assertEquals(exact, meanLogged, 5 * Math.sqrt(exact * (1 - exact) / draws) + 1e-6, "exact " + exact);
        assertEquals(exact, chosen0 / (double) n, 5 * Math.sqrt(exact * (1 - exact) / n));
    }

    @ParameterizedTest(name = "draws={0}")
    @ValueSource(ints = {0, -1})
    void needsAtLeastOneDraw(int draws) {
        BanditConfig config = Fixtures.config(LearnerKind.LINEAR_THOMPSON, false, D, V);
        assertThrows(IllegalArgumentException.class, () -> new LinearThompsonSampling(config, draws));
    }

    /** Φ via the complementary error function (Numerical Recipes erfcc, relative error < 1.2e-7). */
    /** Φ(x) to about 1e-15 (Marsaglia 2004, "Evaluating the Normal Distribution"): 0.5 + φ(x)(x + x³/3 + x⁵/15 + ...). */
    static double normalCdf(double x) {
        double sum = x;
        double term = x;
        for (int i = 3; Math.abs(term) > 1e-17 * Math.abs(sum); i += 2) {
            term *= x * x / i;
            sum += term;
        }
        return 0.5 + sum * Math.exp(-0.5 * x * x - 0.91893853320467274178);
    }
}
