package io.regretless.ops.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.ops.bench.WireCodecBenchmark;

/** The cost of each wire format per record, in process. */
@Command(name = "wire-bench", mixinStandardHelpOptions = true,
    description = "Time decoding and encoding, in process, of the bench's request shape (20 context features, "
        + "10 actions) and of the decision and feedback written for it, as single-object Avro and as natural JSON; "
        + "print bytes and median nanoseconds per record.")
public final class WireBenchCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "20000",
        description = "Distinct records per timed round (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", defaultValue = "15",
        description = "Timed rounds, after as many warm-up rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        WireCodecBenchmark.run(records, rounds, System.out);
        return 0;
    }
}
