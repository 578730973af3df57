package io.regretless.ops.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's coverage requirement on the digits replay: logged uniformly at random, each shadow
 * policy (LinUCB, linear TS, SquareCB, epsilon-greedy — all learning from the log — and uniform)
 * scored progressively; over 20 seeds the 95 % intervals of IPS and DR contain the policy's true
 * value in at least 17 seeds, and DR's interval is narrower than IPS's on average. The full table,
 * also with an epsilon-greedy logging policy, is printed by {@link ReplayCoverage}.
 */
class ReplayCoverageTest {
    private static final int SEEDS = 20;
    private static List<ReplayCoverageExperiment.SeedResult> results;

    @BeforeAll
    static void replay() {
        Digits digits = Digits.load();
        ReplayCoverageExperiment.Config config =
            new ReplayCoverageExperiment.Config(1, ReplayCoverageExperiment.Logging.UNIFORM, 64);
        results = new ArrayList<>();
        for (int s = 0; s < SEEDS; s++) {
            results.add(ReplayCoverageExperiment.run(digits.features, digits.labels, 1 + s, config,
                ReplayCoverageExperiment.defaultShadows(64)));
        }
    }

    @Test
    void ipsAndDrIntervalsCoverTheTrueValueInAtLeast17Of20Seeds() {
        int policies = results.get(0).policies().size();
        for (int p = 0; p < policies; p++) {
            for (String estimator : List.of("ips", "dr")) {
                int covered = 0;
                for (ReplayCoverageExperiment.SeedResult seed : results) {
                    ReplayCoverageExperiment.PolicyResult result = seed.policies().get(p);
                    covered += result.estimate(estimator).normal().contains(result.trueValue()) ? 1 : 0;
                }
                String policy = results.get(0).policies().get(p).policy();
                assertTrue(covered >= 17, policy + " " + estimator + " covered " + covered + " of " + SEEDS
                    + "\n" + ReplayCoverageExperiment.table(results));
            }
        }
    }

    @Test
    void drIntervalsAreNarrowerThanIpsOnAverage() {
        int policies = results.get(0).policies().size();
        for (int p = 0; p < policies; p++) {
            double ips = 0;
            double dr = 0;
            for (ReplayCoverageExperiment.SeedResult seed : results) {
                ips += seed.policies().get(p).estimate("ips").normal().width();
                dr += seed.policies().get(p).estimate("dr").normal().width();
            }
            assertTrue(dr < ips, results.get(0).policies().get(p).policy() + ": DR " + dr / SEEDS + " vs IPS " + ips / SEEDS);
        }
    }

    @Test
    void learnersBeatUniformAndUniformIsWorthOneTenth() {
        for (ReplayCoverageExperiment.SeedResult seed : results) {
            for (ReplayCoverageExperiment.PolicyResult policy : seed.policies()) {
                if (policy.policy().equals("uniform")) {
                    assertEquals(0.1, policy.trueValue(), 1e-12);
                } else {
                    assertTrue(policy.trueValue() > 0.5, policy.toString());
                }
            }
        }
    }
}
