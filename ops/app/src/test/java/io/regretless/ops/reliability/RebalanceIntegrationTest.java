package io.regretless.ops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.common.utils.Utils;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.connectors.client.BanditClient;
import io.regretless.ops.AppProcess;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.ops.testkit.InputLag;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.Topics;

/**
 * Two instances share the partitions; one is stopped in the middle of the traffic; the other takes
 * over its model from the changelog, and every reward produced is joined exactly once.
 */
class RebalanceIntegrationTest {
    static final int PER_PHASE = 100;
    /** Event time of the first request: now, so the broker's retention (by timestamp) deletes nothing while the test runs. */
    static final long BASE = System.currentTimeMillis();

    @Test
    void theSurvivorTakesOverAndNoRewardIsLost(@TempDir Path dir) throws Exception {
        List<String> models = modelsOnEachPartition(2);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(2).start()) {
            AppFixture firstInstance = fixture(broker, dir, "first", models).banditTopics(2);
            Topics topics = firstInstance.topics();
            AppProcess first = AppProcess.start(firstInstance.store(dir.resolve("first.properties")), Map.of());
            AppProcess second = AppProcess.start(fixture(broker, dir, "second", models)
                .store(dir.resolve("second.properties")), Map.of());
            try {
                awaitReady(first);
                awaitReady(second);
                Properties client = new Properties();
                client.put("bootstrap.servers", broker.bootstrapServers());
                Map<String, Integer> rewards = new HashMap<>();
                try (BanditClient bandits = new BanditClient(client, "r", Duration.ofSeconds(120))) {
                    play(bandits, models, 0, rewards);
                    assertTrue(second.stop(), "the second instance stops on SIGTERM");
                    try {
                        play(bandits, models, PER_PHASE, rewards);
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new AssertionError("the survivor did not take over; it said:\n" + first.outputTail(), e);
                    }
                }
                Set<String> requested = new LinkedHashSet<>();
                for (int i = 0; i < 2 * PER_PHASE; i++) {
                    for (String model : models) {
                        requested.add(model + "-" + i);
                    }
                }
                Supplier<String> context = () -> InputLag.read(broker.clientProperties(), "rebalance",
                    List.of(topics.requests(), topics.rewards())) + "\nthe survivor said:\n" + first.outputTail();
                try (IdLedger feedback = new IdLedger(broker.clientProperties(), topics.feedback(), bytes -> {
                    Feedback f = WireCodec.of(Feedback.class).decode(bytes);
                    // a default reward would mean a reward was not joined: count it as an id of its own
                    return (f.getObserved() ? "" : "default reward for ") + f.getRequest().getRequestId();
                })) {
                    feedback.awaitAll(requested, Duration.ofSeconds(90), context)
                        .drain(Duration.ofSeconds(2))
                        .assertExactlyOnce(requested, context);
                }
                for (String model : models) {
                    byte[] state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(first.baseUrl() + "/models/" + model + "?format=avro")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body();
                    assertEquals((long) rewards.get(model), AvroCodec.of(LinearBanditState.class).decode(state).getVersion(),
                        "the survivor holds " + model + " with every update, restored from the changelog");
                }
            } finally {
                first.close();
                second.close();
            }
        }
    }

    /** Model ids whose records land on different partitions of a topic with {@code partitions} partitions. */
    static List<String> modelsOnEachPartition(int partitions) {
        List<String> chosen = new ArrayList<>();
        boolean[] taken = new boolean[partitions];
        for (int i = 0; chosen.size() < partitions; i++) {
            String id = "model-" + i;
            int p = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (!taken[p]) {
                taken[p] = true;
                chosen.add(id);
            }
        }
        return chosen;
    }

    /** One instance of the application: both share the application id and the topics, each has its own state. */
    static AppFixture fixture(EmbeddedKafkaBroker broker, Path dir, String instance, List<String> models) {
        AppFixture fixture = AppFixture.on(broker, "r", dir.resolve("state-" + instance)).applicationId("rebalance")
            .set("consumer.session.timeout.ms", 6000);
        for (String model : models) {
            fixture.banditModel(model, "linucb", 8).modelSetting(model, "attribution.window.ms", 600000);
        }
        return fixture;
    }

    /** One phase: requests for every model in flight together, then a reward for each decision. */
    static void play(BanditClient bandits, List<String> models, int offset, Map<String, Integer> rewards) throws Exception {
        List<java.util.concurrent.CompletableFuture<Decision>> decisions = new ArrayList<>();
        for (int i = offset; i < offset + PER_PHASE; i++) {
            for (String model : models) {
                decisions.add(bandits.decide(new DecisionRequest(model + "-" + i, model, BASE + i,
                    Map.of("x", (double) (i % 3)), List.of(new Action("a", Map.of()), new Action("b", Map.of())))));
            }
        }
        for (java.util.concurrent.CompletableFuture<Decision> pending : decisions) {
            Decision d = pending.get(120, TimeUnit.SECONDS);
            bandits.reward(new Reward(d.getRequestId(), d.getModelId(), d.getChosenActionId().equals("a") ? 1.0 : 0.0,
                d.getTimestamp())).get(30, TimeUnit.SECONDS);
            rewards.merge(d.getModelId(), 1, Integer::sum);
        }
    }

    static void awaitReady(AppProcess app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int status;
        do {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/health/ready"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertNotEquals(503, status, "instance never became ready:\n" + app.outputTail());
    }
}
