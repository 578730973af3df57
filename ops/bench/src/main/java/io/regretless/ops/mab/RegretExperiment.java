package io.regretless.ops.mab;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.regretless.bandit.Choice;
import io.regretless.bandit.mab.BernoulliThompsonSampling;
import io.regretless.bandit.mab.DiscountedThompsonSampling;
import io.regretless.bandit.mab.Exp3Ix;
import io.regretless.bandit.mab.GaussianThompsonSampling;
import io.regretless.bandit.mab.MultiArmedBandit;
import io.regretless.bandit.mab.SlidingWindowUcb;
import io.regretless.bandit.mab.Ucb1;

/**
 * Simulated Bernoulli bandits for the learners' regret: each round every arm is offered, the
 * learner chooses with its own probabilities, the chosen arm pays 1 with its current mean, and the
 * learner learns the reward at once. Regret is the pseudo-regret Σ_t (μ*_t − μ_{a_t}), the quantity
 * the papers bound in expectation. Deterministic given the seed; a benchmark, not a test.
 */
public final class RegretExperiment {

    /**
     * Piecewise-constant Bernoulli means: {@code means[s][i]} is arm i's mean in segment s, each
     * segment {@code segmentLength} rounds long, the last one lasting to the end.
     */
    public record Environment(String name, double[][] means, int segmentLength) {
        public Environment {
            if (means.length == 0 || means[0].length < 2 || segmentLength < 1) {
                throw new IllegalArgumentException("need at least one segment of two arms and a positive length");
            }
            for (double[] segment : means) {
                if (segment.length != means[0].length) {
                    throw new IllegalArgumentException("every segment needs the same number of arms");
                }
                for (double mu : segment) {
                    if (!(mu >= 0 && mu <= 1)) {
                        throw new IllegalArgumentException("Bernoulli means must be in [0, 1], got " + mu);
                    }
                }
            }
        }

        public int arms() {
            return means[0].length;
        }

        /** The means in force at round t (0-based). */
        public double[] meansAt(long t) {
            return means[(int) Math.min(means.length - 1, t / segmentLength)];
        }

        /** The index of the best arm at round t (the first of equal means). */
        public int bestAt(long t) {
            double[] mu = meansAt(t);
            int best = 0;
            for (int i = 1; i < mu.length; i++) {
                if (mu[i] > mu[best]) {
                    best = i;
                }
            }
            return best;
        }

        /**
         * K stationary arms: the best has mean {@code best}, the other K − 1 are below it by gaps
         * spread evenly from {@code smallestGap} to {@code largestGap}, in a seeded random order.
         */
        public static Environment stationary(int arms, double best, double smallestGap, double largestGap, long seed) {
            double[] mu = new double[arms];
            mu[0] = best;
            for (int i = 1; i < arms; i++) {
                double gap = arms == 2 ? smallestGap
                    : smallestGap + (largestGap - smallestGap) * (i - 1) / (arms - 2);
                mu[i] = best - gap;
            }
            return new Environment("stationary", new double[][] {shuffled(mu, seed)}, Integer.MAX_VALUE);
        }

        /**
         * Abrupt changes of the best arm every {@code segmentLength} rounds. Segment 0 gives the
         * levels to the arms in a seeded random order. At each change the arm holding the best
         * level drops to the second-best level, an arm drawn at random among the others takes the
         * best level, and the arm that held the second-best level takes that arm's old level. The
         * old best arm stays good, so a learner that trusts its long history keeps playing it,
         * while the new best arm was mediocre and rarely played.
         */
        public static Environment abrupt(double[] levels, int segments, int segmentLength, long seed) {
            if (levels.length < 3) {
                throw new IllegalArgumentException("need at least three arms, got " + levels.length);
            }
            SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
            double[][] means = new double[segments][];
            means[0] = shuffled(levels, seed);
            for (int s = 1; s < segments; s++) {
                double[] previous = means[s - 1];
                int best = argmax(previous, -1);
                int second = argmax(previous, best);
                int next;
                do {
                    next = random.nextInt(previous.length);
                } while (next == best || next == second);
                double[] current = previous.clone();
                current[best] = previous[second];
                current[next] = previous[best];
                current[second] = previous[next];
                means[s] = current;
            }
            return new Environment("abrupt", means, segmentLength);
        }

        private static int argmax(double[] values, int excluded) {
            int best = -1;
            for (int i = 0; i < values.length; i++) {
                if (i != excluded && (best < 0 || values[i] > values[best])) {
                    best = i;
                }
            }
            return best;
        }

        private static double[] shuffled(double[] values, long seed) {
            double[] copy = values.clone();
            SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
            for (int i = copy.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double v = copy[i];
                copy[i] = copy[j];
                copy[j] = v;
            }
            return copy;
        }
    }

    /** One run: the arm played each round and the cumulative pseudo-regret after each round. */
    public record Run(int[] chosen, double[] cumulativeRegret) {
        public double regretAt(int rounds) {
            return rounds == 0 ? 0.0 : cumulativeRegret[rounds - 1];
        }

        /**
         * Rounds after a change at {@code change} until the new best arm {@code best} is played in
         * at least {@code share} of a window of {@code window} consecutive rounds starting there:
         * the smallest r with that share in [change + r, change + r + window). −1 if no such window
         * ends before {@code end}.
         */
        public int recovery(int change, int end, int best, int window, double share) {
            int needed = (int) Math.ceil(share * window);
            int count = 0;
            for (int t = change; t < Math.min(end, chosen.length); t++) {
                count += chosen[t] == best ? 1 : 0;
                if (t - change >= window) {
                    count -= chosen[t - window] == best ? 1 : 0;
                }
                if (t - change + 1 >= window && count >= needed) {
                    return t + 1 - window - change;
                }
            }
            return -1;
        }
    }

