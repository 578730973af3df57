package io.regretless.ops.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.ops.report.EvaluationReport;
import io.regretless.schemas.Topics;

/** Writes one HTML page of figures and charts from the output and dead-letter topics. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Read the output and dead-letter topics and write an HTML page: per bandit model, conformal series "
        + "and sleeping-experts model a table of figures and charts of them over time; the dead letters by reason. "
        + "Records written twice (a replay, an at-least-once restart) are counted once.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The application's properties file (bootstrap.servers, security, regretless.topic.prefix).")
    Path config;

    @Option(names = {"-o", "--out"}, defaultValue = "regretless-report.html", paramLabel = "FILE",
        description = "Where to write the page (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-reward", defaultValue = "NaN",
        description = "The best reward one decision can earn; draws cumulative regret (e.g. 1 for a classification replay).")
    double maxReward;

    @Option(names = "--title", defaultValue = "Regretless report", description = "Page title.")
    String title;

    @Override
    public Integer call() throws Exception {
        Properties props = RunCommand.load(config, System.getenv());
        Properties client = new Properties();
        props.stringPropertyNames().stream().filter(n -> !n.startsWith("regretless.") && !n.equals("application.id"))
            .forEach(n -> client.put(n, props.getProperty(n)));
        Topics topics = new Topics(props.getProperty("regretless.topic.prefix", "regretless"));
        EvaluationReport.Result result = EvaluationReport.build(client, topics, title, maxReward);
        Files.writeString(out, result.html(), StandardCharsets.UTF_8);
        System.out.printf("wrote %s from %d feedback, %d evaluation, %d combined and %d dead-letter records "
                + "(%d unreadable skipped, %d duplicates dropped)%n", out.toAbsolutePath(), result.feedback(),
            result.evaluations(), result.combined(), result.deadLetters(), result.unreadable(), result.duplicates());
        return 0;
    }
}
