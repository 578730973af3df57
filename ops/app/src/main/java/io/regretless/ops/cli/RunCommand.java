package io.regretless.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.http.AppMetrics;
import io.regretless.ops.http.OpsServer;
import io.regretless.topology.config.ConfigReport;

/**
 * Runs the application against an existing Kafka cluster until it is stopped: SIGTERM or Ctrl-C
 * close Kafka Streams cleanly (committing what was processed) and then the HTTP endpoint, and the
 * process exits 0; it exits 1 when Kafka Streams stops by itself.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the application against a Kafka cluster. Every Kafka Streams and client setting "
        + "in the file passes through; regretless.* settings configure the models. Environment variables "
        + "REGRETLESS_CONFIG_<NAME> override the file (NAME upper-case, '.' as '_', '-' as '__', "
        + "e.g. REGRETLESS_CONFIG_BOOTSTRAP_SERVERS). The result is checked first, as validate does: on any error "
        + "run prints them all and exits 1 without connecting.")
public final class RunCommand implements Callable<Integer> {
    static final String ENV_PREFIX = "REGRETLESS_CONFIG_";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "Properties file: application.id, bootstrap.servers, regretless.* and any Kafka setting.")
    Path config;

    @Option(names = "--http-host", defaultValue = "0.0.0.0", description = "Address of the HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", defaultValue = "8080",
        description = "Port of the HTTP endpoint: health, readiness, metrics, model queries; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws IOException, InterruptedException {
        Properties props = load(config, environment);
        // Refuse a configuration `validate` would refuse, with its messages, before anything connects.
        if (!ValidateCommand.printProblems(ConfigReport.check(props), overrides(environment),
                spec.commandLine().getErr())) {
            return 1;
        }
        StopSignal stop = new StopSignal("regretless-run");
        int status = 1;
        try {
            status = runUntilStopped(props, stop);
            return status;
        } finally {
            stop.finish(status);
        }
    }

    /**
     * Runs the application until SIGTERM, Ctrl-C or a failure of Kafka Streams, then closes it
     * (Kafka Streams commits what it processed) and the HTTP endpoint: 0 after a signal.
     *
     * @throws IllegalStateException when Kafka Streams stopped by itself, with the reason
     */
    private int runUntilStopped(Properties props, StopSignal stop) throws IOException, InterruptedException {
        RegretlessApp app = new RegretlessApp(props);
        PrometheusMeterRegistry registry = null;
        OpsServer http = null;
        try {
            registry = AppMetrics.prometheus(app.streams());
            app.inputLoss().bindTo(registry);
            app.progress().bindTo(registry);
            String server = props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
            http = new OpsServer(new InetSocketAddress(httpHost, httpPort), app.streams(), app.health(), app.config(),
                registry, server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server), app.decider());
            app.failure().thenRun(stop::stop);
            http.start();
            app.streams().start();
            System.out.println("regretless running: bandit models " + app.config().models().keySet() + ", conformal models "
                + app.config().conformal().keySet() + ", experts models " + app.config().experts().keySet() + " on "
                + app.config().topics().prefix() + ".*");
            System.out.println("http: http://" + httpHost + ":" + http.port() + " (/health/ready, /metrics, /models/{id}, POST /rank, POST /reward)");
            System.out.flush();
            stop.await();
        } finally {
            app.close();
            if (http != null) {
                http.close();
            }
            if (registry != null) {
                registry.close();
            }
        }
        Throwable failure = app.failure().getNow(null);
        if (failure != null && !stop.signalled()) {
            throw new IllegalStateException("Kafka Streams stopped: " + RegretlessApp.rootMessage(failure), failure);
        }
        System.out.println("regretless stopped: Kafka Streams closed after committing what it processed");
        System.out.flush();
        return 0;
    }

    /** The file's properties with environment overrides applied. */
    static Properties load(Path file, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("config file not found or not a file: " + file.toAbsolutePath());
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        overrides(environment).forEach((property, variable) -> props.setProperty(property, environment.get(variable)));
        return props;
    }

    /** Property name to the {@code REGRETLESS_CONFIG_*} environment variable that overrides it. */
    static Map<String, String> overrides(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        environment.keySet().stream().sorted().forEach(name -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                overrides.put(propertyName(name.substring(ENV_PREFIX.length())), name);
            }
        });
        return overrides;
    }

    static String propertyName(String envName) {
        return envName.toLowerCase(Locale.ROOT).replace("__", "\u0000").replace('_', '.').replace('\u0000', '-');
    }
}
