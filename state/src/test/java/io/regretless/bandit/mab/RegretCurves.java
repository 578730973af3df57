package io.regretless.bandit.mab;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The regret figures of issue 12: every multi-armed learner on (1) stationary Bernoulli arms,
 * K = 10, best mean 0.5, gaps 0.05 to 0.2, and (2) abrupt changes of the best arm every 20,000
 * rounds (levels 0.8, 0.7, 0.6, …, 0.25; see {@link RegretExperiment.Environment#abrupt}), T
 * rounds, one run per seed. Writes {@code regret-curves.csv} (scenario, learner, round, mean,
 * min and max cumulative pseudo-regret over the seeds, every {@code step} rounds) and prints the
 * end-of-horizon regret against the theory's bounds and the recovery after each change.
 *
 * <pre>
 * mvn -B -ntp -q -pl state -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp state/target/test-classes:state/target/classes:$(cat state/target/cp.txt) \
 *     io.regretless.bandit.mab.RegretCurves target/regret 20 100000 1
 * </pre>
 * Arguments: output directory, seeds (20), rounds (100,000), threads (1).
 */
public final class RegretCurves {
    static final double[] ABRUPT_LEVELS = {0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25};
    static final int SEGMENT = 20_000;
    static final int RECOVERY_WINDOW = 1_000;
    static final double RECOVERY_SHARE = 0.5;
    static final double DISCOUNT = 0.999;

    private RegretCurves() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/regret");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        int step = Math.max(1, rounds / 200);
        Files.createDirectories(out);
        int changes = (rounds - 1) / SEGMENT;
        int window = RegretExperiment.slidingWindow(rounds, changes);
        Map<String, Supplier<MultiArmedBandit>> learners = RegretExperiment.learners(10, rounds, DISCOUNT, window);
        System.out.printf("K = 10, T = %,d, %d seeds; abrupt: a change every %,d rounds; SW-UCB tau = %d, xi = 0.6;"
            + " discounted TS gamma = %s%n", rounds, seeds, SEGMENT, window, DISCOUNT);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("regret-curves.csv")))) {
            csv.println("scenario,learner,round,mean_regret,min_regret,max_regret");
            for (String scenario : List.of("stationary", "abrupt")) {
                System.out.printf("%n%s%n%-14s %12s %10s %12s %10s   %s%n", scenario, "learner", "R(T) mean", "sd",
                    "bound", "R/bound", scenario.equals("abrupt")
                        ? "recovery after the changes of all seeds (rounds until the new best arm has half of "
                        + RECOVERY_WINDOW + " plays)" : "");
                for (Map.Entry<String, Supplier<MultiArmedBandit>> learner : learners.entrySet()) {
                    long started = System.nanoTime();
                    List<Future<Result>> futures = new ArrayList<>();
                    for (int s = 0; s < seeds; s++) {
                        long seed = 1000L + s;
                        futures.add(pool.submit(() -> runOne(scenario, learner.getValue(), seed, rounds)));
                    }
                    List<Result> results = new ArrayList<>();
                    for (Future<Result> f : futures) {
                        results.add(f.get());
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    writeCurve(csv, scenario, learner.getKey(), results, rounds, step);
                    printSummary(scenario, learner.getKey(), results, rounds, seconds);
                }
            }
        } finally {
            pool.shutdown();
        }
        System.out.println("\nwrote " + out.resolve("regret-curves.csv"));
    }

    record Result(RegretExperiment.Environment environment, RegretExperiment.Run run) {
    }

    static Result runOne(String scenario, Supplier<MultiArmedBandit> learner, long seed, int rounds) {
        RegretExperiment.Environment environment = scenario.equals("stationary")
            ? RegretExperiment.Environment.stationary(10, 0.5, 0.05, 0.2, seed)
            : RegretExperiment.Environment.abrupt(ABRUPT_LEVELS, (rounds + SEGMENT - 1) / SEGMENT, SEGMENT, seed);
        return new Result(environment, RegretExperiment.run(learner, environment, rounds, seed));
    }

    /** Recovery of one run after each change, in rounds, −1 when never within the segment. */
    static int[] recoveries(Result result, int rounds) {
        List<Integer> list = new ArrayList<>();
        for (int change = SEGMENT; change < rounds; change += SEGMENT) {
            list.add(result.run().recovery(change, Math.min(rounds, change + SEGMENT),
                result.environment().bestAt(change), RECOVERY_WINDOW, RECOVERY_SHARE));
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The recovery bound of the drift learners, max(2τ, 4/(1 − γ)) (see DriftRecoveryTest). */
    static int bound(int rounds) {
        return (int) Math.max(2 * RegretExperiment.slidingWindow(rounds, (rounds - 1) / SEGMENT), Math.round(4 / (1 - DISCOUNT)));
    }

    /** The smallest value with at least a share p of the sorted values at or below it. */
    private static int quantile(List<Integer> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String rounds(int value) {
        return value == Integer.MAX_VALUE ? "never" : Integer.toString(value);
    }

    private static void writeCurve(PrintWriter csv, String scenario, String learner, List<Result> results,
                                   int rounds, int step) {
        for (int t = step; t <= rounds; t += step) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Result r : results) {
                double v = r.run().regretAt(t);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            csv.printf("%s,%s,%d,%.3f,%.3f,%.3f%n", scenario, learner, t, sum / results.size(), min, max);
        }
    }

    private static void printSummary(String scenario, String learner, List<Result> results, int rounds, double seconds) {
        double mean = 0;
        for (Result r : results) {
            mean += r.run().regretAt(rounds) / results.size();
        }
        double var = 0;
        for (Result r : results) {
            double d = r.run().regretAt(rounds) - mean;
            var += d * d / Math.max(1, results.size() - 1);
        }
        String bound = "";
        String ratio = "";
        if (scenario.equals("stationary")) {
            double[] mu = results.get(0).environment().meansAt(0);
            double b = switch (learner) {
                case Ucb1.NAME -> RegretExperiment.ucb1Bound(mu, rounds);
                case BernoulliThompsonSampling.NAME -> RegretExperiment.laiRobbinsConstant(mu) * Math.log(rounds);
                case Exp3Ix.NAME -> RegretExperiment.exp3IxBound(mu.length, rounds, 0.05);
                default -> Double.NaN;
            };
            if (!Double.isNaN(b)) {
                bound = String.format("%.0f", b);
                ratio = String.format("%.3f", mean / b);
            }
        }
        String recovery = "";
        if (scenario.equals("abrupt")) {
            List<Integer> all = new ArrayList<>();
            for (Result r : results) {
                for (int v : recoveries(r, rounds)) {
                    all.add(v < 0 ? Integer.MAX_VALUE : v);
                }
            }
            all.sort(null);
            long within = all.stream().filter(v -> v <= bound(rounds)).count();
            recovery = String.format("within %d: %2d/%d  median %s  90th %s  max %s  ", bound(rounds), within, all.size(),
                rounds(quantile(all, 0.5)), rounds(quantile(all, 0.9)), rounds(all.get(all.size() - 1)));
        }
        System.out.printf("%-14s %12.1f %10.1f %12s %10s   %s(%.0f s)%n", learner, mean, Math.sqrt(var), bound, ratio,
            recovery, seconds);
    }
}
