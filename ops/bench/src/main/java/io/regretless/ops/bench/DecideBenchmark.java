package io.regretless.ops.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.LocalDecider;
import io.regretless.connectors.decide.PublishedModels;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.testkit.CommandProcess;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * What deciding anywhere costs, on an embedded broker:
 * <ul>
 *   <li>local decisions: {@link LocalDecider#decide} on one thread with a trained model (1,000
 *       updates) per learner at d = 64, K = 10 and d = 128, K = 26, each decision logged to the
 *       decision log; after a warm-up, in {@code forks} separate JVMs, each timing every decision;</li>
 *   <li>the HTTP API: {@code POST /rank} on a running application, requests sent at a fixed rate
 *       whatever the answers (latency from the scheduled send, so a stall counts in full);</li>
 *   <li>model freshness: time from a reward produced to the first local decision made with a
 *       model that includes it.</li>
 * </ul>
 * The last lines are one per learner: {@code <learner> local decisions/s: <n> p50 µs: <x> p99 µs: <y>}.
 * Not a test: nothing is asserted about the figures.
 */
public final class DecideBenchmark {
    private static final String FORK = "--fork";
    /** Environment variable with extra JVM options for the forks, e.g. -XX:StartFlightRecording=... to profile one. */
    private static final String FORK_OPTIONS = "REGRETLESS_FORK_JVM_OPTS";
    private static final List<String> LEARNERS = List.of("linucb", "lints", "squarecb", "egreedy");
    /** Distinct contexts and candidate sets a fork cycles through. */
    private static final int POOL = 10_000;
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

    private DecideBenchmark() {
    }

