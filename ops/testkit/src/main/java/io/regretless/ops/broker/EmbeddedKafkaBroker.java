package io.regretless.ops.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker (KRaft, combined broker and controller) running in a child JVM
 * built from the current JVM's {@code java} binary and class path.
 *
 * <p>Everything lives in one {@link #directory()}, temporary unless {@link Builder#directory(Path)}
 * names one to keep: {@code server.properties}, the broker's stdout and stderr in
 * {@link #logFile()}, and the data under {@code data/}. The child exits when this JVM closes its
 * standard input, which the operating system also does if this JVM dies, so no broker outlives its
 * parent. Listeners bind to 127.0.0.1, on free ports unless {@link Builder#port(int)} names the
 * broker's; topics are never auto-created, and records are kept whatever their timestamps unless a
 * topic sets its own {@code retention.ms}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
 *     broker.createTopics(Map.of("requests", 4), Map.of());
 *     ... broker.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>Not thread-safe for {@link #start()}; the accessors may be used from any thread once started.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {
    private static final int BIND_ATTEMPTS = 3;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> extraServerProperties;
    private final Map<String, Object> extraClientProperties;
    private final List<String> formatArguments;
    private final List<String> jvmArguments;
    private final int numPartitions;
    private final Duration startupTimeout;
    private final int fixedPort;
    private final Path keptDirectory;

    private Path directory;
    private Process process;
    private int brokerPort;
    private Duration startupTime;
    private Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(Builder b) {
        this.extraServerProperties = Map.copyOf(b.serverProperties);
        this.extraClientProperties = Map.copyOf(b.clientProperties);
        this.formatArguments = List.copyOf(b.formatArguments);
        this.jvmArguments = List.copyOf(b.jvmArguments);
        this.numPartitions = b.numPartitions;
        this.startupTimeout = b.startupTimeout;
        this.fixedPort = b.port;
        this.keptDirectory = b.directory;
    }

    /** A builder with the defaults: 1 partition per topic, 60 s startup timeout, heap 768 MB. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage, starts the child JVM and returns once an admin client can describe the
     * cluster. Can be called once.
     *
     * @return this broker
     * @throws IllegalStateException if already started or closed, or the broker is not ready within
     *     the startup timeout; the message carries the end of the broker log. Everything started so
     *     far is cleaned up before it is thrown.
     */
    public EmbeddedKafkaBroker start() {
        if (process != null || closed) {
            throw new IllegalStateException("start() may be called once, before close()");
        }
        long began = System.nanoTime();
        try {
            directory = keptDirectory == null ? Files.createTempDirectory("regretless-kafka-")
                    : Files.createDirectories(keptDirectory.toAbsolutePath());
            // data from an earlier start on a kept directory is never deleted, not even to retry
            boolean freshData = !Files.exists(dataDirectory());
            if (fixedPort != 0 && !BrokerIo.isFree(fixedPort)) {
                throw new IllegalStateException("port " + fixedPort + " on 127.0.0.1 is in use (another broker?): "
                        + "stop what uses it or pick another port");
            }
            shutdownHook = new Thread(this::close, "embedded-kafka-broker-cleanup");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            for (int attempt = 1; ; attempt++) {
                try {
                    launch();
                    awaitReady(began + startupTimeout.toNanos());
                    break;
                } catch (IllegalStateException e) {
                    stopProcess();
                    boolean portTaken = BrokerLog.tail(log(), 200).contains("Address already in use");
                    if (!portTaken || attempt == BIND_ATTEMPTS || !freshData) {
                        throw e;
                    }
                    BrokerIo.deleteRecursively(dataDirectory());
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("could not start the embedded Kafka broker: " + e, e);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - began);
        return this;
    }

    private void launch() throws IOException {
        brokerPort = fixedPort != 0 ? fixedPort : BrokerIo.freePort();
        int controllerPort = BrokerIo.freePort();
        Path properties = directory.resolve("server.properties");
        BrokerIo.writeProperties(properties, serverProperties(controllerPort));
        List<String> command = new ArrayList<>(ChildJvm.command(directory, jvmArguments));
        command.add(BrokerProcess.class.getName());
        command.add(properties.toString());
        command.add(Uuid.randomUuid().toString());
        command.addAll(formatArguments);
        process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
    }

    private Map<String, String> serverProperties(int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", Integer.toString(numPartitions));
        p.put("auto.create.topics.enable", "false");
        // Retention deletes by record timestamp, and tests and demos replay data stamped long ago:
        // the first retention pass (about 30 s after start) would delete it under them. A topic
        // that sets its own retention.ms still gets it.
        p.put("log.retention.ms", "-1");
        p.put("log.dirs", dataDirectory().toString());
        p.putAll(extraServerProperties);
        return p;
    }

    private void awaitReady(long deadlineNanos) {
        while (!BrokerIo.canConnect(brokerPort)) {
            checkAlive();
            if (System.nanoTime() > deadlineNanos) {
                throw failure("the broker port " + brokerPort + " did not open within " + startupTimeout);
            }
            BrokerIo.sleep(100);
        }
        Map<String, Object> config = clientProperties();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadlineNanos) {
                checkAlive();
                try {
                    long waitMs = Math.max(1, Math.min(10_000, (deadlineNanos - System.nanoTime()) / 1_000_000));
                    if (!admin.describeCluster().nodes().get(waitMs, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for the broker");
                } catch (Exception e) {
                    last = e;
                    BrokerIo.sleep(100);
                }
            }
            throw failure("describeCluster did not succeed within " + startupTimeout + (last == null ? "" : ": " + last));
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw failure("the broker process exited with code " + process.exitValue());
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Embedded Kafka broker failed to start: " + what
                + "\n--- end of the broker log ---\n" + BrokerLog.tail(log(), 60));
    }

    /** {@inheritDoc} Available once started. */
    @Override
    public String bootstrapServers() {
        requireStarted();
        return "127.0.0.1:" + brokerPort;
    }

    /** {@code bootstrap.servers} plus the builder's client properties; a new mutable map. */
    @Override
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new HashMap<>(extraClientProperties);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /**
     * The directory holding the configuration, the log file and the data; deleted by close unless
     * it was named by {@link Builder#directory(Path)}.
     */
    public Path directory() {
        requireStarted();
        return directory;
    }

    /** The broker's combined stdout and stderr (Kafka logs at INFO), in {@link #directory()}. */
    public Path logFile() {
        requireStarted();
        return log();
    }

    private Path log() {
        return directory.resolve("broker.log");
    }

    /** The child JVM. */
    public ProcessHandle process() {
        requireStarted();
        return process.toHandle();
    }

    /** Wall time from the {@link #start()} call until the broker answered describeCluster. */
    public Duration startupTime() {
        requireStarted();
        return startupTime;
    }

    /**
     * Closes the child's stdin so it shuts down cleanly, kills it if it has not exited after 30 s,
     * and deletes {@link #directory()} unless it is kept. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        if (directory != null && keptDirectory == null) {
            BrokerIo.deleteRecursively(directory);
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; nothing left for it to do
            }
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.flush();
        } catch (IOException alreadyGone) {
            // the child has already exited
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private void requireStarted() {
        if (process == null) {
            throw new IllegalStateException("the broker has not been started");
        }
    }

    /** Options for an {@link EmbeddedKafkaBroker}. */
    public static final class Builder {
        private final Map<String, String> serverProperties = new LinkedHashMap<>();
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private final List<String> formatArguments = new ArrayList<>();
        private final List<String> jvmArguments = new ArrayList<>(List.of("-Xmx768m", "-XX:+UseSerialGC"));
        private int numPartitions = 1;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private int port;
        private Path directory;

        private Builder() {}

        /** The broker's port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Keeps the configuration, the log and the data in {@code directory} (created if missing)
         * instead of a temporary directory, and leaves them there on close: a broker started again
         * on the same directory has the topics and records of the last one.
         */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Partition count of topics created without one ({@code num.partitions}); default 1. */
        public Builder numPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
            }
            this.numPartitions = partitions;
            return this;
        }

        /** Sets a broker property, overriding the built-in value of the same key. */
        public Builder serverProperty(String key, String value) {
            serverProperties.put(key, value);
            return this;
        }

        /**
         * Adds a client property returned by {@link #clientProperties()} and used by the readiness
         * check and topic creation (e.g. {@code security.protocol}, {@code sasl.jaas.config}).
         */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(key, value);
            return this;
        }

        /**
         * Appends arguments to {@code kafka-storage format}, e.g.
         * {@code "--add-scram", "SCRAM-SHA-256=[name=admin,password=secret]"}.
         */
        public Builder formatArguments(String... arguments) {
            formatArguments.addAll(List.of(arguments));
            return this;
        }

        /** Appends options for the child JVM; later ones win, so {@code -Xmx1g} overrides the default. */
        public Builder jvmArguments(String... arguments) {
            jvmArguments.addAll(List.of(arguments));
            return this;
        }

        /** How long {@link EmbeddedKafkaBroker#start()} waits for the broker; default 60 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = timeout;
            return this;
        }

        /** A broker with these options, not yet started. */
        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        /** Shorthand for {@code build().start()}. */
        public EmbeddedKafkaBroker start() {
            return build().start();
        }
    }
}
