package io.regretless.ops.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import io.regretless.connectors.replay.ReplayResult;

/** The demo's closing table: each learner's progressive reward per pass against uniform random. */
final class ResultTable {
    private final PrintStream out;
    private final double uniformRandom;

    ResultTable(PrintStream out, double uniformRandom) {
        this.out = out;
        this.uniformRandom = uniformRandom;
    }

    void print(DemoSetup setup, List<ReplayResult> results) {
        out.printf("%n%-18s %10s %12s %12s  %s%n", "model", "decisions", "avg reward", "last pass", "per pass");
        for (ReplayResult r : results) {
            String perPass = r.passAverages().stream().map(a -> String.format("%.3f", a))
                .collect(Collectors.joining(" "));
            out.printf("%-18s %,10d %12.3f %12.3f  %s%n", r.modelId(), r.decisions(), r.average(),
                r.lastPassAverage(), perPass);
        }
        out.printf("%-18s %10s %12.3f %12.3f  (1/K, expected value of a uniform random choice)%n",
            "uniform random", "", uniformRandom, uniformRandom);
        if (!results.isEmpty()) {
            out.printf("wall time %.1f s; longest reward lag %d ms%n",
                results.get(0).wallTime().toMillis() / 1000.0, results.get(0).maxRewardLag().toMillis());
        }
    }
}
