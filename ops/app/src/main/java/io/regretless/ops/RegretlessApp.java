package io.regretless.ops;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import io.regretless.connectors.decide.LocalDecider;
import io.regretless.connectors.decide.ModelFollower;
import io.regretless.connectors.decide.PublishedModels;
import io.regretless.ops.health.Health;
import io.regretless.ops.health.InputLoss;
import io.regretless.ops.health.LossReportingClientSupplier;
import io.regretless.ops.health.TaskProgress;
import io.regretless.topology.StreamsDefaults;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.evaluation.EvaluationTopology;

/**
 * One running instance of the application: the bandit topology on Kafka Streams, configured from
 * one set of properties (Kafka Streams and client settings pass through untouched; the
 * {@code regretless.*} settings configure the models, see {@link RegretlessConfig}).
 */
public final class RegretlessApp implements AutoCloseable {
    private final RegretlessConfig config;
    private final KafkaStreams streams;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final PublishedModels published = new PublishedModels();
    private final ModelFollower follower;
    private final LocalDecider decider;
    private final InputLoss inputLoss = new InputLoss();
    private final TaskProgress progress;
    private final Health health;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "regretless-task-progress");
        t.setDaemon(true);
        return t;
    });

    /**
     * Reads the configuration, checks the bandit loop's topics exist (their partition count shapes
     * the topology) and starts following the model topic; Kafka Streams starts with {@link #start}.
     *
     * @throws IllegalStateException if a topic is missing, saying to create them first
     */
    public RegretlessApp(Properties properties) {
        this.config = RegretlessConfig.fromProperties(properties);
        Properties streamsProps = StreamsDefaults.apply(withoutAppSettings(properties));
        int partitions = config.models().isEmpty() ? 1 : TopicCheck.partitions(streamsProps, config.topics(),
            EvaluationTopology.applies(config) ? List.of(config.topics().policyEvaluation()) : List.of());
        this.follower = config.models().isEmpty() ? null
            : new ModelFollower(streamsProps, config.topics().modelSnapshots(), published);
        this.decider = config.models().isEmpty() ? null
            : new LocalDecider(streamsProps, config.topics().prefix(), "http", published);
        try {
            this.streams = new KafkaStreams(RegretlessTopology.build(config, published, partitions,
                new TopologyConfig(new StreamsConfig(streamsProps))),
                streamsProps, new LossReportingClientSupplier(inputLoss, config.failOnDataLoss()));
        } catch (RuntimeException e) {
            closeDecisionPath();
            throw e;
        }
        this.progress = new TaskProgress(streams, stallTimeout(config, streamsProps));
        this.health = new Health(streams, progress, inputLoss);
        long every = Math.max(100, Math.min(1_000, progress.timeout().toMillis() / 4));
        sampler.scheduleWithFixedDelay(progress::sample, every, every, TimeUnit.MILLISECONDS);
        // A stream thread that dies (a missing ACL, a broken broker) stops the whole client, and the
        // reason is kept so start() and run can say what was wrong instead of hanging.
        streams.setUncaughtExceptionHandler(e -> {
            failure.complete(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    }

    /**
     * The configured stall timeout, but never below three commit intervals: a task commits its
     * progress once per interval, so anything shorter would call a busy task stalled.
     */
    private static Duration stallTimeout(RegretlessConfig config, Properties streamsProps) {
        long commitInterval = Long.parseLong(streamsProps.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        return Duration.ofMillis(Math.max(config.stallTimeout().toMillis(), 3 * commitInterval));
    }

    /** Decides with the published models and logs to the decision log, for the HTTP API; null without bandit models. */
    public LocalDecider decider() {
        return decider;
    }

    /** The newest published bandit models, which this instance decides with. */
    public PublishedModels published() {
        return published;
    }

    /** Health and readiness as the HTTP endpoint reports them. */
    public Health health() {
        return health;
    }

    /** Input deleted before this instance read it. */
    public InputLoss inputLoss() {
        return inputLoss;
    }

    /** Stalled tasks. */
    public TaskProgress progress() {
        return progress;
    }

    /** Completes with the exception that stopped Kafka Streams, if one does. */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    public RegretlessConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Starts processing and waits until every task is running, or fails after {@code timeout}. */
    public void start(Duration timeout) throws InterruptedException {
        streams.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (failure.isDone() || streams.state() == KafkaStreams.State.ERROR
                || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                Throwable cause = failure.getNow(null);
                throw new IllegalStateException("Kafka Streams stopped while starting (" + streams.state() + ")"
                    + (cause == null ? "" : ": " + rootMessage(cause)), cause);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka Streams not running after " + timeout + ": " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    /** The innermost message, which names the real problem (e.g. the missing authorization). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        streams.close(Duration.ofSeconds(30));
        closeDecisionPath();
    }

    private void closeDecisionPath() {
        if (decider != null) {
            decider.close();
        }
        if (follower != null) {
            follower.close();
        }
    }

    private static Properties withoutAppSettings(Properties properties) {
        Properties streamsProps = new Properties();
        properties.stringPropertyNames().stream()
            .filter(name -> !name.startsWith(RegretlessConfig.PREFIX))
            .forEach(name -> streamsProps.put(name, properties.getProperty(name)));
        if (!streamsProps.containsKey(StreamsConfig.APPLICATION_ID_CONFIG)) {
            throw new IllegalArgumentException("missing required setting " + StreamsConfig.APPLICATION_ID_CONFIG);
        }
        return streamsProps;
    }
}
