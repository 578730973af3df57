package io.regretless.ops.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayRun;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.AvroCodec;

/**
 * Measures the bandit loop end to end on a running broker, next to a pass-through Kafka Streams
 * app on the same broker in the same run.
 *
 * <p>Each {@link #run} creates fresh topics named {@code bench-<random>.*}, starts the application
 * with {@link Options#models()} models, sends the warm-up and then the measured requests with a
 * bounded number in flight, rewards every decision as soon as it is consumed, and counts a request
 * complete when its feedback is consumed. It then copies the same request bytes through a
 * {@code stream(in).to(out)} app, by default with every record in flight at once. Both apps run with exactly_once_v2 and the
 * same {@code commit.interval.ms}. Topics, internal topics and local state of the run are deleted
 * afterwards. Not a test: nothing is asserted about the figures.
 */
public final class EndToEndBenchmark {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);

    private final Map<String, Object> client;

    /** A benchmark against the cluster at {@code bootstrapServers} (no security settings). */
    public EndToEndBenchmark(String bootstrapServers) {
        this(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A benchmark whose clients and apps use {@code clientProperties} (bootstrap servers, security). */
    public EndToEndBenchmark(Map<String, Object> clientProperties) {
        this.client = Map.copyOf(clientProperties);
    }

    /**
     * Starts an embedded single-node broker, runs {@link Options#parse} of {@code args} (the
     * {@link Options#defaults()} without arguments), prints the {@link Report#table()} and stops
     * the broker.
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println("Starting an embedded Kafka broker...");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            System.out.println("Broker at " + broker.bootstrapServers() + "; running " + options.describe());
            Report report = new EndToEndBenchmark(broker.clientProperties()).run(options);
            System.out.print(report.table());
        }
    }

    /**
     * Runs both apps on fresh topics and returns their figures.
     *
     * @throws IllegalStateException if an app does not start, a phase does not complete within 10
     *     minutes, or the bandit loop dead-letters a request or closes a window without its reward
     */
    public Report run(Options options) throws InterruptedException {
        try (ReplayRun run = ReplayRun.open(client, "bench"); Admin admin = Admin.create(client)) {
            Topics topics = new Topics(run.id());
            String copyIn = run.id() + ".passthrough-in";
            String copyOut = run.id() + ".passthrough-out";
            List<String> names = new ArrayList<>(topics.banditInputs());
            names.addAll(topics.banditOutputs());
            names.addAll(List.of(copyIn, copyOut));
            Workload workload = new Workload(options, System.currentTimeMillis());
            createTopics(admin, names, options.partitions());
            BanditLoopHandler handler = new BanditLoopHandler(topics, workload);
            PhaseResult bandit = runBandit(run, topics, options, workload, handler);
            PhaseResult copy = runPassThrough(run, copyIn, copyOut, options, workload);
            PhaseResult oneModel = runOneModel(admin, options);
            return new Report(options, bandit, copy, oneModel, handler.meanReward());
        }
    }

    /** The bandit loop again, on fresh topics, with every request on one model: does one hot model use every thread? */
    private PhaseResult runOneModel(Admin admin, Options options) throws InterruptedException {
        try (ReplayRun run = ReplayRun.open(client, "bench")) {
            Topics topics = new Topics(run.id());
            List<String> names = new ArrayList<>(topics.banditInputs());
            names.addAll(topics.banditOutputs());
            Options one = options.withModels(1);
            Workload workload = new Workload(one, System.currentTimeMillis());
            createTopics(admin, names, options.partitions());
            return runBandit(run, topics, one, workload, new BanditLoopHandler(topics, workload));
        }
    }

    private PhaseResult runBandit(ReplayRun run, Topics topics, Options options, Workload workload,
                                  BanditLoopHandler handler) throws InterruptedException {
        try (RegretlessApp app = new RegretlessApp(banditProperties(run, options, workload));
             WindowedLoad load = new WindowedLoad(client, List.of(topics.decisions(), topics.feedback(), topics.deadLetters()),
                 options.inFlight(), PHASE_TIMEOUT)) {
            app.start(START_TIMEOUT);
            if (options.warmup() > 0) {
                load.run(topics.requests(), workload, 0, options.warmup(), handler);
            }
            handler.resetReward();
            return load.run(topics.requests(), workload, options.warmup(), workload.size(), handler);
        }
    }

    private PhaseResult runPassThrough(ReplayRun run, String in, String out, Options options, Workload workload)
            throws InterruptedException {
        Properties props = streamsProperties(run.id() + "-passthrough", options, run.stateDir());
        WindowedLoad.Handler copied = (record, load) -> {
            int i = Workload.index(REQUESTS.decode(record.value()).getRequestId());
            load.answered(i);
            load.completed(i);
        };
        try (KafkaStreams app = PassThroughApp.create(in, out, props);
             WindowedLoad load = new WindowedLoad(client, List.of(out), copyWindow(options), PHASE_TIMEOUT)) {
            start(app);
            if (options.warmup() > 0) {
                load.run(in, workload, 0, options.warmup(), copied);
            }
            return load.run(in, workload, options.warmup(), workload.size(), copied);
        }
    }

    private static int copyWindow(Options options) {
        return options.passThroughInFlight() == 0 ? Integer.MAX_VALUE : options.passThroughInFlight();
    }

    private Properties banditProperties(ReplayRun run, Options o, Workload workload) {
        Properties props = streamsProperties(run.id() + "-bandit", o, run.stateDir());
        props.put("regretless.topic.prefix", run.id());
        // Avro outputs: the bench measures the loop, not JSON (wire-bench prices JSON per record)
        props.put("regretless.output.format", "avro");
        props.put("regretless.models", String.join(",", workload.modelIds()));
        for (String model : workload.modelIds()) {
            String p = "regretless.model." + model + ".";
            props.put(p + "learner", o.learner());
            props.put(p + "dimension", Integer.toString(o.dimension()));
            props.put(p + "max.arms", Integer.toString(o.actions()));
            props.put(p + "max.actions", Integer.toString(o.actions()));
            props.put(p + "max.features", Integer.toString(o.contextFeatures() + o.actions()));
            props.put(p + "attribution.window.ms", Long.toString(Duration.ofHours(1).toMillis()));
        }
        return props;
    }

    private Properties streamsProperties(String applicationId, Options o, Path stateDir) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(o.commitIntervalMs()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(o.threads()));
        return props;
    }

    private static void start(KafkaStreams app) throws InterruptedException {
        app.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (app.state() != KafkaStreams.State.RUNNING) {
            if (app.state() == KafkaStreams.State.ERROR || app.state() == KafkaStreams.State.NOT_RUNNING
                || System.nanoTime() > deadline) {
                throw new IllegalStateException("the pass-through app is not running: " + app.state());
            }
            Thread.sleep(50);
        }
    }

    private static void createTopics(Admin admin, List<String> names, int partitions) {
        List<NewTopic> topics = names.stream()
            .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
            .toList();
        try {
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the benchmark topics " + names + ": " + e, e);
        }
    }
}
