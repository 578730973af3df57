package io.regretless.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.regretless.ops.cli.BenchCommand;
import io.regretless.ops.cli.BrokerCommand;
import io.regretless.ops.cli.ConformalBenchCommand;
import io.regretless.ops.cli.DecideBenchCommand;
import io.regretless.ops.cli.DemoCommand;
import io.regretless.ops.cli.ExpertsBenchCommand;
import io.regretless.ops.cli.MabBenchCommand;
import io.regretless.ops.cli.StopSignal;
import io.regretless.ops.cli.WireBenchCommand;

/**
 * The {@code regretless-bench} command line: {@code demo}, the embedded {@code broker} of the quick start and the
 * benchmarks. Kept apart from the application's {@link Main} so that the jar operators deploy has no broker in it.
 */
@Command(name = "regretless-bench", mixinStandardHelpOptions = true, version = "regretless-bench 0.1.0",
    description = "The Regretless demo, benchmarks and an embedded Kafka broker to try the application on.",
    subcommands = {DemoCommand.class, BrokerCommand.class, BenchCommand.class, DecideBenchCommand.class,
        ConformalBenchCommand.class, ExpertsBenchCommand.class, MabBenchCommand.class, WireBenchCommand.class})
public final class BenchMain implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        StopSignal.exitWithCommandStatus();
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run commands without exiting the JVM. */
    public static CommandLine commandLine() {
        return Main.reportingErrors(new CommandLine(new BenchMain()));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "name a command: demo, broker, bench, decide-bench, conformal-bench, experts-bench, mab-bench or wire-bench");
    }
}
