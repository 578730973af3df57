package io.regretless.ops.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.Main;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.schemas.Action;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * A model whose learner is changed over its stored state breaks neither the application nor the
 * other models: its records are dead-lettered MODEL_STATE_CONFLICT with the ways out, the other
 * model goes on deciding and learning, and {@code models reset} starts it again under its new
 * learner.
 */
class ModelConflictIntegrationTest {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);

    /** Event time of the next record: from now (the broker's retention deletes nothing), one millisecond a record. */
    private long clock = System.currentTimeMillis();

    @Test
    void aChangedLearnerLeavesTheOtherModelsDeciding(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            AppFixture fixture = AppFixture.on(broker, "conflict", dir.resolve("state")).banditTopics(1)
                .banditModel("m1", "squarecb", 8).banditModel("m2", "linucb", 8);
            Topics topics = fixture.topics();
            try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties());
                 IdLedger dead = new IdLedger(broker.clientProperties(), topics.deadLetters(),
                     bytes -> WireCodec.of(DeadLetter.class).decode(bytes).getReason() + ":" + offsetOf(bytes))) {
                try (RegretlessApp app = new RegretlessApp(fixture.properties())) {
                    app.start(Duration.ofMinutes(2));
                    play(producer, topics, "m1", 0, 10);
                    play(producer, topics, "m2", 0, 10);
                    await(() -> version(app, "m1") == 10 && version(app, "m2") == 10, "both models learn ten rewards");
                }

                fixture.modelSetting("m1", "learner", "linucb");
                try (RegretlessApp app = new RegretlessApp(fixture.properties())) {
                    app.start(Duration.ofMinutes(2));
                    await(() -> app.published().conflict("m1") != null, "m1's conflict is published");
                    assertTrue(app.published().conflict("m1").contains("squarecb-disjoint"), app.published().conflict("m1"));
                    play(producer, topics, "m1", 10, 13);
                    play(producer, topics, "m2", 10, 15);
                    await(() -> version(app, "m2") == 15, "m2 goes on learning");
                    dead.awaitAtLeast(3, WAIT, () -> "");
                    assertEquals(3, dead.counts().keySet().stream().filter(k -> k.startsWith("MODEL_STATE_CONFLICT")).count(),
                        "m1's three requests are dead-lettered: " + dead.counts());
                    assertEquals(KafkaStreams.State.RUNNING, app.streams().state(), "the application goes on");

                    Path file = fixture.store(dir.resolve("changed.properties"));
                    assertEquals(0, Main.commandLine().execute("models", "reset", "m1", "--config", file.toString(),
                        "--reason", "learner changed to linucb"));
                    await(() -> app.published().conflict("m1") == null, "the reset withdraws the conflict");
                    play(producer, topics, "m1", 20, 25);
                    await(() -> version(app, "m1") == 5, "m1 starts again from its prior as linucb");
                    assertEquals("linucb-disjoint", app.published().get("m1").config().learnerName());
                }
            }
        }
    }

    static long offsetOf(byte[] letter) {
        return WireCodec.of(DeadLetter.class).decode(letter).getOffset();
    }

    static long version(RegretlessApp app, String model) {
        return app.published().get(model) == null ? -1 : app.published().get(model).version();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress for " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Requests {@code from}..{@code to - 1} of a model and a reward for each. */
    void play(ReplayProducer producer, Topics topics, String model, int from, int to) {
        for (int i = from; i < to; i++) {
            String id = model + "-" + i;
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            long requested = clock++;
            long rewarded = clock++;
            producer.send(topics.requests(), key, REQUESTS.encode(new DecisionRequest(id, model, requested,
                Map.of("x", 1.0 * i), List.of(new Action("a", Map.of()), new Action("b", Map.of()))), WireFormat.AVRO),
                requested);
            producer.send(topics.rewards(), key, REWARDS.encode(new Reward(id, model, 1.0, rewarded), WireFormat.AVRO),
                rewarded);
        }
        producer.flush();
    }
}
