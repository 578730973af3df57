package io.regretless.ops.mab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.mab.BernoulliThompsonSampling;
import io.regretless.bandit.mab.DiscountedThompsonSampling;
import io.regretless.bandit.mab.MultiArmedBandit;
import io.regretless.bandit.mab.SlidingWindowUcb;

/**
 * Abrupt changes of the best arm ({@link RegretExperiment.Environment#abrupt}: the best arm drops
 * to second best, a mediocre arm becomes best). "Recovered" after a change at round c: the first
 * r such that the new best arm takes at least half of the 500 plays from c + r on. The drift
 * learners recover within B = max(2τ, 4/(1 − γ)) rounds of every change — after τ rounds the
 * window holds only post-change rewards; after 4/(1 − γ) the pre-change evidence weighs e^−4 —
 * while stationary Thompson sampling, trusting the old best arm's long history, does not.
 *
 * <p>Scaled down from the setting (a change every 20,000 rounds) to a change every 5,000
 * for a test of seconds: discounted TS with γ = 0.996, SW-UCB with Garivier &amp; Moulines' τ for 2
 * changes in 15,000 rounds (537). {@code mab-bench} ({@link RegretCurves}) runs the full setting.
 */
class DriftRecoveryTest {
    private static final double[] LEVELS = {0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25};
    private static final int SEGMENT = 5_000;
    private static final int SEGMENTS = 3;
    private static final int WINDOW = 500;
    private static final double DISCOUNT = 0.996;
    private static final long[] SEEDS = {100, 101};

    private static final int TAU = RegretExperiment.slidingWindow((long) SEGMENT * SEGMENTS, SEGMENTS - 1);
    private static final int BOUND = (int) Math.max(2 * TAU, Math.round(4 / (1 - DISCOUNT)));

    /** The recovery time after every change of every seed; −1 where the learner never recovered. */
    private static int[] recoveries(Supplier<MultiArmedBandit> learner) {
        int[] result = new int[SEEDS.length * (SEGMENTS - 1)];
        int i = 0;
        for (long seed : SEEDS) {
            RegretExperiment.Environment env = RegretExperiment.Environment.abrupt(LEVELS, SEGMENTS, SEGMENT, seed);
            RegretExperiment.Run run = RegretExperiment.run(learner, env, SEGMENT * SEGMENTS, seed);
            for (int change = SEGMENT; change < SEGMENT * SEGMENTS; change += SEGMENT) {
                result[i++] = run.recovery(change, change + SEGMENT, env.bestAt(change), WINDOW, 0.5);
            }
        }
        return result;
    }

    @Test
    void discountedThompsonSamplingRecoversWithinTheBound() {
        for (int r : recoveries(() -> new DiscountedThompsonSampling(10, DISCOUNT, 1, 1))) {
            assertTrue(r >= 0 && r <= BOUND, "discounted TS recovered after " + r + " rounds, bound " + BOUND);
        }
    }

    @Test
    void slidingWindowUcbRecoversWithinTheBound() {
        for (int r : recoveries(() -> new SlidingWindowUcb(10, TAU, 0.6))) {
            assertTrue(r >= 0 && r <= BOUND, "SW-UCB recovered after " + r + " rounds, bound " + BOUND);
        }
    }

    @Test
    void stationaryThompsonSamplingDoesNot() {
        for (int r : recoveries(() -> new BernoulliThompsonSampling(10, 1, 1))) {
            assertTrue(r < 0 || r > BOUND, "stationary TS recovered after " + r + " rounds, within " + BOUND);
        }
    }
}
