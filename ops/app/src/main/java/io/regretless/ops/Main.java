package io.regretless.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.regretless.ops.cli.ConsumeCommand;
import io.regretless.ops.cli.EvaluateCommand;
import io.regretless.ops.cli.ModelsCommand;
import io.regretless.ops.cli.ProduceCommand;
import io.regretless.ops.cli.ReportCommand;
import io.regretless.ops.cli.RunCommand;
import io.regretless.ops.cli.StopSignal;
import io.regretless.ops.cli.TopicsCommand;
import io.regretless.ops.cli.ValidateCommand;

/**
 * The {@code regretless} command line, the deployable application: {@code run}, {@code validate}, {@code topics},
 * {@code produce}, {@code consume}, {@code models}, {@code report}, {@code evaluate}. The demo, the benchmarks and the
 * quick start's broker are {@code regretless-bench} ({@code BenchMain}, module ops/bench).
 */
@Command(name = "regretless", mixinStandardHelpOptions = true, version = "regretless 0.1.0",
    description = "Low-regret online learners on Kafka Streams.",
    subcommands = {RunCommand.class, ValidateCommand.class, TopicsCommand.class, ProduceCommand.class, ConsumeCommand.class,
        ModelsCommand.class, ReportCommand.class, EvaluateCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        StopSignal.exitWithCommandStatus();
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests that run commands without exiting the JVM. */
    public static CommandLine commandLine() {
        return reportingErrors(new CommandLine(new Main()));
    }

    /** {@code cli}, printing a failed command's error and its causes on one line each, exit code 1. */
    public static CommandLine reportingErrors(CommandLine cli) {
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
            "name a command: run, validate, topics, produce, consume, models, report or evaluate");
    }
}
