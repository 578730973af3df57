package io.regretless.ops.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.regretless.connectors.decide.LocalDecider;
import io.regretless.connectors.decide.PublishedModels;
import io.regretless.ops.broker.BrokerIo;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.testkit.CommandProcess;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * The HTTP half of {@code decide-bench}: {@code POST /rank}'s latency at a fixed rate on the
 * application as deployed ({@code regretless run --http-port} in its own JVM, started with
 * {@value #APP_OPTIONS} or {@link #DEFAULT_APP_OPTIONS}), requests sent whatever the answers
 * (latency from the scheduled send, so a stall counts in full); then model freshness: time from a
 * reward produced to the first local decision made with a model that includes it. Not a test:
 * nothing is asserted about the figures.
 */
final class HttpDecisionBenchmark {
    /** Seconds of requests at the measured rate before measuring: connections opened, the path compiled. */
    private static final int WARMUP_SECONDS = 3;
    /** Environment variable with the JVM options of the application that serves {@code POST /rank}. */
    private static final String APP_OPTIONS = "REGRETLESS_APP_JVM_OPTS";
    /**
     * ZGC, the collector the README recommends for an application that answers {@code /rank}: its
     * pauses stay under a millisecond, where G1's young pauses (8–26 ms here) land in the p99.
     */
    private static final List<String> DEFAULT_APP_OPTIONS = List.of("-Xmx1g", "-XX:+UseZGC");
    private static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(1);

    private HttpDecisionBenchmark() {
    }

    /**
     * The HTTP API's latency at a fixed rate, then model freshness, on a running application in its
     * own JVM ({@code regretless run --http-port}, started with {@link #APP_OPTIONS}), as it is
     * deployed: its collector then pauses for its own heap, not for the broker's and the load
     * generator's.
     */
    static void run(EmbeddedKafkaBroker broker, Topics topics, Path dir, int rate, int seconds, int samples)
            throws Exception {
        Properties props = new Properties();
        props.put("application.id", "decide-bench");
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("state.dir", dir.resolve("state").toString());
        props.put("regretless.topic.prefix", topics.prefix());
        props.put("regretless.models", "m");
        props.put("regretless.model.m.learner", "linucb");
        props.put("regretless.model.m.dimension", "64");
        props.put("regretless.model.m.max.arms", "10");
        props.put("regretless.publish.interval.ms", Long.toString(PUBLISH_INTERVAL.toMillis()));
        Path config = dir.resolve("app.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "decide-bench's application");
        }
        DecisionRequest[] requests = DecideBenchmark.requests(10, 1_000 + rate * (WARMUP_SECONDS + seconds) + samples);
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        int port = BrokerIo.freePort();
        List<String> appOptions = appOptions();
        try (CommandProcess app = CommandProcess.start(appOptions, "io.regretless.ops.Main", dir, null,
                 List.of("run", "--config", config.toString(), "--http-port", Integer.toString(port)));
             LocalDecider decider = new LocalDecider(kafka, topics.prefix())) {
            awaitReady(app, port, Duration.ofMinutes(3));
            // a trained, published model first: 1,000 decisions and their rewards through the loop
            for (int i = 0; i < 1_000; i++) {
                Decision decision = decider.decide(requests[i]);
                decider.flush();
                decider.reward(new Reward(decision.getRequestId(), "m", decision.getChosenActionId().equals("a0") ? 1.0 : 0.0,
                    requests[i].getTimestamp() + 1));
            }
            decider.flush();
            awaitVersion(decider.models(), 1_000, Duration.ofMinutes(3));

            URL url = URI.create("http://127.0.0.1:" + port + "/rank").toURL();
            int total = rate * seconds;
            long[] latencies;
            ExecutorService senders = Executors.newFixedThreadPool(32);
            try {
                openLoop(url, requests, 1_000, rate * WARMUP_SECONDS, rate, senders);
                latencies = openLoop(url, requests, 1_000 + rate * WARMUP_SECONDS, total, rate, senders);
            } finally {
                senders.shutdownNow();
            }
            System.out.printf(Locale.ROOT, "HTTP POST /rank at %d req/s for %d s (application JVM: %s): p50 ms: %.2f"
                + " p99 ms: %.2f max ms: %.2f%n", rate, seconds, String.join(" ", appOptions), latencies[total / 2] / 1e6,
                latencies[(int) (total * 0.99)] / 1e6, latencies[total - 1] / 1e6);

            freshness(decider, requests, 1_000 + rate * WARMUP_SECONDS + total, samples, PUBLISH_INTERVAL);
        }
    }

    /** {@value #APP_OPTIONS} split on spaces; the defaults when it is unset. */
    private static List<String> appOptions() {
        String options = System.getenv(APP_OPTIONS);
        return options == null || options.isBlank() ? DEFAULT_APP_OPTIONS : List.of(options.trim().split("\\s+"));
    }

    /** Until {@code GET /health/ready} answers 200: Kafka Streams is running with its tasks restored. */
    private static void awaitReady(CommandProcess app, int port, Duration timeout) throws Exception {
        URL ready = URI.create("http://127.0.0.1:" + port + "/health/ready").toURL();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!app.handle().isAlive()) {
                throw new IllegalStateException("the application exited before it was ready\n" + app.describe());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) ready.openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the application was not ready within " + timeout + "\n" + app.describe());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Open loop: request {@code i} is due at start + i/rate whatever became of earlier ones, and its
     * latency counts from then, so a server that falls behind shows its queue. Blocking keep-alive
     * connections, as curl or a service's HTTP client keeps them, from a pool large enough that
     * senders are not the bottleneck at this rate. Returns the sorted latencies in nanoseconds.
     */
    private static long[] openLoop(URL url, DecisionRequest[] requests, int from, int total, int rate,
                                   ExecutorService senders) throws Exception {
        // Encoded before the clock starts and nothing kept per request in flight: what the load
        // generator's collector copies at each pause delays every answer it is timing.
        WireCodec<DecisionRequest> codec = WireCodec.of(DecisionRequest.class);
        byte[][] bodies = new byte[total][];
        for (int i = 0; i < total; i++) {
            bodies[i] = codec.encode(requests[from + i], WireFormat.JSON);
        }
        long[] latencies = new long[total];
        CountDownLatch answered = new CountDownLatch(total);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total && failure.get() == null; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            senders.execute(() -> {
                try {
                    post(url, bodies[index]);
                    latencies[index] = System.nanoTime() - scheduled;
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    answered.countDown();
                }
            });
        }
        if (failure.get() == null && !answered.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(answered.getCount() + " of " + total + " POST /rank not answered within 2 minutes");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("POST /rank failed", failure.get());
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /**
     * One POST on a pooled keep-alive connection; anything but 200 fails the run. The body is
     * buffered, not streamed, so headers and body leave in one segment: written apart, Nagle's
     * algorithm holds the body until the server's delayed ACK, 40 ms later.
     */
    private static void post(URL url, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        if (status != 200) {
            throw new IllegalStateException("POST /rank answered " + status);
        }
    }

    private static void freshness(LocalDecider decider, DecisionRequest[] requests, int from, int samples,
                                  Duration publishInterval) throws Exception {
        long[] millis = new long[samples];
        SplittableRandom random = new SplittableRandom(3);
        for (int s = 0; s < samples; s++) {
            long before = decider.models().get("m").version();
            DecisionRequest request = requests[from + s];
            Decision decision = decider.decide(request);
            decider.flush();
            long produced = System.nanoTime();
            decider.reward(new Reward(decision.getRequestId(), "m", 1.0, request.getTimestamp() + 1));
            decider.flush();
            awaitVersion(decider.models(), before + 1, Duration.ofMinutes(1));
            millis[s] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produced);
            Thread.sleep(random.nextLong(0, publishInterval.toMillis()));
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "model freshness (reward produced -> a local decision with it), publish interval %d ms:"
            + " p50 ms: %d p99 ms: %d%n", publishInterval.toMillis(), millis[samples / 2], millis[Math.min(samples - 1,
            (int) Math.ceil(samples * 0.99) - 1)]);
    }

    private static void awaitVersion(PublishedModels models, long version, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (models.get("m") == null || models.get("m").version() < version) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the model did not reach version " + version + " within " + timeout
                    + " (at " + (models.get("m") == null ? "none" : models.get("m").version()) + ")");
            }
            Thread.sleep(2);
        }
    }
}
