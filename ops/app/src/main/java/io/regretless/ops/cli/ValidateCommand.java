package io.regretless.ops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.streams.StreamsConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.conformal.ConformalSeries;
import io.regretless.evaluation.CandidateSpec;
import io.regretless.topology.config.ConfigProblem;
import io.regretless.topology.config.ConfigReport;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.config.ExpertsModelConfig;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.RegretlessSettings;
import io.regretless.topology.config.Setting;

/**
 * Checks a properties file as {@code run} would read it (environment overrides included) without
 * connecting to anything: every error and warning, each naming its setting, then the models it
 * configures. {@code run} refuses a file this command reports errors for, with the same messages.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a properties file without touching the cluster: unknown or bad regretless.* settings and bad "
        + "Kafka values are errors, unknown Kafka settings warnings. Prints them all, then the models; exits 1 on errors. "
        + "REGRETLESS_CONFIG_<NAME> environment variables apply, as for run.")
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The properties file to check.")
    Path config;

    @Option(names = "--settings", description = "List every regretless.* setting: values, default, meaning.")
    boolean listSettings;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listSettings) {
            printSettings(out);
            return 0;
        }
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "name the file: --config FILE (or --settings)");
        }
        Properties props = RunCommand.load(config, environment);
        ConfigReport report = ConfigReport.check(props);
        if (!printProblems(report, RunCommand.overrides(environment), spec.commandLine().getErr())) {
            return 1;
        }
        out.println(config + ": valid" + (report.warnings().isEmpty() ? "" : " (" + count(report.warnings().size(), "warning") + ")"));
        out.println("application " + props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + " on "
            + props.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) + ", topics " + report.config().topics().prefix()
            + ".*, outputs in " + report.config().outputFormat().wireName());
        summary(report.config()).forEach(out::println);
        out.flush();
        return 0;
    }

    /**
     * Prints the report's warnings and errors to {@code err}, saying which came from an environment
     * variable; true when there are no errors.
     *
     * @param fromEnvironment property name to the environment variable that set it
     */
    static boolean printProblems(ConfigReport report, Map<String, String> fromEnvironment, PrintWriter err) {
        report.warnings().forEach(w -> err.println("warning: " + origin(w, fromEnvironment)));
        report.errors().forEach(e -> err.println("error: " + origin(e, fromEnvironment)));
        if (!report.valid()) {
            err.println(count(report.errors().size(), "error") + ": the application does not start with this configuration");
        }
        err.flush();
        return report.valid();
    }

    private static String origin(ConfigProblem problem, Map<String, String> fromEnvironment) {
        String variable = problem.setting() == null ? null : fromEnvironment.get(problem.setting());
        return problem.message() + (variable == null ? "" : " (set by environment variable " + variable + ")");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static List<String> summary(RegretlessConfig config) {
        List<String> lines = new ArrayList<>();
        config.models().forEach((id, m) -> lines.add("  " + id + ": bandit " + bandit(m)));
        config.conformal().forEach((id, m) -> lines.add("  " + id + ": conformal " + conformal(m)));
        config.experts().forEach((id, m) -> lines.add("  " + id + ": experts " + experts(m)));
        return lines;
    }

    private static String bandit(ModelConfig m) {
        return m.bandit().learnerName() + ", d=" + m.bandit().dimension() + ", exploration " + m.bandit().exploration()
            + (m.bandit().shared() ? "" : ", up to " + m.bandit().maxArms() + " arms") + ", attribution window "
            + m.attributionWindow().toMillis() + " ms, state at most " + m.bandit().maxStateBytes() + " bytes"
            + (m.shadows().enabled() ? ", shadows " + CandidateSpec.format(m.shadows().candidates())
                : "");
    }

    private static String conformal(ConformalModelConfig m) {
        return m.calibrator().wireName() + ", coverage " + m.calibration().coverage() + ", warmup " + m.warmup()
            + ", label window " + m.labelWindow().toMillis() + " ms, groups "
            + (m.closedGroups() ? m.groups().toString() : "any (at most " + ConformalSeries.MAX_GROUPS + ")");
    }

    private static String experts(ExpertsModelConfig m) {
        return m.mode().wireName() + ", groups " + m.groups()
            + (m.experts().isEmpty() ? ", d=" + m.dimension() + ", shrinkage " + m.shrinkage() : ", experts " + m.experts())
            + ", loss " + m.loss().wireName() + ", labels in [" + m.range().low() + ", " + m.range().high()
            + "], state at most " + m.maxStateBytes() + " bytes";
    }

    private static void printSettings(PrintWriter out) {
        for (Setting<?> s : RegretlessSettings.all()) {
            out.println(s.pattern() + (s.defaultValue() == null ? "" : "=" + s.defaultValue()));
            out.println("    " + s.doc() + "; " + s.type().allowed());
        }
        out.println("<id> is an id listed in " + Arrays.stream(Setting.Scope.values())
            .filter(scope -> scope.listKey() != null).map(Setting.Scope::listKey).collect(Collectors.joining(", ")) + ".");
        out.flush();
    }
}
