package io.regretless.ops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import picocli.CommandLine;

import io.regretless.ops.Main;

/** One run of the command line, as a user types it, with its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code args} with {@code environment} as the process environment of run and validate. */
    static CommandRun of(Map<String, String> environment, String... args) {
        CommandLine cli = Main.commandLine();
        ((RunCommand) cli.getSubcommands().get("run").getCommand()).environment = environment;
        ((ValidateCommand) cli.getSubcommands().get("validate").getCommand()).environment = environment;
        return on(cli, args);
    }

    /** Runs {@code args} on another command line, such as the benchmarks' {@code BenchMain}. */
    static CommandRun on(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    static CommandRun of(String... args) {
        return of(Map.of(), args);
    }

    /**
     * A properties file that runs one bandit model against a broker that is not there
     * (127.0.0.1:1), plus {@code extra} lines: anything that reached the network would hang or fail
     * differently from a refused configuration.
     */
    static Path config(Path dir, String... extra) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, String.join("\n", "application.id=typos", "bootstrap.servers=127.0.0.1:1",
            "regretless.models=checkout", "regretless.model.checkout.learner=squarecb", String.join("\n", extra)) + "\n");
        return file;
    }
}
