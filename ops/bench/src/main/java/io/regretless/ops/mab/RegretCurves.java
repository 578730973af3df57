package io.regretless.ops.mab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.regretless.bandit.mab.BernoulliThompsonSampling;
import io.regretless.bandit.mab.Exp3Ix;
import io.regretless.bandit.mab.MultiArmedBandit;
import io.regretless.bandit.mab.Ucb1;

/**
 * The regret figures of issue 12: every multi-armed learner on (1) stationary Bernoulli arms,
 * K = 10, best mean 0.5, gaps 0.05 to 0.2, and (2) abrupt changes of the best arm every
 * {@code segment} rounds (20,000 in the issue; levels 0.8, 0.7, 0.6, …, 0.25, see
 * {@link RegretExperiment.Environment#abrupt}), T rounds, one run per seed. For each scenario and
 * learner: the cumulative pseudo-regret curve (mean, min and max over the seeds, 200 points), the
 * regret at T against the theory's bound, and on the abrupt scenario the recovery after each
 * change (rounds until the new best arm takes half of {@value #RECOVERY_WINDOW} consecutive
 * plays), against the drift learners' bound max(2τ, 4/(1 − γ)).
 *
 * <p>Bounds at T: UCB1, Auer et al. 2002, Theorem 1 (Σ 8 ln T/Δ_i + (1 + π²/3) Σ Δ_i); Bernoulli
 * Thompson sampling, the Lai–Robbins constant Σ Δ_i / KL(μ_i, μ*) times ln T, which it attains
 * asymptotically (Kaufmann, Korda &amp; Munos 2012; Agrawal &amp; Goyal 2013, Theorem 1: (1 + ε)
 * times it plus a constant); EXP3-IX, Neu 2015, Theorem 1's high-probability bound at δ = 0.05.
 */
public final class RegretCurves {
    static final double[] ABRUPT_LEVELS = {0.8, 0.7, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25};
    static final int ARMS = 10;
    public static final int RECOVERY_WINDOW = 1_000;
    static final double RECOVERY_SHARE = 0.5;
    static final int POINTS = 200;
    public static final String STATIONARY = "stationary";
    public static final String ABRUPT = "abrupt";

    /**
     * @param seeds    runs per learner and scenario (seeds 1000, 1001, …)
     * @param rounds   T
     * @param segment  rounds between two changes of the best arm in the abrupt scenario
     * @param discount γ of discounted Thompson sampling
     * @param threads  runs at once
     */
    public record Settings(int seeds, int rounds, int segment, double discount, int threads) {
        public static final Settings ISSUE = new Settings(20, 100_000, 20_000, 0.999, 1);

        public Settings {
            if (seeds < 1 || rounds < 2 || segment < 1 || !(discount > 0 && discount < 1) || threads < 1) {
                throw new IllegalArgumentException("need seeds >= 1, rounds >= 2, segment >= 1, discount in (0, 1), "
                    + "threads >= 1");
            }
        }

        /** Changes of the best arm within the horizon. */
        public int changes() {
            return (rounds - 1) / segment;
        }

        /** Garivier &amp; Moulines' τ = 2 √(T ln T / Υ) for the abrupt scenario's changes. */
        public int window() {
            return RegretExperiment.slidingWindow(rounds, changes());
        }

        /** The drift learners' recovery bound, max(2τ, 4/(1 − γ)) (see DriftRecoveryTest). */
        public int recoveryBound() {
            return (int) Math.max(2 * window(), Math.round(4 / (1 - discount)));
        }
    }

    /** One point of a curve: the cumulative regret after {@code round} rounds over the seeds. */
    public record Point(int round, double mean, double min, double max) {
    }

