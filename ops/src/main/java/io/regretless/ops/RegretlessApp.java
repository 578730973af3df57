package io.regretless.ops;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import io.regretless.topology.StreamsDefaults;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;

/**
 * One running instance of the application: the bandit topology on Kafka Streams, configured from
 * one set of properties (Kafka Streams and client settings pass through untouched; the
 * {@code regretless.*} settings configure the models, see {@link RegretlessConfig}).
 */
public final class RegretlessApp implements AutoCloseable {
    private final RegretlessConfig config;
    private final KafkaStreams streams;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

    public RegretlessApp(Properties properties) {
        this.config = RegretlessConfig.fromProperties(properties);
        Properties streamsProps = StreamsDefaults.apply(withoutAppSettings(properties));
        this.streams = new KafkaStreams(RegretlessTopology.build(config), streamsProps);
        // A stream thread that dies (a missing ACL, a broken broker) stops the whole client, and the
        // reason is kept so start() and run can say what was wrong instead of hanging.
        streams.setUncaughtExceptionHandler(e -> {
            failure.complete(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
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
        streams.close(Duration.ofSeconds(30));
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
