package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every learner draws its choice from the distribution it logs. */
class DecisionDistributionTest {
    private static final int K = 5;
    private static final int D = 6;
    private static final int N = 20_000;

    static Stream<Arguments> learners() {
        return LearnerKind.all().stream().filter(kind -> !kind.multiArmed())
            .flatMap(kind -> Stream.of(Arguments.of(kind, false), Arguments.of(kind, true)));
    }

    @ParameterizedTest(name = "{0} shared={1}")
    @MethodSource("learners")
    void empiricalFrequenciesMatchTheLoggedProbabilities(LearnerKind kind, boolean shared) {
        ContextualBandit bandit = LinearBandits.create(Fixtures.config(kind, shared, D, Fixtures.exploration(kind)));
        Fixtures.train(bandit, 21L, 200, K, D);
        Candidates candidates = Fixtures.candidates(new SplittableRandom(33L), K, D);

        int[] counts = new int[K];
        double[] meanLogged = new double[K];
        double[] firstLogged = null;
        for (int i = 0; i < N; i++) {
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(77L, "r" + i));
            double[] p = choice.probabilities();
            assertEquals(K, p.length);
            assertEquals(1.0, Fixtures.sum(p), 1e-12);
            assertTrue(choice.propensity() > 0, "the chosen action must have had a chance");
            if (kind != LearnerKind.LINEAR_THOMPSON) {
                if (firstLogged == null) {
                    firstLogged = p.clone();
                }
                assertArrayEquals(firstLogged, p, 0.0, "a fixed model logs a fixed distribution");
            }
            counts[choice.chosen()]++;
            for (int a = 0; a < K; a++) {
                meanLogged[a] += p[a] / N;
            }
        }
        for (int a = 0; a < K; a++) {
            double p = meanLogged[a];
            double frequency = counts[a] / (double) N;
            if (p == 0) {
                assertEquals(0, counts[a], "action " + a + " has probability 0 but was chosen");
            } else {
                // Thompson's logged p is itself an estimate; its noise is small next to the choices'
                double tolerance = 5 * Math.sqrt(2 * p * (1 - p) / N) + 1e-9;
                assertEquals(p, frequency, tolerance, "action " + a);
            }
        }
        if (kind != LearnerKind.LINUCB) {
            long explored = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
            assertEquals(K, explored, "an exploring learner should try every action");
        }
    }
}
