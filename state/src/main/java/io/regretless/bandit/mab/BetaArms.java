package io.regretless.bandit.mab;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.regretless.bandit.Categorical;
import io.regretless.bandit.Choice;

/**
 * What the two Beta–Bernoulli Thompson samplers share: per-arm (possibly discounted) success and
 * failure counts, posteriors Beta(a₀ + s, b₀ + f), and the choice drawn from the exact
 * probabilities of {@link ProbabilityOfMaximum}.
 */
final class BetaArms {
    final ArmTable table;
    final double priorSuccesses;
    final double priorFailures;
    double[] successes;
    double[] failures;
    long version;
    private final ProbabilityOfMaximum maximum = new ProbabilityOfMaximum();
    private final LastProbabilities last = new LastProbabilities();

    BetaArms(ArmTable table, double priorSuccesses, double priorFailures) {
        if (!(priorSuccesses >= 1) || !(priorFailures >= 1) || Double.isInfinite(priorSuccesses)
                || Double.isInfinite(priorFailures)) {
            throw new IllegalArgumentException("the Beta prior needs finite a0, b0 >= 1 (a bounded, log-concave"
                + " posterior), got " + priorSuccesses + ", " + priorFailures);
        }
        this.table = table;
        this.priorSuccesses = priorSuccesses;
        this.priorFailures = priorFailures;
        this.successes = new double[Math.max(8, table.size())];
        this.failures = new double[Math.max(8, table.size())];
    }

    Posterior.Beta posterior(int arm) {
        return arm < 0 ? new Posterior.Beta(priorSuccesses, priorFailures)
            : new Posterior.Beta(priorSuccesses + successes[arm], priorFailures + failures[arm]);
    }

    /** P(arm has the largest draw) for each offered arm. */
    double[] probabilities(String[] armIds) {
        int[] offered = table.offered(armIds);
        double[] cached = last.get(version, armIds);
        if (cached != null) {
            return cached;
        }
        Posterior[] posteriors = new Posterior[offered.length];
        for (int a = 0; a < offered.length; a++) {
            posteriors[a] = posterior(offered[a]);
        }
        double[] probabilities = maximum.probabilities(posteriors);
        last.put(version, armIds, probabilities);
        return probabilities;
    }

    Choice choose(String[] armIds, SplittableRandom random) {
        double[] probabilities = probabilities(armIds);
        return new Choice(Categorical.sample(probabilities, random), probabilities);
    }

    /** The arm's index after checking the update; adds the arm if new. */
    int arm(String armId, double reward) {
        Rewards.requireArm(armId);
        Rewards.requireUnit(reward, armId);
        int j = table.indexOrAdd(armId);
        if (j == successes.length) {
            successes = Arrays.copyOf(successes, 2 * j);
            failures = Arrays.copyOf(failures, 2 * j);
        }
        return j;
    }

    /** A reward r ∈ [0, 1] counts r successes and 1 − r failures: exact for Bernoulli rewards. */
    void add(int arm, double reward) {
        successes[arm] += reward;
        failures[arm] += 1.0 - reward;
        version++;
    }

    static void requireCounts(String id, double successes, double failures) {
        if (!(successes >= 0) || !(failures >= 0) || Double.isInfinite(successes) || Double.isInfinite(failures)) {
            throw new IllegalStateException("malformed Beta arm '" + id + "': " + successes + ", " + failures);
        }
    }
}
