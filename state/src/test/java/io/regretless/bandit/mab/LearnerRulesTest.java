package io.regretless.bandit.mab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.Choice;

/** Each learner's update and decision rule, against its paper's formula. */
class LearnerRulesTest {

    @Test
    void ucb1PlaysUnplayedArmsFirstInOfferedOrderThenTheLargestIndex() {
        Ucb1 ucb = new Ucb1(10);
        SplittableRandom unused = new SplittableRandom(0);
        assertEquals(1, ucb.choose(new String[] {"c", "a", "b"}, unused).probabilities()[0]);
        ucb.update("c", 1.0);
        assertEquals(1, ucb.choose(new String[] {"c", "a", "b"}, unused).chosen());
        ucb.update("a", 0.0);
        ucb.update("a", 1.0);
        ucb.update("b", 0.5);
        // n = 4: c has x̄ 1, n 1; a x̄ 0.5, n 2; b x̄ 0.5, n 1
        double log = Math.log(4);
        assertArrayEquals(new double[] {1 + Math.sqrt(2 * log), 0.5 + Math.sqrt(log), 0.5 + Math.sqrt(2 * log)},
            ucb.indices(new String[] {"c", "a", "b"}), 1e-15);
        // equal indices: the first offered wins
        Ucb1 tied = new Ucb1(10);
        tied.update("x", 0.5);
        tied.update("y", 0.5);
        assertEquals(0, tied.choose(new String[] {"y", "x"}, unused).chosen());
        assertEquals(0, tied.choose(new String[] {"x", "y"}, unused).chosen());
    }

    @Test
    void bernoulliPosteriorCountsFractionalRewards() {
        BernoulliThompsonSampling ts = new BernoulliThompsonSampling(4, 1, 1);
        ts.update("a", 1.0);
        ts.update("a", 0.25);
        assertEquals(new Posterior.Beta(2.25, 1.75), ts.posterior("a"));
        assertEquals(new Posterior.Beta(1, 1), ts.posterior("unseen"));
    }

    @Test
    void gaussianPosteriorIsThePapersWithUnitPriorAndNoise() {
        GaussianThompsonSampling ts = new GaussianThompsonSampling(4, 0, 1, 1);
        ts.update("a", 1.0);
        ts.update("a", 0.0);
        ts.update("a", 1.0);
        // Agrawal & Goyal 2013, Algorithm 2: N(Σr/(n + 1), 1/(n + 1))
        Posterior.Normal posterior = ts.posterior("a");
        assertEquals(2.0 / 4, posterior.mean(), 1e-15);
        assertEquals(Math.sqrt(1.0 / 4), posterior.sd(), 1e-15);
    }

    @Test
    void discountFadesEveryArmAndOneIsPlainThompsonSampling() {
        DiscountedThompsonSampling dts = new DiscountedThompsonSampling(4, 0.5, 1, 1);
        dts.update("a", 1.0);
        dts.update("b", 0.0);
        dts.update("b", 1.0);
        // a: 1 success, discounted twice; b: failure discounted once then a success
        assertEquals(new Posterior.Beta(1 + 0.25, 1), dts.posterior("a"));
        assertEquals(new Posterior.Beta(1 + 1, 1 + 0.5), dts.posterior("b"));

        DiscountedThompsonSampling undiscounted = new DiscountedThompsonSampling(4, 1.0, 1, 1);
        BernoulliThompsonSampling plain = new BernoulliThompsonSampling(4, 1, 1);
        SplittableRandom random = new SplittableRandom(1);
        for (int t = 0; t < 200; t++) {
            String arm = "a" + random.nextInt(3);
            double reward = random.nextInt(2);
            undiscounted.update(arm, reward);
            plain.update(arm, reward);
        }
        String[] offered = {"a0", "a1", "a2"};
        assertArrayEquals(plain.choose(offered, new SplittableRandom(2)).probabilities(),
            undiscounted.choose(offered, new SplittableRandom(2)).probabilities(), 0.0);
    }

    @Test
    void exp3IxEstimatesLossesWithImplicitExploration() {
        Exp3Ix exp3 = new Exp3Ix(4, 1000);
        double etaOne = Math.sqrt(2 * Math.log(2) / (2 * 1000.0));
        exp3.update("a", 0.25, 0.5);
        double la = 0.75 / (0.5 + etaOne / 2);
        assertEquals(la, exp3.state().arms().get(0).lossEstimate(), 1e-15);
        // a new arm starts level with the leader (the smallest estimate), then adds its loss ℓ/(p + γ)
        exp3.update("b", 0.0, 0.25);
        double lb = la + 1.0 / (0.25 + etaOne / 2);
        assertEquals(lb, exp3.state().arms().get(1).lossEstimate(), 1e-15);
        Choice choice = exp3.choose(new String[] {"a", "b"}, new SplittableRandom(3));
        double pa = 1 / (1 + Math.exp(-etaOne * (lb - la)));
        assertEquals(pa, choice.probabilities()[0], 1e-15);
        // without the logged propensity, the update recomputes it over the known arms
        Exp3Ix recomputed = Exp3Ix.restore(4, 1000, exp3.state());
        recomputed.update("a", 0.5);
        assertEquals(la + 0.5 / (pa + etaOne / 2), recomputed.state().arms().get(0).lossEstimate(), 1e-14);
    }

    @Test
    void slidingWindowForgetsAndKeepsExactSums() {
        SlidingWindowUcb sw = new SlidingWindowUcb(4, 10, 0.6);
        sw.update("old", 1.0);
        for (int t = 0; t < 10; t++) {
            sw.update("new", t % 2);
        }
        // "old" left the window: it is played as if never seen
        double[] indices = sw.indices(new String[] {"old", "new"});
        assertEquals(Double.POSITIVE_INFINITY, indices[0]);
        assertEquals(0.5 + Math.sqrt(0.6 * Math.log(10) / 10), indices[1], 1e-15);

        SlidingWindowUcb long_ = new SlidingWindowUcb(4, 37, 0.6);
        SplittableRandom random = new SplittableRandom(4);
        for (int t = 0; t < 10_000; t++) {
            long_.update("a" + random.nextInt(3), random.nextDouble());
        }
        SlidingWindowUcb.State state = long_.state();
        double[] exact = new double[3];
        for (int s = 0; s < state.slotArms().length; s++) {
            exact[state.slotArms()[s]] += state.slotRewards()[s];
        }
        assertArrayEquals(exact, state.windowSums(), 1e-12);
    }

    @Test
    void choiceDrawsFromTheComputedProbabilitiesWithOneUniform() {
        BernoulliThompsonSampling ts = new BernoulliThompsonSampling(4, 1, 1);
        for (int t = 0; t < 20; t++) {
            ts.update("a", t % 3 == 0 ? 1 : 0);
            ts.update("b", t % 2);
        }
        String[] offered = {"a", "b"};
        double[] p = ts.choose(offered, new SplittableRandom(0)).probabilities();
        for (int seed = 0; seed < 200; seed++) {
            double u = new SplittableRandom(seed).nextDouble();
            int expected = u < p[0] ? 0 : 1;
            assertEquals(expected, ts.choose(offered, new SplittableRandom(seed)).chosen());
        }
        assertTrue(p[1] > p[0]);
    }
}
