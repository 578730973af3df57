package io.regretless.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.regretless.ops.bench.EndToEndBenchmark;
import io.regretless.ops.bench.Options;

/** Runs the end-to-end benchmark on an embedded broker and prints its figures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure end-to-end throughput and decision latency on an embedded broker, "
        + "next to a pass-through Kafka Streams app on the same broker.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
        description = "Overrides of the defaults: requests, warmup, models, learner, dimension, actions, "
            + "contextFeatures, partitions, inFlight, passThroughInFlight, commitIntervalMs.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Options.parse(overrides.toArray(String[]::new));
        EndToEndBenchmark.main(overrides.toArray(String[]::new));
        return 0;
    }
}
