package io.regretless.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import io.regretless.ops.bench.DecideBenchmark;

/** Runs the local-decision, HTTP and freshness benchmark on an embedded broker. */
@Command(name = "decide-bench", mixinStandardHelpOptions = true,
    description = "Measure local decisions per learner (d=64,K=10 and d=128,K=26, in separate JVMs), the HTTP "
        + "decision API's latency at a fixed rate, and model freshness, on an embedded broker.")
public final class DecideBenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME=VALUE", arity = "0..*",
        description = "decisions, warmup, forks, httpRate, httpSeconds, freshness.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        DecideBenchmark.main(overrides.toArray(String[]::new));
        return 0;
    }
}
