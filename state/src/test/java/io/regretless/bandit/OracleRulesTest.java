package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SquareCB's and epsilon-greedy's distributions equal their closed forms. */
class OracleRulesTest {
    private static final int K = 4;
    private static final int D = 6;

    @ParameterizedTest(name = "shared={0}")
    @ValueSource(booleans = {false, true})
    void squareCbUsesInverseGapWeighting(boolean shared) {
        double gamma0 = 0.7;
        SquareCb bandit = new SquareCb(Fixtures.config(LearnerKind.SQUARECB, shared, D, gamma0));
        Fixtures.train(bandit, 3L, 150, K, D);
        Candidates candidates = Fixtures.candidates(new SplittableRandom(4L), K, D);
        double[] yhat = predictions(bandit, candidates);
        double gamma = gamma0 * Math.sqrt(K * (150.0 + 1));
        int best = argmax(yhat);
        double[] expected = new double[K];
        double rest = 0;
        for (int a = 0; a < K; a++) {
            if (a != best) {
                expected[a] = 1.0 / (K + gamma * (yhat[best] - yhat[a]));
                rest += expected[a];
            }
        }
        expected[best] = 1 - rest;
        assertEquals(gamma, bandit.learningRate(K), 1e-12);
        double[] logged = bandit.choose(candidates, new SplittableRandom(1L)).probabilities();
        assertArrayEquals(expected, logged, 1e-12);
        assertTrue(expected[best] < 0.95 && expected[best] > 1.0 / K, "a telling case: " + expected[best]);
    }

    @Test
    void squareCbWithoutExplorationRateIsUniform() {
        SquareCb bandit = new SquareCb(Fixtures.config(LearnerKind.SQUARECB, false, D, 0.0));
        Fixtures.train(bandit, 3L, 50, K, D);
        double[] p = bandit.choose(Fixtures.candidates(new SplittableRandom(4L), K, D), new SplittableRandom(2L))
            .probabilities();
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, p, 1e-15);
    }

    @ParameterizedTest(name = "shared={0}")
    @ValueSource(booleans = {false, true})
    void epsilonGreedyPutsTheRestOnTheGreedyAction(boolean shared) {
        double epsilon = 0.3;
        EpsilonGreedy bandit = new EpsilonGreedy(Fixtures.config(LearnerKind.EPSILON_GREEDY, shared, D, epsilon));
        Fixtures.train(bandit, 5L, 150, K, D);
        Candidates candidates = Fixtures.candidates(new SplittableRandom(6L), K, D);
        double[] expected = new double[K];
        java.util.Arrays.fill(expected, epsilon / K);
        expected[argmax(predictions(bandit, candidates))] += 1 - epsilon;
        assertArrayEquals(expected, bandit.choose(candidates, new SplittableRandom(1L)).probabilities(), 1e-15);
    }

    @Test
    void epsilonGreedyTiesShareTheGreedyMass() {
        EpsilonGreedy bandit = new EpsilonGreedy(Fixtures.config(LearnerKind.EPSILON_GREEDY, false, D, 0.2));
        Candidates fresh = Fixtures.candidates(new SplittableRandom(6L), K, D); // all predict 0
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25},
            bandit.choose(fresh, new SplittableRandom(1L)).probabilities(), 1e-15);
    }

    /** ŷ_a from the stored models, independently of the learner's own scoring path. */
    private static double[] predictions(ContextualBandit bandit, Candidates candidates) {
        ArmModels models = ArmModels.fromState(((AbstractLinearBandit) bandit).config(), bandit.toState("m"));
        double[] yhat = new double[candidates.size()];
        for (int a = 0; a < yhat.length; a++) {
            yhat[a] = models.modelFor(candidates.actionIds()[a]).predict(candidates.features()[a]);
        }
        return yhat;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
