package io.regretless.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.regretless.ops.conformal.ConformalBenchmark;
import io.regretless.ops.conformal.ConformalOptions;
import io.regretless.ops.conformal.ReferenceGrid;
import io.regretless.ops.conformal.SeriesBenchmark;

/**
 * Replays series through every calibrator and prints one table: the built-in grid in-process and through Kafka, any
 * CSV series ({@code series=<file.csv> column=<name>}), or the conformal-reference grid ({@code reference=<dir>}).
 */
@Command(name = "conformal-bench", mixinStandardHelpOptions = true,
    description = {"Without series=<file> or reference=<dir>: replay Seattle temperatures and Mauna Loa CO2 with "
        + "naive and seasonal-naive forecasters at targets 0.8/0.9/0.95 through every calibrator, in-process and "
        + "through the topology on an embedded broker; print coverage, widths, LCE_20, LCE_100 and labels/s, and "
        + "whether the two tables are identical.",
        "series=<file.csv> column=<name> [forecasters=naive,snaive:<m>,ar:<p>] [targets=...] [calibrators=...] "
        + "[groups=<column>[:season|:month|:<v1>+<v2>],...]: one CSV series under the conformal-reference protocol, "
        + "in-process, with the reference's metric names; with groups, each step names its groups (multivalid holds "
        + "coverage on each) and a second table gives every row's coverage per group.",
        "reference=data/conformal-reference [calibrators=...]: the whole reference grid next to the reference's "
        + "figures, then the default calibrator's coverage, bounded-interval, LCE_100 and width-ratio checks."})
public final class ConformalBenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
        description = "Overrides: series, forecasters, targets, calibrators, points, repeats, kafka, kafkaRepeats, "
            + "warmupRun, grouping, partitions, threads, commitIntervalMs, timeoutSeconds; or series=<file.csv>, "
            + "column, groups; or reference=<dir>.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] args = overrides.toArray(String[]::new);
        if (!ReferenceGrid.wants(args) && !SeriesBenchmark.wants(args)) {
            ConformalOptions.parse(args);
        }
        ConformalBenchmark.main(overrides.toArray(String[]::new));
        return 0;
    }
}
