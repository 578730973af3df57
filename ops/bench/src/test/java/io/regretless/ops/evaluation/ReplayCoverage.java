package io.regretless.ops.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The coverage table of issue 12: the digits replayed as a bandit, logged by a uniform or an
 * epsilon-greedy policy, five shadow policies scored progressively by IPS, SNIPS and DR over 20
 * seeds; prints, per policy, how many seeds' 95 % intervals contain the true value and the mean
 * widths (see {@link ReplayCoverageExperiment#table}).
 *
 * <pre>
 * mvn -B -ntp -q -pl ops/bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp ops/bench/target/test-classes:ops/bench/target/classes:$(cat ops/bench/target/cp.txt) \
 *     io.regretless.ops.evaluation.ReplayCoverage 20 1
 * </pre>
 * Arguments: seeds (20), passes over the 1,797 digits (1).
 */
public final class ReplayCoverage {
    private ReplayCoverage() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Digits digits = Digits.load();
        for (ReplayCoverageExperiment.Logging logging : ReplayCoverageExperiment.Logging.values()) {
            ReplayCoverageExperiment.Config config = new ReplayCoverageExperiment.Config(passes, logging, 64);
            long started = System.nanoTime();
            List<ReplayCoverageExperiment.SeedResult> results = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                results.add(ReplayCoverageExperiment.run(digits.features, digits.labels, 1 + s, config,
                    ReplayCoverageExperiment.defaultShadows(64)));
            }
            System.out.printf("%nlogging %s, %d seeds, %,d rounds each (%d pass(es) over %,d digits), %.1f s%n", logging,
                seeds, results.get(0).rounds(), passes, digits.labels.length, (System.nanoTime() - started) / 1e9);
            System.out.print(ReplayCoverageExperiment.table(results));
        }
    }
}
