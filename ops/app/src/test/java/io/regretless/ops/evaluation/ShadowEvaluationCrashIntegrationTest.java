package io.regretless.ops.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.AppProcess;
import io.regretless.ops.bench.RunCleanup;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.report.TopicReader;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.ops.testkit.InputLag;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.evaluation.PolicyEvaluations;

/**
 * kill -9 in the middle of a shadow evaluation, the local state deleted, restart: under
 * exactly_once_v2 the stores restored from their changelogs hold every round the committed
 * offsets cover, so every policy-evaluation record appears exactly once and each equals what the
 * same candidates give on the feedback log offline (evaluate's code) — across the learners'
 * snapshots every 2,048 rounds and the journal's ring of 4,096.
 */
class ShadowEvaluationCrashIntegrationTest {
    static final int HALF = 4_000;
    static final int EVERY = 100;
    static final Duration STALL = Duration.ofSeconds(90);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<PolicyEvaluation> EVALUATIONS = WireCodec.of(PolicyEvaluation.class);

    final long base = System.currentTimeMillis();

    @Test
    void aKilledEvaluationRestoredFromItsChangelogsPublishesEveryRoundOnceAndRight(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(1).start()) {
            AppFixture fixture = appFixture(broker, dir.resolve("state")).banditTopics(1);
            Topics topics = fixture.topics();
            List<Feedback> log = log(2 * HALF);
            produce(broker, topics, log.subList(0, HALF));
            Properties props = fixture.properties();
            Path config = fixture.store(dir.resolve("app.properties"));
            List<String> expectedIds = new ArrayList<>();
            for (int r = EVERY; r <= 2 * HALF; r += EVERY) {
                expectedIds.add(Integer.toString(r));
            }
            AppProcess first = AppProcess.start(config, Map.of());
            try (IdLedger evaluations = new IdLedger(broker.clientProperties(), topics.policyEvaluation(),
                    bytes -> Long.toString(EVALUATIONS.decode(bytes).getRounds()))) {
                evaluations.awaitAtLeast(10, STALL, () -> lag(broker) + "\nthe app said:\n" + first.outputTail());
                first.kill();
                System.out.printf("shadow evaluation killed after %d policy-evaluation records%n", evaluations.counts().size());
                assertTrue(evaluations.counts().size() < expectedIds.size(), "the crash came in the middle");
                RunCleanup.deleteRecursively(dir.resolve("state"));
                produce(broker, topics, log.subList(HALF, 2 * HALF));
                try (AppProcess second = AppProcess.start(config, Map.of())) {
                    Supplier<String> context = () -> lag(broker) + "\nthe restarted app said:\n" + second.outputTail();
                    evaluations.awaitAll(expectedIds, STALL, context).drain(Duration.ofSeconds(2))
                        .assertExactlyOnce(expectedIds, context);

                    Map<Long, PolicyEvaluation> expected = offline(props, log);
                    Map<Long, PolicyEvaluation> published = new HashMap<>();
                    Properties client = new Properties();
                    client.putAll(broker.clientProperties());
                    TopicReader.readAll(client, topics.policyEvaluation(), bytes -> {
                        PolicyEvaluation e = EVALUATIONS.decode(bytes);
                        published.put(e.getRounds(), e);
                    });
                    assertEquals(expected.keySet(), published.keySet());
                    for (Map.Entry<Long, PolicyEvaluation> e : expected.entrySet()) {
                        assertEquals(e.getValue(), published.get(e.getKey()), "the evaluation after " + e.getKey() + " rounds");
                    }
                    HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(second.baseUrl() + "/models/m/evaluation")).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, served.statusCode(), served.body());
                    assertEquals(expected.get((long) 2 * HALF),
                        EVALUATIONS.decode(served.body().getBytes(StandardCharsets.UTF_8)), "GET /models/m/evaluation");
                }
            } finally {
                first.close();
            }
        }
    }

    /** What the candidates give on the log, by {@code evaluate}'s code, every {@value #EVERY} rounds. */
    static Map<Long, PolicyEvaluation> offline(Properties props, List<Feedback> log) {
        ModelConfig model = RegretlessConfig.fromProperties(props).models().get("m");
        Map<Long, PolicyEvaluation> out = new LinkedHashMap<>();
        OfflineEvaluation evaluation = new OfflineEvaluation(model.shadows().setup(model.bandit()), "m");
        for (Feedback f : log) {
            evaluation.accept(f);
            long rounds = evaluation.evaluation().rounds();
            if (rounds % EVERY == 0) {
                out.put(rounds, PolicyEvaluations.of("m", evaluation.evaluation(), f.getRewardTimestamp()));
            }
        }
        return out;
    }

    static AppFixture appFixture(EmbeddedKafkaBroker broker, Path stateDir) {
        return AppFixture.on(broker, "s", stateDir).applicationId("shadow-crash").banditModel("m", "egreedy", 16)
            .modelSetting("m", "max.arms", 4)
            .modelSetting("m", "shadows", "linucb,lints:shared=true,squarecb,uniform,deployed")
            .modelSetting("m", "shadows.publish.every", EVERY);
    }

    /** A logging policy with a random distribution per decision over a, b, c; rewards Bernoulli, best action depends on x. */
    List<Feedback> log(int n) {
        SplittableRandom random = new SplittableRandom(17);
        List<Action> actions = List.of(new Action("a", Map.of("f", 1.0)), new Action("b", Map.of()),
            new Action("c", Map.of("f", -1.0)));
        List<Feedback> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble();
            double[] p = new double[3];
            double sum = 0;
            for (int a = 0; a < 3; a++) {
                p[a] = 0.2 + random.nextDouble();
                sum += p[a];
            }
            double u = random.nextDouble() * sum;
            int chosen = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            List<ActionProbability> probabilities = new ArrayList<>();
            for (int a = 0; a < 3; a++) {
                probabilities.add(new ActionProbability(actions.get(a).getId(), p[a] / sum));
            }
            double mean = chosen == 0 ? x : chosen == 1 ? 0.4 : 1 - x;
            long t = base + i;
            String id = "r" + i;
            out.add(new Feedback(new DecisionRequest(id, "m", t, Map.of("x", x, "y", random.nextDouble()), actions),
                new Decision(id, "m", actions.get(chosen).getId(), p[chosen] / sum, probabilities, 0L, "logger", t),
                random.nextDouble() < mean ? 1.0 : 0.0, true, t));
        }
        return out;
    }

    static void produce(EmbeddedKafkaBroker broker, Topics topics, List<Feedback> feedback) {
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties())) {
            for (Feedback f : feedback) {
                producer.send(topics.feedback(), 0, "m".getBytes(StandardCharsets.UTF_8), FEEDBACK.encode(f, WireFormat.JSON),
                    f.getRewardTimestamp());
            }
            producer.flush();
        }
    }

    static String lag(EmbeddedKafkaBroker broker) {
        return InputLag.read(broker.clientProperties(), "shadow-crash", List.of(new Topics("s").feedback())).toString();
    }
}
