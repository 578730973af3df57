package io.regretless.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.regretless.ops.cli.BenchCommand;
import io.regretless.ops.cli.BrokerCommand;
import io.regretless.ops.cli.ConformalBenchCommand;
import io.regretless.ops.cli.ConsumeCommand;
import io.regretless.ops.cli.DecideBenchCommand;
import io.regretless.ops.cli.DemoCommand;
import io.regretless.ops.cli.EvaluateCommand;
import io.regretless.ops.cli.ExpertsBenchCommand;
import io.regretless.ops.cli.MabBenchCommand;
import io.regretless.ops.cli.ModelsCommand;
import io.regretless.ops.cli.ProduceCommand;
import io.regretless.ops.cli.ReportCommand;
import io.regretless.ops.cli.RunCommand;
import io.regretless.ops.cli.StopSignal;
import io.regretless.ops.cli.TopicsCommand;
import io.regretless.ops.cli.ValidateCommand;
import io.regretless.ops.cli.WireBenchCommand;

/**
 * The {@code regretless} command line: {@code run}, {@code validate}, {@code topics}, {@code produce},
 * {@code consume}, {@code models}, {@code report}, {@code evaluate}, {@code broker}, {@code demo}, the benchmarks.
 */
@Command(name = "regretless", mixinStandardHelpOptions = true, version = "regretless 0.1.0",
    description = "Low-regret online learners on Kafka Streams.",
    subcommands = {RunCommand.class, ValidateCommand.class, TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class,
        ModelsCommand.class, ReportCommand.class, EvaluateCommand.class, BrokerCommand.class,
        DemoCommand.class, BenchCommand.class, DecideBenchCommand.class, ConformalBenchCommand.class, ExpertsBenchCommand.class,
        MabBenchCommand.class, WireBenchCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        StopSignal.exitWithCommandStatus();
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run commands without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + describe(e));
            return 1;
        });
        return cli;
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("\n  caused by: ").append(cause.getMessage());
        }
        return message.toString();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "name a command: run, validate, topics, produce, consume, models, report, evaluate, broker, demo, bench, "
                + "decide-bench, conformal-bench, experts-bench, mab-bench or wire-bench");
    }
}