    /**
     * {@code [decisions=200000] [warmup=100000] [forks=2] [httpRate=1000] [httpSeconds=20] [freshness=30]};
     * {@code httpSeconds=0} skips the HTTP and freshness parts.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(FORK)) {
            fork(args);
            return;
        }
        Map<String, Integer> o = options(args);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            Topics topics = new Topics("decide-bench");
            broker.createTopics(topics.banditTopics(), 2);
            Path dir = Files.createTempDirectory("decide-bench-");
            try {
                if (o.get("httpSeconds") > 0) {
                    http(broker, topics, dir, o.get("httpRate"), o.get("httpSeconds"), o.get("freshness"));
                }
            } finally {
                RunCleanup.deleteRecursively(dir);
            }
            List<String> last = new ArrayList<>();
            for (int[] shape : new int[][] {{128, 26}, {64, 10}}) {
                for (String learner : LEARNERS) {
                    List<double[]> forks = new ArrayList<>();
                    for (int f = 0; f < o.get("forks"); f++) {
                        forks.add(runFork(broker, learner, shape[0], shape[1], o.get("decisions"), o.get("warmup")));
                    }
                    forks.sort((x, y) -> Double.compare(x[0], y[0]));
                    double[] median = forks.get(forks.size() / 2);
                    String name = shape[0] == 64 ? learner : learner + "(d=" + shape[0] + ",K=" + shape[1] + ")";
                    String line = String.format(Locale.ROOT, "%s local decisions/s: %.0f p50 µs: %.1f p99 µs: %.1f",
                        name, median[0], median[1], median[2]);
                    StringBuilder all = new StringBuilder();
                    forks.forEach(r -> all.append(String.format(Locale.ROOT, " [%.0f/s %.1f %.1f]", r[0], r[1], r[2])));
                    if (shape[0] == 64) {
                        last.add(line);
                        System.out.println("forks of " + name + ":" + all);
                    } else {
                        System.out.println(line + "   forks:" + all);
                    }
                }
            }
            last.forEach(System.out::println);
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> o = new HashMap<>(Map.of("decisions", 200_000, "warmup", 100_000, "forks", 2,
            "httpRate", 1_000, "httpSeconds", 20, "freshness", 30));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1 || !o.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: " + o.keySet());
            }
            o.put(arg.substring(0, eq), Integer.parseInt(arg.substring(eq + 1)));
        }
        return o;
    }

    /** Runs one fork in a child JVM and reads its result line: decisions/s, p50 µs, p99 µs. */
    private static double[] runFork(EmbeddedKafkaBroker broker, String learner, int d, int k, int decisions, int warmup)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g"));
        String extra = System.getenv(FORK_OPTIONS);
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DecideBenchmark.class.getName(), FORK,
            broker.bootstrapServers(), learner, Integer.toString(d), Integer.toString(k), Integer.toString(decisions),
            Integer.toString(warmup)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        double[] result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = Arrays.stream(line.substring(7).split(" ")).mapToDouble(Double::parseDouble).toArray();
                }
            }
        }
        if (child.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the fork for " + learner + " failed:\n" + output);
        }
        return result;
    }

    /** In the child JVM: one learner, trained, decided with on one thread; prints RESULT. */
    private static void fork(String[] args) throws Exception {
        String bootstrap = args[1];
        LearnerKind kind = LearnerKind.parse(args[2]);
        int d = Integer.parseInt(args[3]);
        int k = Integer.parseInt(args[4]);
        int decisions = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        BanditConfig config = new BanditConfig(kind, false, d, 1.0, kind.defaultExploration(), 42L, k);
        DecisionRequest[] requests = requests(k, POOL);
        ContextualBandit trained = LinearBandits.create(config);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            DecisionRequest r = requests[random.nextInt(requests.length)];
            Candidates c = CandidateEncoder.encode(r.getContext(), r.getActions(), config);
            int a = random.nextInt(k);
            trained.update(c.actionIds()[a], c.features()[a], a == 0 ? 1.0 : random.nextDouble() * 0.5);
        }
        PublishedModels models = new PublishedModels();
        models.accept(PublishedBandit.of("m", trained, config, 1024, 64));
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", bootstrap);
        long[] nanos = new long[decisions];
        double seconds;
        try (LocalDecider decider = new LocalDecider(kafka, "decide-bench", "bench", models)) {
            for (int i = 0; i < warmup; i++) {
                decider.decide(withId(requests[i % POOL], "w" + i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < decisions; i++) {
                DecisionRequest request = withId(requests[i % POOL], "r" + i);
                long t0 = System.nanoTime();
                decider.decide(request);
                nanos[i] = System.nanoTime() - t0;
            }
            seconds = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "RESULT %.1f %.2f %.2f%n", decisions / seconds,
            nanos[decisions / 2] / 1e3, nanos[(int) (decisions * 0.99)] / 1e3);
    }

    /** A request with its own id (its random stream) and a pooled context and candidates. */
    private static DecisionRequest withId(DecisionRequest pooled, String id) {
        return new DecisionRequest(id, pooled.getModelId(), pooled.getTimestamp(), pooled.getContext(), pooled.getActions());
    }

    /** Distinct requests: 20 context features, K candidates with 2 features each. */
    private static DecisionRequest[] requests(int k, int n) {
        SplittableRandom random = new SplittableRandom(11);
        DecisionRequest[] requests = new DecisionRequest[n];
        for (int i = 0; i < n; i++) {
            Map<String, Double> context = new HashMap<>();
            for (int f = 0; f < 20; f++) {
                context.put("c" + f, random.nextDouble());
            }
            List<Action> actions = new ArrayList<>(k);
            for (int a = 0; a < k; a++) {
                actions.add(new Action("a" + a, Map.of("price", random.nextDouble(), "rank", (double) a)));
            }
            requests[i] = new DecisionRequest("r" + i, "m", 1_700_000_000_000L + i, context, actions);
        }
        return requests;
    }

    /**
     * The HTTP API's latency at a fixed rate, then model freshness, on a running application in its
     * own JVM ({@code regretless run --http-port}, started with {@link #APP_OPTIONS}), as it is
     * deployed: its collector then pauses for its own heap, not for the broker's and the load
     * generator's.
     */
    private static void http(EmbeddedKafkaBroker broker, Topics topics, Path dir, int rate, int seconds, int samples)
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
        DecisionRequest[] requests = requests(10, 1_000 + rate * (WARMUP_SECONDS + seconds) + samples);
        Properties kafka = new Properties();
        kafka.put("bootstrap.servers", broker.bootstrapServers());
        int port = freePort();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
