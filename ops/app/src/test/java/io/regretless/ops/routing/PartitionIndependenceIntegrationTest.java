package io.regretless.ops.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.bandit.RidgeRegression;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.ArmModel;
import io.regretless.schemas.state.LinearBanditState;

/**
 * One model's rewards joined on four partitions (by request id) and learned by the one task that
 * owns the model give the model a single partition gives: the same updates, in another order, so
 * the same ridge solution within 1e-9 relative.
 */
class PartitionIndependenceIntegrationTest {
    static final int DECISIONS = 400;
    static final int DIMENSION = 8;
    static final Duration STALL = Duration.ofSeconds(90);

    @Test
    void aModelJoinedOnManyPartitionsIsTheModelOfOne(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            LinearBanditState one = learn(broker, dir, "one", 1);
            LinearBanditState many = learn(broker, dir, "many", 4);
            assertEquals(DECISIONS, one.getVersion());
            assertEquals(DECISIONS, many.getVersion());
            assertEquals(one.getArms().size(), many.getArms().size());
            SplittableRandom probes = new SplittableRandom(9);
            for (ArmModel arm : one.getArms()) {
                RidgeRegression a = RidgeRegression.fromState(arm.getModel());
                RidgeRegression b = RidgeRegression.fromState(many.getArms().stream()
                    .filter(other -> other.getActionId().equals(arm.getActionId())).findFirst().orElseThrow().getModel());
                assertEquals(a.observations(), b.observations(), arm.getActionId());
                double[] ta = a.coefficients();
                double[] tb = b.coefficients();
                for (int i = 0; i < DIMENSION; i++) {
                    assertTrue(Math.abs(ta[i] - tb[i]) <= 1e-9 * Math.max(1e-12, Math.abs(ta[i])),
                        arm.getActionId() + " θ" + i + ": " + ta[i] + " vs " + tb[i]);
                }
                for (int p = 0; p < 20; p++) {
                    double[] x = new double[DIMENSION];
                    for (int i = 0; i < DIMENSION; i++) {
                        x[i] = probes.nextDouble(-1, 1);
                    }
                    assertEquals(a.variance(x), b.variance(x), 1e-9 * a.variance(x), "x'A⁻¹x of " + arm.getActionId());
                }
            }
        }
    }

    /** Logs the same decisions and rewards for a model on {@code partitions} partitions; returns the learned model. */
    static LinearBanditState learn(EmbeddedKafkaBroker broker, Path dir, String prefix, int partitions) throws Exception {
        AppFixture fixture = AppFixture.on(broker, prefix, dir.resolve(prefix)).banditTopics(partitions)
            .banditModel("m", "linucb", DIMENSION);
        Topics topics = fixture.topics();
        WireCodec<LoggedDecision> logged = WireCodec.of(LoggedDecision.class);
        WireCodec<Reward> rewards = WireCodec.of(Reward.class);
        List<Action> actions = List.of(new Action("a", Map.of("p", 1.0)), new Action("b", Map.of("p", -1.0)),
            new Action("c", Map.of()));
        List<ActionProbability> uniform = actions.stream().map(a -> new ActionProbability(a.getId(), 1.0 / 3)).toList();
        try (RegretlessApp app = new RegretlessApp(fixture.properties());
             ReplayProducer producer = ReplayProducer.open(broker.clientProperties())) {
            app.start(Duration.ofMinutes(2));
            long now = System.currentTimeMillis();
            SplittableRandom random = new SplittableRandom(4);
            for (int i = 0; i < DECISIONS; i++) {
                String id = "r" + i;
                byte[] key = id.getBytes(StandardCharsets.UTF_8);
                String chosen = actions.get(i % 3).getId();
                DecisionRequest request = new DecisionRequest(id, "m", now + i,
                    Map.of("x", random.nextDouble(), "y", random.nextDouble(-1, 1)), actions);
                Decision decision = new Decision(id, "m", chosen, 1.0 / 3, uniform, 0L, "elsewhere", now + i);
                producer.send(topics.decisionLog(), key,
                    logged.encode(new LoggedDecision(request, decision, "local"), WireFormat.AVRO), now + i);
                producer.send(topics.rewards(), key,
                    rewards.encode(new Reward(id, "m", random.nextDouble(), now + i + 1), WireFormat.AVRO), now + i + 1);
            }
            producer.flush();
            long deadline = System.nanoTime() + STALL.toNanos();
            long last = -1;
            while (true) {
                List<LinearBanditState> models = RoutingIntegrationTest.storedModels(app);
                long version = models.isEmpty() ? 0 : models.get(0).getVersion();
                if (version >= DECISIONS) {
                    return models.get(0);
                }
                if (version != last) {
                    last = version;
                    deadline = System.nanoTime() + STALL.toNanos();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no progress for " + STALL.toSeconds() + " s: " + prefix + "'s model stays at version "
                        + version + " of " + DECISIONS);
                }
                Thread.sleep(200);
            }
        }
    }
}
