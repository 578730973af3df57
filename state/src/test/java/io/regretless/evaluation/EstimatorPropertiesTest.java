package io.regretless.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** What the estimators' definitions and papers imply, on simulated logs with a known truth. */
class EstimatorPropertiesTest {
    private static final int K = 4;

    /**
     * A log of n rounds: contexts u ~ U(0, 1), mean reward of action a is (a + 1)/(K + 1)·(0.5 + u)/1.5
     * (clipped to [0, 1]), Bernoulli rewards; the logging policy is a softmax of a random score, the
     * target policy puts 0.7 on action K − 1. Returns the rounds and the target's true value on them.
     */
    private record Log(List<LoggedRound> rounds, double truth) {
    }

    private static Log log(long seed, int n, boolean perfectModel) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LoggedRound> rounds = new ArrayList<>();
        double truth = 0;
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            double[] mu = new double[K];
            double[] logging = new double[K];
            double z = 0;
            for (int a = 0; a < K; a++) {
                mu[a] = Math.min(1, (a + 1.0) / (K + 1) * (0.5 + u) / 1.5);
                logging[a] = Math.exp(2 * random.nextDouble());
                z += logging[a];
            }
            double[] target = new double[K];
            for (int a = 0; a < K; a++) {
                logging[a] /= z;
                target[a] = a == K - 1 ? 0.7 : 0.1;
                truth += target[a] * mu[a] / n;
            }
            double draw = random.nextDouble();
            int chosen = K - 1;
            double cumulative = 0;
            for (int a = 0; a < K; a++) {
                cumulative += logging[a];
                if (draw < cumulative) {
                    chosen = a;
                    break;
                }
            }
            double reward = random.nextDouble() < mu[chosen] ? 1.0 : 0.0;
            double[] q = new double[K];
            for (int a = 0; a < K; a++) {
                q[a] = perfectModel ? mu[a] : 0.5;
            }
            rounds.add(new LoggedRound(chosen, logging[chosen], reward, target, q));
        }
        return new Log(rounds, truth);
    }

    private static PolicyEstimates replay(List<LoggedRound> rounds, double cap) {
        PolicyEstimates e = PolicyEstimates.empty(cap);
        for (LoggedRound r : rounds) {
            e = e.update(r);
        }
        return e;
    }

    @Test
    void welfordIsStableWhereTheNaiveFormulaCancels() {
        Moments m = Moments.EMPTY;
        double naiveSum = 0;
        double naiveSquares = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            double x = 1e9 + (i % 2 == 0 ? 1 : -1);
            m = m.plus(x);
            naiveSum += x;
            naiveSquares += x * x;
        }
        double exact = n / (n - 1.0);
        assertEquals(exact, m.variance(), 1e-9);
        double naive = (naiveSquares - naiveSum * naiveSum / n) / (n - 1);
        assertTrue(Math.abs(naive - exact) > 1e-3, "the test must be one where the naive formula fails: " + naive);
    }

    @Test
    void estimatorsAreValuesThatUpdateWithoutMutation() {
        LoggedRound round = new LoggedRound(1, 0.5, 1.0, new double[] {0.2, 0.8}, new double[] {0.1, 0.9});
        PolicyEstimates empty = PolicyEstimates.empty(3);
        PolicyEstimates next = empty.update(round);
        assertEquals(PolicyEstimates.empty(3), empty);
        assertNotSame(empty, next);
        assertEquals(1, next.rounds());
        assertEquals(1.6, next.ips().terms().mean(), 0.0);
    }

    @Test
    void limitingCasesAgreeExactly() {
        List<LoggedRound> rounds = log(5, 3000, false).rounds();
        PolicyEstimates e = replay(rounds, 1e6);
        // a cap above every weight clips nothing
        assertEquals(e.ips(), new InversePropensityScoring(e.clippedIps().terms(), e.clippedIps().weights()));
        // DR with a reward model that predicts 0 is IPS
        DoublyRobust zeroModel = DoublyRobust.EMPTY;
        for (LoggedRound r : rounds) {
            zeroModel = zeroModel.update(new LoggedRound(r.chosen(), r.propensity(), r.reward(),
                r.targetProbabilities(), new double[K]));
        }
        assertEquals(e.ips().terms(), zeroModel.terms());
    }

    @Test
    void snipsIsInvariantToShiftingEveryReward() {
        List<LoggedRound> rounds = log(6, 2000, false).rounds();
        SelfNormalizedInversePropensityScoring plain = SelfNormalizedInversePropensityScoring.EMPTY;
        SelfNormalizedInversePropensityScoring shifted = SelfNormalizedInversePropensityScoring.EMPTY;
        for (LoggedRound r : rounds) {
            plain = plain.update(r);
            shifted = shifted.update(new LoggedRound(r.chosen(), r.propensity(), r.reward() + 3, r.targetProbabilities()));
        }
        assertEquals(plain.value() + 3, shifted.value(), 1e-12);
    }

    @Test
    void clippingBiasesIpsDownForNonNegativeRewards() {
        PolicyEstimates e = replay(log(7, 5000, false).rounds(), 1.5);
        assertTrue(e.clippedIps().terms().mean() < e.ips().terms().mean());
        assertTrue(e.clippedIps().estimate(KnownBounds.UNIT_REWARDS).maxWeight() <= 1.5);
    }

    /**
     * Over 400 independent logs of 500 rounds: the normal intervals of IPS, SNIPS and DR cover the
     * truth in about 95 % of logs (at least 90 % asserted, a 4-sigma margin for 400 draws), the
     * empirical-Bernstein intervals in at least 95 % (a guarantee, not an approximation), and a
     * reward model equal to the true means makes DR's interval narrower than IPS's.
     */
    @Test
    void intervalsCoverTheTruthAtTheirLevel() {
        int logs = 400;
        int ipsCovered = 0;
        int snipsCovered = 0;
        int drCovered = 0;
        int bernsteinCovered = 0;
        double ipsWidth = 0;
        double drWidth = 0;
        for (int s = 0; s < logs; s++) {
            Log log = log(100 + s, 500, true);
            double maxWeight = 0;
            for (LoggedRound r : log.rounds()) {
                maxWeight = Math.max(maxWeight, 1 / r.propensity());
            }
            KnownBounds bounds = new KnownBounds(0, 1, maxWeight);
            PolicyEstimates e = replay(log.rounds(), 5);
            Estimate ips = e.ips().estimate(bounds);
            Estimate dr = e.doublyRobust().estimate(bounds);
            ipsCovered += ips.normal().contains(log.truth()) ? 1 : 0;
            snipsCovered += e.snips().estimate(bounds).normal().contains(log.truth()) ? 1 : 0;
            drCovered += dr.normal().contains(log.truth()) ? 1 : 0;
            bernsteinCovered += ips.bernstein().contains(log.truth()) ? 1 : 0;
            ipsWidth += ips.normal().width();
            drWidth += dr.normal().width();
        }
        assertTrue(ipsCovered >= 0.9 * logs, "IPS covered " + ipsCovered);
        assertTrue(snipsCovered >= 0.9 * logs, "SNIPS covered " + snipsCovered);
        assertTrue(drCovered >= 0.9 * logs, "DR covered " + drCovered);
        assertTrue(bernsteinCovered >= 0.95 * logs, "empirical Bernstein covered " + bernsteinCovered);
        assertTrue(drWidth < ipsWidth, "DR " + drWidth + " vs IPS " + ipsWidth);
    }

    @Test
    void badRoundsAreRefused() {
        double[] target = {0.5, 0.5};
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(0, 0.0, 1, target));
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(0, 1.5, 1, target));
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(2, 0.5, 1, target));
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(0, 0.5, Double.NaN, target));
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(0, 0.5, 1, new double[] {1.2, 0}));
        assertThrows(IllegalArgumentException.class, () -> new LoggedRound(0, 0.5, 1, target, new double[] {1}));
        assertThrows(IllegalStateException.class, () -> DirectMethod.EMPTY.update(new LoggedRound(0, 0.5, 1, target)));
    }

    @Test
    void fewerThanTwoRoundsGiveUnboundedIntervals() {
        Estimate e = InversePropensityScoring.EMPTY.update(new LoggedRound(0, 0.5, 1, new double[] {1, 0}))
            .estimate(KnownBounds.UNIT_REWARDS);
        assertEquals(Interval.UNBOUNDED, e.normal());
        assertEquals(Interval.UNBOUNDED, e.bernstein());
    }
}
