package io.regretless.ops.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

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
import io.regretless.schemas.Action;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Topics;

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
                    HttpDecisionBenchmark.run(broker, topics, dir, o.get("httpRate"), o.get("httpSeconds"), o.get("freshness"));
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
    static DecisionRequest[] requests(int k, int n) {
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

}
