package io.regretless.ops.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.ops.mab.RegretCurves;
import io.regretless.ops.report.RegretCurvesReport;

/** The multi-armed bandits' regret curves: printed, written as CSV, and drawn in an HTML page. */
@Command(name = "mab-bench", mixinStandardHelpOptions = true,
    description = "Run the multi-armed learners (ucb1, ts-bernoulli, ts-gaussian, exp3-ix, ts-discounted, sw-ucb) on "
        + "stationary Bernoulli arms (K = 10, gaps 0.05 to 0.2) and under abrupt changes of the best arm; print each "
        + "learner's regret at T against the theory's bound and its recovery after the changes, write the curves "
        + "(mean, min, max over the seeds) to <out>/regret-curves.csv and draw them in <out>/regret-curves.html. "
        + "The defaults are issue 12's setting (20 seeds, T = 100,000, a change every 20,000 rounds; minutes); "
        + "e.g. --seeds 2 --rounds 4000 --segment 1000 takes seconds.")
public final class MabBenchCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "20",
        description = "Runs per learner and scenario (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--rounds", defaultValue = "100000", description = "Horizon T (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--segment", defaultValue = "20000",
        description = "Rounds between two changes of the best arm (default: ${DEFAULT-VALUE}).")
    int segment;

    @Option(names = "--discount", defaultValue = "0.999",
        description = "gamma of discounted Thompson sampling (default: ${DEFAULT-VALUE}).")
    double discount;

    @Option(names = "--threads", defaultValue = "1", description = "Runs at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", defaultValue = "target/regret", paramLabel = "<dir>",
        description = "Where regret-curves.csv and regret-curves.html go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        RegretCurves.Settings settings = new RegretCurves.Settings(seeds, rounds, segment, discount, threads);
        RegretCurves.Result result = RegretCurves.run(settings, System.out);
        Files.createDirectories(out);
        Path csv = out.resolve("regret-curves.csv");
        RegretCurves.writeCsv(result, csv);
        Path html = out.resolve("regret-curves.html");
        Files.writeString(html, RegretCurvesReport.render("Regretless: multi-armed bandits' regret", result));
        System.out.println("\nwrote " + csv + " and " + html);
        return 0;
    }
}