    private RegretExperiment() {
    }

    /**
     * The six learners with the settings of the experiment: UCB1; Beta(1, 1) and N(0, 1) Thompson
     * sampling (the papers' priors); EXP3-IX tuned for the horizon (Neu 2015, Theorem 1); and for
     * drift discounted Thompson sampling with discount γ and sliding-window UCB with window τ and
     * ξ = 0.6. Arms are bounded to {@code arms}.
     */
    public static Map<String, Supplier<MultiArmedBandit>> learners(int arms, long horizon, double discount, int window) {
        Map<String, Supplier<MultiArmedBandit>> learners = new LinkedHashMap<>();
        learners.put(Ucb1.NAME, () -> new Ucb1(arms));
        learners.put(BernoulliThompsonSampling.NAME, () -> new BernoulliThompsonSampling(arms, 1, 1));
        learners.put(GaussianThompsonSampling.NAME, () -> new GaussianThompsonSampling(arms, 0, 1, 1));
        learners.put(Exp3Ix.NAME, () -> new Exp3Ix(arms, horizon));
        learners.put(DiscountedThompsonSampling.NAME, () -> new DiscountedThompsonSampling(arms, discount, 1, 1));
        learners.put(SlidingWindowUcb.NAME, () -> new SlidingWindowUcb(arms, window, 0.6));
        return learners;
    }

    /**
     * Garivier &amp; Moulines' window for Υ abrupt changes in T rounds and rewards in [0, 1]:
     * τ = 2 √(T ln T / Υ).
     */
    public static int slidingWindow(long rounds, int changes) {
        return (int) Math.round(2 * Math.sqrt(rounds * Math.log(rounds) / Math.max(1, changes)));
    }

    /**
     * EXP3-IX's high-probability bound (Neu 2015, Theorem 1): with probability at least 1 − δ the
     * regret after T rounds against the best fixed arm is at most
     * 2 √(2 K T ln K) + (√(2 K T / ln K) + 1) ln(2/δ).
     */
    public static double exp3IxBound(int arms, long rounds, double delta) {
        double logK = Math.log(arms);
        return 2 * Math.sqrt(2 * arms * rounds * logK) + (Math.sqrt(2 * arms * rounds / logK) + 1) * Math.log(2 / delta);
    }

    /** Runs one learner for {@code rounds} rounds on the environment, with randomness from the seed. */
    public static Run run(Supplier<? extends MultiArmedBandit> learner, Environment environment, int rounds, long seed) {
        MultiArmedBandit bandit = learner.get();
        String[] ids = armIds(environment.arms());
        SplittableRandom decisions = new SplittableRandom(seed);
        SplittableRandom rewards = new SplittableRandom(~seed * 0x9E3779B97F4A7C15L);
        int[] chosen = new int[rounds];
        double[] regret = new double[rounds];
        double total = 0.0;
        for (int t = 0; t < rounds; t++) {
            double[] mu = environment.meansAt(t);
            Choice choice = bandit.choose(ids, decisions);
            int arm = choice.chosen();
            double reward = rewards.nextDouble() < mu[arm] ? 1.0 : 0.0;
            bandit.update(ids[arm], reward, choice.propensity());
            total += max(mu) - mu[arm];
            chosen[t] = arm;
            regret[t] = total;
        }
        return new Run(chosen, regret);
    }

    /**
     * Auer et al. 2002, Theorem 1: UCB1's expected regret after n rounds is at most
     * Σ_{Δ_i &gt; 0} 8 ln n / Δ_i + (1 + π²/3) Σ_i Δ_i.
     */
    public static double ucb1Bound(double[] means, long rounds) {
        double best = max(means);
        double logN = Math.log(rounds);
        double bound = 0.0;
        for (double mu : means) {
            double gap = best - mu;
            if (gap > 0) {
                bound += 8 * logN / gap + (1 + Math.PI * Math.PI / 3) * gap;
            }
        }
        return bound;
    }

    /**
     * The Lai–Robbins constant Σ_{Δ_i &gt; 0} Δ_i / KL(μ_i, μ*) for Bernoulli arms: no consistent
     * learner's regret grows more slowly than this times ln T (Lai &amp; Robbins 1985), and Thompson
     * sampling's regret is at most (1 + ε) times it times ln T plus a term independent of T
     * (Kaufmann, Korda &amp; Munos 2012; Agrawal &amp; Goyal 2013, Theorem 1).
     */
    public static double laiRobbinsConstant(double[] means) {
        double best = max(means);
        double constant = 0.0;
        for (double mu : means) {
            double gap = best - mu;
            if (gap > 0) {
                constant += gap / bernoulliKl(mu, best);
            }
        }
        return constant;
    }

    /** KL(Bernoulli(p) ‖ Bernoulli(q)). */
    public static double bernoulliKl(double p, double q) {
        return term(p, q) + term(1 - p, 1 - q);
    }

    private static double term(double p, double q) {
        return p == 0 ? 0.0 : p * Math.log(p / q);
    }

    /** Arm ids {@code "0"} to {@code "K-1"}, as {@link MultiArmedBandit#choose(int, SplittableRandom)} names them. */
    public static String[] armIds(int arms) {
        String[] ids = new String[arms];
        for (int i = 0; i < arms; i++) {
            ids[i] = Integer.toString(i);
        }
        return ids;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