    /**
     * One learner on one scenario.
     *
     * @param points     the curve, every T/200 rounds
     * @param meanAtEnd  mean regret at T
     * @param sdAtEnd    its standard deviation over the seeds
     * @param bound      the theory's bound at T, NaN where none applies
     * @param recoveries every change's recovery over all seeds, −1 where it never came within the segment
     * @param seconds    wall-clock time of the runs
     */
    public record Curve(String scenario, String learner, List<Point> points, double meanAtEnd, double sdAtEnd,
                        double bound, int[] recoveries, double seconds) {
        /** Recoveries within the bound. */
        public long recoveredWithin(int bound) {
            return Arrays.stream(recoveries).filter(r -> r >= 0 && r <= bound).count();
        }

        /**
         * The smallest recovery with at least a share p of all at or below it, {@link Integer#MAX_VALUE}
         * for "never"; −1 when there were no changes.
         */
        public int recoveryQuantile(double p) {
            if (recoveries.length == 0) {
                return -1;
            }
            int[] sorted = Arrays.stream(recoveries).map(r -> r < 0 ? Integer.MAX_VALUE : r).sorted().toArray();
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    /** Everything measured. */
    public record Result(Settings settings, List<Curve> curves) {
        public List<Curve> of(String scenario) {
            return curves.stream().filter(c -> c.scenario().equals(scenario)).toList();
        }
    }

    private record Run(RegretExperiment.Environment environment, RegretExperiment.Run run) {
    }

    private RegretCurves() {
    }

    /** Runs every learner on both scenarios, printing each one's summary line as it finishes. */
    public static Result run(Settings settings, PrintStream out) throws InterruptedException, ExecutionException {
        Map<String, Supplier<MultiArmedBandit>> learners = RegretExperiment.learners(ARMS, settings.rounds(),
            settings.discount(), settings.window());
        out.printf(Locale.ROOT, "K = %d, T = %,d, %d seeds; abrupt: a change every %,d rounds; SW-UCB tau = %d, xi = 0.6;"
                + " discounted TS gamma = %s; EXP3-IX tuned for T%n", ARMS, settings.rounds(), settings.seeds(),
            settings.segment(), settings.window(), settings.discount());
        List<Curve> curves = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            for (String scenario : List.of(STATIONARY, ABRUPT)) {
                out.printf(Locale.ROOT, "%n%s%n%-14s %12s %10s %12s %10s   %s%n", scenario, "learner", "R(T) mean", "sd",
                    "bound", "R/bound", scenario.equals(ABRUPT) ? "recovery after every change of every seed (rounds "
                        + "until the new best arm has half of " + RECOVERY_WINDOW + " plays)" : "");
                for (Map.Entry<String, Supplier<MultiArmedBandit>> learner : learners.entrySet()) {
                    long started = System.nanoTime();
                    List<Future<Run>> futures = new ArrayList<>();
                    for (int s = 0; s < settings.seeds(); s++) {
                        long seed = 1000L + s;
                        futures.add(pool.submit(() -> runOne(settings, scenario, learner.getValue(), seed)));
                    }
                    List<Run> runs = new ArrayList<>();
                    for (Future<Run> f : futures) {
                        runs.add(f.get());
                    }
                    Curve curve = curve(settings, scenario, learner.getKey(), runs, (System.nanoTime() - started) / 1e9);
                    curves.add(curve);
                    out.println(summary(settings, curve));
                }
            }
        } finally {
            pool.shutdown();
        }
        return new Result(settings, List.copyOf(curves));
    }

    private static Run runOne(Settings settings, String scenario, Supplier<MultiArmedBandit> learner, long seed) {
        RegretExperiment.Environment environment = scenario.equals(STATIONARY)
            ? RegretExperiment.Environment.stationary(ARMS, 0.5, 0.05, 0.2, seed)
            : RegretExperiment.Environment.abrupt(ABRUPT_LEVELS, settings.changes() + 1, settings.segment(), seed);
        return new Run(environment, RegretExperiment.run(learner, environment, settings.rounds(), seed));
    }

    private static Curve curve(Settings settings, String scenario, String learner, List<Run> runs, double seconds) {
        int rounds = settings.rounds();
        int step = Math.max(1, rounds / POINTS);
        List<Point> points = new ArrayList<>();
        for (int t = step; t <= rounds; t += step) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Run r : runs) {
                double v = r.run().regretAt(t);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            points.add(new Point(t, sum / runs.size(), min, max));
        }
        double mean = 0;
        for (Run r : runs) {
            mean += r.run().regretAt(rounds) / runs.size();
        }
        double variance = 0;
        for (Run r : runs) {
            double d = r.run().regretAt(rounds) - mean;
            variance += d * d / Math.max(1, runs.size() - 1);
        }
        double bound = Double.NaN;
        if (scenario.equals(STATIONARY)) {
            double[] mu = runs.get(0).environment().meansAt(0);
            bound = switch (learner) {
                case Ucb1.NAME -> RegretExperiment.ucb1Bound(mu, rounds);
                case BernoulliThompsonSampling.NAME -> RegretExperiment.laiRobbinsConstant(mu) * Math.log(rounds);
                case Exp3Ix.NAME -> RegretExperiment.exp3IxBound(mu.length, rounds, 0.05);
                default -> Double.NaN;
            };
        }
        List<Integer> recoveries = new ArrayList<>();
        if (scenario.equals(ABRUPT)) {
            for (Run r : runs) {
                for (int change = settings.segment(); change < rounds; change += settings.segment()) {
                    recoveries.add(r.run().recovery(change, Math.min(rounds, change + settings.segment()),
                        r.environment().bestAt(change), RECOVERY_WINDOW, RECOVERY_SHARE));
                }
            }
        }
        return new Curve(scenario, learner, List.copyOf(points), mean, Math.sqrt(variance), bound,
            recoveries.stream().mapToInt(Integer::intValue).toArray(), seconds);
    }

    /** One learner's line of the printed table. */
    static String summary(Settings settings, Curve c) {
        String bound = Double.isNaN(c.bound()) ? "" : String.format(Locale.ROOT, "%.0f", c.bound());
        String ratio = Double.isNaN(c.bound()) ? "" : String.format(Locale.ROOT, "%.3f", c.meanAtEnd() / c.bound());
        String recovery = "";
        if (c.recoveries().length > 0) {
            recovery = String.format(Locale.ROOT, "within %d: %2d/%d  median %s  90th %s  max %s  ",
                settings.recoveryBound(), c.recoveredWithin(settings.recoveryBound()), c.recoveries().length,
                rounds(c.recoveryQuantile(0.5)), rounds(c.recoveryQuantile(0.9)), rounds(c.recoveryQuantile(1.0)));
        }
        return String.format(Locale.ROOT, "%-14s %12.1f %10.1f %12s %10s   %s(%.0f s)", c.learner(), c.meanAtEnd(),
            c.sdAtEnd(), bound, ratio, recovery, c.seconds());
    }

    static String rounds(int value) {
        return value == Integer.MAX_VALUE ? "never" : Integer.toString(value);
    }

    /** scenario, learner, round, mean, min and max cumulative regret, one line per point. */
    public static void writeCsv(Result result, Path file) throws IOException {
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(file))) {
            csv.println("scenario,learner,round,mean_regret,min_regret,max_regret");
            for (Curve c : result.curves()) {
                for (Point p : c.points()) {
                    csv.printf(Locale.ROOT, "%s,%s,%d,%.3f,%.3f,%.3f%n", c.scenario(), c.learner(), p.round(), p.mean(),
                        p.min(), p.max());
                }
            }
        }
    }
}
