package io.regretless.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.bandit.BanditConfig;
import io.regretless.features.DeclaredFeatures;
import io.regretless.ops.bench.RunCleanup;
import io.regretless.connectors.client.BanditClient;
import io.regretless.connectors.decide.LocalDecider;
import io.regretless.connectors.decide.LocalDecisionPort;
import io.regretless.connectors.replay.BanditReplay;
import io.regretless.connectors.replay.ClassificationBandit;
import io.regretless.connectors.replay.LabelledDataset;
import io.regretless.connectors.replay.ReplayResult;
import io.regretless.connectors.replay.ReplaySettings;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.http.FeatureNameCounts;
import io.regretless.ops.broker.EmbeddedKafkaBroker;

/**
 * The demo: an embedded single-node KRaft broker, the application on it, and the handwritten
 * digits data set replayed as a contextual bandit (context = the 64 pixels, declared features of
 * the models by default so that no two share a coordinate; actions = the 10 classes, reward 1 for
 * the right class) through the client, with delayed rewards, for several learners side by side.
 * Prints each learner's progressive reward against uniform random and how many feature names share
 * a coordinate, then the shadow policies evaluated on one model's log with their true progressive
 * reward, and ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Replay the handwritten-digits data set as a bandit on an embedded Kafka broker.")
public final class DemoCommand implements Callable<Integer> {
    static final String PREFIX = "demo";
    static final String PIXELS = "p{0..63}";
    static final String DEFAULT_SHADOWS = "linucb,linucb:alpha=0.3,lints,squarecb,egreedy:epsilon=0.05,uniform,deployed";

    @Option(names = "--learners", split = ",", defaultValue = "linucb,lints,squarecb,egreedy",
        description = "Learners to compare, one model each (default: ${DEFAULT-VALUE}).")
    List<String> learners;

    @Option(names = "--passes", defaultValue = "3", description = "Passes over the 1,797 digits (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(names = "--features", defaultValue = PIXELS,
        description = "The declared context features, as in regretless.model.<id>.features, or none to hash every "
            + "name (default: ${DEFAULT-VALUE}, the 64 pixels).")
    String features;

    @Option(names = "--dimension",
        description = "Feature dimension d (default: the declared features + 2, for the bias and one hashed "
            + "coordinate; 64 with --features none).")
    Integer dimension;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--max-in-flight", defaultValue = "400",
        description = "Requests awaiting their decision at once (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--reward-delay", defaultValue = "50",
        description = "Rewards are sent after this many further requests (default: ${DEFAULT-VALUE}).")
    int rewardDelay;

    @Option(names = "--seed", defaultValue = "7", description = "Seeds the row order and the learners (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--shadows-on", defaultValue = "egreedy",
        description = "The learner whose model's log the shadow policies are evaluated on; the last of --learners when it "
            + "is not among them (default: ${DEFAULT-VALUE}).")
    String shadowsOn;

    @Option(names = "--shadows", defaultValue = DEFAULT_SHADOWS,
        description = "The shadow policies, as in regretless.model.<id>.shadows, or none (default: ${DEFAULT-VALUE}).")
    String shadows;

    @Option(names = "--local", description = "Decide in this process with a local decider (the client jar's "
        + "LocalDecider, following the published models) instead of through the requests topic, and print the "
        + "decision latency.")
    boolean local;

    @Option(names = "--local-rate", defaultValue = "1000",
        description = "With --local, decisions per second, as an application's traffic would come (default: ${DEFAULT-VALUE}).")
    int localRate;

    @Option(names = "--export-feedback", paramLabel = "FILE",
        description = "Also write the shadow model's feedback as JSON lines, for evaluate --file.")
    Path exportFeedback;

    /** What the last {@link #play} showed of the shadow evaluation; null without one. */
    DemoShadows.Result shadowResult;

    @Override
    public Integer call() throws Exception {
        play(System.out);
        return 0;
    }

    /** Plays the demo, printing progress and the closing table to {@code out}; returns each model's result. */
    List<ReplayResult> play(PrintStream out) throws Exception {
        LabelledDataset digits = loadDigits();
        String declared = "none".equals(features) ? null : features;
        int d = dimension != null ? dimension
            : declared == null ? 64 : DeclaredFeatures.parseList(declared).size() + 2;
        ClassificationBandit environment = new ClassificationBandit(digits);
        out.printf("digits: %d rows, %d features, %d classes; %d passes; learners %s%n",
            digits.rows(), digits.dimension(), environment.actions().size(), passes, learners);
        Path stateDir = Files.createTempDirectory("regretless-demo-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(partitions).start()) {
            out.printf("embedded Kafka broker (KRaft) at %s, ready in %d ms%n",
                broker.bootstrapServers(), broker.startupTime().toMillis());
            boolean withShadows = !"none".equals(shadows);
            DemoSetup setup = new DemoSetup(PREFIX, learners, d, declared, seed, withShadows ? shadowsOn : null,
                withShadows ? shadows : null);
            broker.createTopics(setup.topics(), partitions);
            Properties props = setup.appProperties(broker.bootstrapServers(), stateDir);
            try (RegretlessApp app = new RegretlessApp(props)) {
                app.start(Duration.ofMinutes(2));
                Properties clientProps = new Properties();
                clientProps.putAll(broker.clientProperties());
                List<ReplayResult> results;
                ReplaySettings settings = ReplaySettings.defaults().withPasses(passes).withSeed(seed)
                    .withMaxInFlight(maxInFlight).withRewardDelay(rewardDelay);
                ProgressBar bar = new ProgressBar(out);
                LocalDecisionPort localPort = null;
                if (local) {
                    try (LocalDecider decider = new LocalDecider(clientProps, PREFIX)) {
                        localPort = new LocalDecisionPort(decider, 1 << 20, localRate);
                        results = new BanditReplay(localPort, environment, settings).run(setup.modelIds(), bar::show);
                    }
                } else {
                    try (BanditClient client = new BanditClient(clientProps, PREFIX)) {
                        results = new BanditReplay(client, environment, settings).run(setup.modelIds(), bar::show);
                    }
                }
                bar.finish();
                new ResultTable(out, 1.0 / environment.actions().size()).print(setup, results);
                if (localPort != null) {
                    out.printf("local decisions: %,d decided in this process; latency p50 %.1f µs, p99 %.1f µs, max %.1f µs%n",
                        localPort.decisions(), localPort.latencyMicros(50), localPort.latencyMicros(99),
                        localPort.latencyMicros(100));
                }
                printFeatureNames(out, app, setup);
                if (setup.shadowModel() != null) {
                    long decisions = results.stream().filter(r -> r.modelId().equals(setup.shadowModel()))
                        .mapToLong(ReplayResult::decisions).sum();
                    shadowResult = DemoShadows.show(out, app, clientProps, setup.shadowModel(), decisions, environment,
                        exportFeedback);
                }
                return results;
            }
        } finally {
            RunCleanup.deleteRecursively(stateDir);
        }
    }

    /** How many of each model's feature names share a coordinate, as the application counted them. */
    private static void printFeatureNames(PrintStream out, RegretlessApp app, DemoSetup setup) {
        for (String model : setup.modelIds()) {
            BanditConfig config = app.config().models().get(model).bandit();
            if (config.kind().multiArmed()) {
                continue;
            }
            out.printf("%-18s d = %d, %s declared: %s%n", model, config.dimension(),
                config.features().isEmpty() ? "none" : config.features().count() + " features",
                FeatureNameCounts.of(app.streams().metrics(), model, config).describe());
        }
    }

    static LabelledDataset loadDigits() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/datasets/digits.csv.gz")) {
            if (in == null) {
                throw new IOException("the digits data set is missing from the jar (datasets/digits.csv.gz)");
            }
            return LabelledDataset.readCsv(in).dividedBy(16.0);
        }
    }
}
