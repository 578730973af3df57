package io.regretless.ops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.experts.GroupwiseRidge;
import io.regretless.ops.experts.ExpertsBenchmark;

/** The sleeping-experts benchmark: groupwise against baseline regret per group, rows/s and events/s. */
@Command(name = "experts-bench", mixinStandardHelpOptions = true,
    description = "Replay the paper's synthetic groupwise-regret experiment (100,000 rows, 20 features, 8 groups) "
        + "and Seattle weather (groups = weather + season) through the baseline (one ridge with group indicators) "
        + "and the groupwise learner (pooled ridge + per-group ridges shrunk toward it + baseline copies, sleeping "
        + "exponential weights); print per-group regret side by side and rows/s. With --kafka-rows, also send that "
        + "many synthetic rows through the topology on an embedded broker and print events/s and the regret read "
        + "from the group-evaluation topic. With --data, replay a directory of X.csv, A.csv, y.csv, perms.csv "
        + "(e.g. data/groupwise/penguins) in each row order instead and print per-group means, the excess over the "
        + "baseline and the reference's figures.")
public final class ExpertsBenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "100000",
        description = "Synthetic rows replayed in process, at most 100000 (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--kafka-rows", defaultValue = "0",
        description = "Synthetic rows sent through the topology on an embedded broker; 0 = none "
            + "(default: ${DEFAULT-VALUE}).")
    int kafkaRows;

    @Option(names = "--kafka", description = "Shorthand for --kafka-rows 20000 unless --kafka-rows is given.")
    boolean kafka;

    @Option(names = "--no-real-data", description = "Skip the Seattle weather data set.")
    boolean noRealData;

    @Option(names = "--data", paramLabel = "<dir>",
        description = "Replay this directory (X.csv, A.csv, y.csv, perms.csv, optional reference_regret.csv) "
            + "in each of its row orders instead of the built-in sets.")
    Path data;

    @Option(names = "--shrinkage", defaultValue = "" + GroupwiseRidge.DEFAULT_SHRINKAGE,
        description = "λ of the groupwise learner's group models (default: ${DEFAULT-VALUE}).")
    double shrinkage;

    @Option(names = "--timeout-seconds", defaultValue = "600",
        description = "Longest wait for the Kafka run's outputs (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--commit-interval-ms", defaultValue = "100",
        description = "commit.interval.ms of the application in the Kafka run "
            + "(default: ${DEFAULT-VALUE}, the app's own).")
    long commitIntervalMs;

    @Override
    public Integer call() throws Exception {
        int throughKafka = kafka && kafkaRows == 0 ? 20_000 : kafkaRows;
        ExpertsBenchmark.run(new ExpertsBenchmark.Settings(rows, throughKafka, !noRealData,
            Duration.ofSeconds(timeoutSeconds), commitIntervalMs, data, shrinkage), System.out);
        return 0;
    }
}
