package io.regretless.ops.mab;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.regretless.bandit.Choice;
import io.regretless.bandit.mab.DiscountedThompsonSampling;
import io.regretless.bandit.mab.MultiArmedBandit;
import io.regretless.bandit.mab.SlidingWindowUcb;

/**
 * Per-decision cost of the multi-armed learners with K = 10 arms offered — a simple harness, not
 * JMH (not on this build's class path). Each learner is first trained for {@code rounds} rounds on
 * an environment (so that the posteriors are in the state they are in mid-experiment), then on
 * that fixed state: {@code warmup} calls of {@code choose} to let the JIT compile, then
 * {@code batches} batches of {@code calls} calls, each batch timed by the thread's CPU clock (less
 * disturbed by other processes than the wall clock on a shared machine). Prints the median and the
 * fastest batch's time per call, for {@code choose} and for {@code update}. The Thompson samplers
 * keep the probabilities of their last offer until the next update; "choose" alternates between
 * two orders of the arms so that every call computes them, "repeat" offers the same arms again.
 *
 * <pre>
 * mvn -B -ntp -q -pl ops/bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp ops/bench/target/test-classes:ops/bench/target/classes:$(cat ops/bench/target/cp.txt) \
 *     io.regretless.ops.mab.DecisionCost
 * </pre>
 */
public final class DecisionCost {
    private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();

    private DecisionCost() {
    }

    public static void main(String[] args) {
        int warmup = 2_000;
        int batches = 15;
        int calls = 1_000;
        String[] arms = RegretExperiment.armIds(10);
        RegretExperiment.Environment stationary = RegretExperiment.Environment.stationary(10, 0.5, 0.05, 0.2, 1);
        RegretExperiment.Environment abrupt = RegretExperiment.Environment.abrupt(
            new double[] {0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25}, 5, 20_000, 1);
        Map<String, Supplier<MultiArmedBandit>> learners = RegretExperiment.learners(10, 100_000, 0.999, 1073);
        System.out.printf("%-14s %-24s %14s %14s %14s %14s%n", "learner", "state", "choose median", "choose best",
            "repeat median", "update median");
        for (Map.Entry<String, Supplier<MultiArmedBandit>> entry : learners.entrySet()) {
            for (int rounds : new int[] {100, 30_000}) {
                RegretExperiment.Environment env = entry.getKey().equals(DiscountedThompsonSampling.NAME)
                    || entry.getKey().equals(SlidingWindowUcb.NAME) ? abrupt : stationary;
                MultiArmedBandit bandit = trained(entry.getValue(), env, rounds);
                String[] reversed = arms.clone();
                java.util.Collections.reverse(java.util.Arrays.asList(reversed));
                double[] choose = time(bandit, arms, reversed, warmup, batches, calls);
                double[] repeat = time(bandit, arms, arms, warmup, batches, calls);
                double[] update = timeUpdates(entry.getValue(), env, rounds, batches, calls);
                System.out.printf("%-14s %-24s %11.2f us %11.2f us %11.2f us %11.2f us%n", entry.getKey(),
                    env.name() + ", " + rounds + " rounds", median(choose), min(choose), median(repeat), median(update));
            }
        }
    }

    private static MultiArmedBandit trained(Supplier<MultiArmedBandit> learner, RegretExperiment.Environment env,
                                            int rounds) {
        MultiArmedBandit bandit = learner.get();
        String[] arms = RegretExperiment.armIds(env.arms());
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < rounds; t++) {
            Choice c = bandit.choose(arms, random);
            bandit.update(arms[c.chosen()], random.nextDouble() < env.meansAt(t)[c.chosen()] ? 1 : 0, c.propensity());
        }
        return bandit;
    }

    /** Microseconds per choose, offering {@code even} and {@code odd} in turn, one value per batch. */
    private static double[] time(MultiArmedBandit bandit, String[] even, String[] odd, int warmup, int batches,
                                 int calls) {
        SplittableRandom random = new SplittableRandom(11);
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += bandit.choose(i % 2 == 0 ? even : odd, random).chosen();
        }
        double[] perCall = new double[batches];
        for (int b = 0; b < batches; b++) {
            long start = CLOCK.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += bandit.choose(i % 2 == 0 ? even : odd, random).chosen();
            }
            perCall[b] = (CLOCK.getCurrentThreadCpuTime() - start) / 1e3 / calls;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        return perCall;
    }

    /** Microseconds per update, continuing the training, one value per batch. */
    private static double[] timeUpdates(Supplier<MultiArmedBandit> learner, RegretExperiment.Environment env, int rounds,
                                        int batches, int calls) {
        double[] perCall = new double[batches];
        String[] arms = RegretExperiment.armIds(env.arms());
        SplittableRandom random = new SplittableRandom(13);
        for (int b = 0; b < batches; b++) {
            MultiArmedBandit bandit = trained(learner, env, Math.min(rounds, 200));
            long start = CLOCK.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                bandit.update(arms[random.nextInt(arms.length)], random.nextInt(2), 0.1);
            }
            perCall[b] = (CLOCK.getCurrentThreadCpuTime() - start) / 1e3 / calls;
        }
        return perCall;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
