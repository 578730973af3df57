package io.regretless.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.regretless.ops.conformal.ConformalBenchmark;
import io.regretless.ops.conformal.ConformalOptions;

/** Replays the shared series through every calibrator, in-process and through Kafka, and prints one table. */
@Command(name = "conformal-bench", mixinStandardHelpOptions = true,
    description = "Replay Seattle temperatures and Mauna Loa CO2 with naive and seasonal-naive forecasters at "
        + "targets 0.8/0.9/0.95 through every calibrator, in-process and through the topology on an embedded "
        + "broker; print coverage, widths, LCE_20, LCE_100 and labels/s, and whether the two tables are identical.")
public final class ConformalBenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
        description = "Overrides: series, forecasters, targets, calibrators, points, repeats, kafka, kafkaRepeats, "
            + "warmupRun, grouping, partitions, threads, commitIntervalMs, timeoutSeconds.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ConformalOptions.parse(overrides.toArray(String[]::new));
        ConformalBenchmark.main(overrides.toArray(String[]::new));
        return 0;
    }
}
