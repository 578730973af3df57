package io.regretless.connectors.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regretless.connectors.client.DecisionPort;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

class BanditReplayTest {
    private static final int ROWS = 10;
    /** 10 rows, labels row % 3, one non-zero feature per row except row 0. */
    private static final ClassificationBandit SMALL = new ClassificationBandit(LabelledDataset.of(
        IntStream.range(0, ROWS).mapToObj(i -> new double[] {i, 0}).toArray(double[][]::new),
        IntStream.range(0, ROWS).map(i -> i % 3).toArray()));
    private static final ReplaySettings BASE = ReplaySettings.defaults().withRewardDelay(4).withMaxInFlight(8)
        .withSeed(42).withProgressInterval(Duration.ZERO);

    /** Always right on model "good", always wrong on model "bad", right from pass 1 on for "late". */
    private static final FakePort.Learner ORACLE = request -> {
        Id id = Id.parse(request.getRequestId());
        String correct = SMALL.correctAction(id.row);
        boolean right = switch (request.getModelId()) {
            case "good" -> true;
            case "late" -> id.pass >= 1;
            default -> false;
        };
        return right ? correct : request.getActions().stream().map(a -> a.getId())
            .filter(a -> !a.equals(correct)).findFirst().orElseThrow();
    };

    @Test
    void passOrderIsASeededPermutationOfItsOwnPerPass() {
        int[] order = BanditReplay.passOrder(100, 7, 0);
        assertArrayEquals(IntStream.range(0, 100).toArray(), Arrays.stream(order).sorted().toArray());
        assertArrayEquals(order, BanditReplay.passOrder(100, 7, 0));
        assertFalse(Arrays.equals(order, BanditReplay.passOrder(100, 7, 1)), "each pass is shuffled anew");
        assertFalse(Arrays.equals(order, BanditReplay.passOrder(100, 8, 0)), "the seed matters");
        assertFalse(Arrays.equals(IntStream.range(0, 100).toArray(), order), "shuffled");
        assertArrayEquals(new int[0], BanditReplay.passOrder(0, 7, 0));
        // pinned: java.util.Random is specified, so the order is the same on every JVM
        assertArrayEquals(new int[] {0, 4, 1, 2, 7, 8, 9, 5, 3, 6}, BanditReplay.passOrder(10, 42, 0));
    }

    @Test
    void everyModelGetsTheSameRowsInTheSeededOrderWithUniqueIds() throws InterruptedException {
        FakePort port = FakePort.synchronous(ORACLE);
        new BanditReplay(port, SMALL, BASE.withPasses(3)).run(List.of("good", "bad"));
        List<Integer> expected = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            Arrays.stream(BanditReplay.passOrder(ROWS, 42, pass)).forEach(expected::add);
        }
        Map<String, List<Integer>> rowsByModel = new HashMap<>();
        for (DecisionRequest request : port.requests) {
            rowsByModel.computeIfAbsent(request.getModelId(), m -> new ArrayList<>()).add(Id.parse(request.getRequestId()).row);
        }
        assertEquals(expected, rowsByModel.get("good"));
        assertEquals(expected, rowsByModel.get("bad"));
        assertEquals(60, port.requests.size());
        assertEquals(60, new HashSet<>(port.requests.stream().map(DecisionRequest::getRequestId).toList()).size());
        assertEquals("good", port.requests.get(0).getModelId(), "models interleave in the order given");
        assertEquals("bad", port.requests.get(1).getModelId());
        DecisionRequest first = port.requests.get(0);
        assertEquals(BanditReplay.requestId("good", 0, expected.get(0)), first.getRequestId());
        assertEquals(SMALL.request(expected.get(0), first.getRequestId(), "good", first.getTimestamp()), first);
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentOrder() throws InterruptedException {
        List<String> first = requestIds(BASE);
        assertEquals(first, requestIds(BASE));
        assertNotEquals(first, requestIds(BASE.withSeed(43)));
    }

    @ParameterizedTest(name = "delay {0}, in flight {1}, async {2}")
    @CsvSource({"4, 8, false", "0, 1, false", "1, 3, false", "25, 2, false", "1000, 1000, false",
        "4, 8, true", "0, 3, true", "7, 2, true", "3, 50, true"})
    void eachRewardFollowsRewardDelayFurtherRequestsOfItsModel(int delay, int maxInFlight, boolean async)
            throws InterruptedException {
        int passes = 2;
        try (FakePort port = async ? FakePort.asynchronous(ORACLE, 300) : FakePort.synchronous(ORACLE)) {
            List<ReplayResult> results = assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                new BanditReplay(port, SMALL, BASE.withPasses(passes).withRewardDelay(delay).withMaxInFlight(maxInFlight))
                    .run(List.of("good", "bad", "late")));
            assertTrue(port.maxOutstanding.get() <= maxInFlight, "at most " + maxInFlight + " decisions outstanding, saw "
                + port.maxOutstanding.get());
            int perModel = passes * ROWS;
            for (String model : List.of("good", "bad", "late")) {
                List<String> sent = new ArrayList<>();   // this model's request ids in send order
                Map<String, Integer> rewardedAfter = new HashMap<>(); // request id -> further requests sent before its reward
                List<String> rewardOrder = new ArrayList<>();
                for (String event : port.log) {
                    String requestId = event.split(" ")[1];
                    if (!Id.parse(requestId).model.equals(model)) {
                        continue;
                    }
                    if (event.startsWith("D ")) {
                        sent.add(requestId);
                    } else {
                        assertTrue(sent.contains(requestId), "reward after its request");
                        assertEquals(null, rewardedAfter.put(requestId, sent.size() - 1 - sent.indexOf(requestId)),
                            "one reward per request");
                        rewardOrder.add(requestId);
                    }
                }
                assertEquals(perModel, sent.size());
                assertEquals(sent, rewardOrder, "rewards in request order");
                for (int s = 0; s < perModel; s++) {
                    int further = rewardedAfter.get(sent.get(s));
                    int expected = Math.min(delay, perModel - 1 - s);
                    String what = "further requests of " + model + " before the reward of its request #" + s;
                    if (async) { // at least the delay, at most the delay plus what can be in flight
                        assertTrue(further >= expected && further <= delay + maxInFlight - 1, what + ": " + further);
                    } else {     // decisions come at once: exactly the delay
                        assertEquals(expected, further, what);
                    }
                }
            }
            assertEquals(1.0, results.get(0).average());
            assertEquals(0.0, results.get(1).average());
            assertEquals(0.5, results.get(2).average());
        }
    }

    @Test
    void accountsRewardsOverallPerPassAndOnACurve() throws InterruptedException {
        FakePort port = FakePort.synchronous(ORACLE);
        List<ReplayResult> results = new BanditReplay(port, SMALL, BASE.withPasses(3).withCurvePoints(4))
            .run(List.of("late", "good"));
        ReplayResult late = results.get(0);
        assertEquals("late", late.modelId());
        assertEquals(30, late.decisions());
        assertEquals(20.0, late.totalReward());
        assertEquals(2.0 / 3, late.average(), 1e-12);
        assertEquals(1.0, late.lastPassAverage());
        assertEquals(List.of(0.0, 1.0, 1.0), late.passAverages());
        // ceil(30 / 4) = 8: points at 8, 16, 24 and the end
        assertEquals(List.of(new ReplayResult.Point(8, 0.0), new ReplayResult.Point(16, 6.0 / 16),
            new ReplayResult.Point(24, 14.0 / 24), new ReplayResult.Point(30, 20.0 / 30)), late.curve());
        ReplayResult good = results.get(1);
        assertEquals(List.of(1.0, 1.0, 1.0), good.passAverages());
        assertEquals(late.wallTime(), good.wallTime());
        assertTrue(late.maxRewardLag().compareTo(late.wallTime()) <= 0);
        // the reward values sent are those accounted
        assertEquals(50.0, port.rewards.stream().mapToDouble(Reward::getValue).sum());
        assertTrue(new BanditReplay(port, SMALL, BASE.withCurvePoints(0)).run(List.of("x")).get(0).curve().isEmpty());
    }

    @Test
    void reportsProgressWithRunningAverages() throws InterruptedException {
        List<ReplayProgress> reports = new ArrayList<>();
        List<ReplayResult> results = new BanditReplay(FakePort.synchronous(ORACLE), SMALL, BASE.withPasses(2))
            .run(List.of("good", "late"), reports::add);
        assertEquals(40, reports.size(), "interval 0: after every decision, the last one once");
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(i + 1, reports.get(i).done());
            assertEquals(40, reports.get(i).total());
            assertEquals(List.of("good", "late"), List.copyOf(reports.get(i).averages().keySet()));
        }
        assertTrue(reports.get(0).averages().get("late").isNaN(), "no decision of the second model yet");
        ReplayProgress last = reports.get(reports.size() - 1);
        assertEquals(1.0, last.fraction());
        assertEquals(results.get(0).average(), last.averages().get("good"));
        assertEquals(results.get(1).average(), last.averages().get("late"));

        List<ReplayProgress> sparse = new ArrayList<>();
        new BanditReplay(FakePort.synchronous(ORACLE), SMALL, BASE.withProgressInterval(Duration.ofHours(1)))
            .run(List.of("good"), sparse::add);
        assertEquals(1, sparse.size(), "only the final report within the interval");
        assertEquals(10, sparse.get(0).done());
    }

    @Test
    void stampsRequestsAndRewardsWithTheClock() throws InterruptedException {
        FakePort port = FakePort.synchronous(ORACLE);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
        new BanditReplay(port, SMALL, BASE, clock).run(List.of("good"));
        assertTrue(port.requests.stream().allMatch(r -> r.getTimestamp() == 1_700_000_000_000L));
        assertTrue(port.rewards.stream().allMatch(r -> r.getTimestamp() == 1_700_000_000_000L && r.getModelId().equals("good")));
    }

    @Test
    void aFailedDecisionAbortsTheRunNamingTheRequest() {
        FakePort port = FakePort.synchronous(ORACLE);
        String victim = BanditReplay.requestId("bad", 0, BanditReplay.passOrder(ROWS, 42, 0)[5]);
        port.decisionFailure = r -> r.getRequestId().equals(victim) ? new TimeoutException("no decision in time") : null;
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new BanditReplay(port, SMALL, BASE).run(List.of("good", "bad")));
        assertTrue(e.getMessage().contains(victim), e.getMessage());
        assertInstanceOf(TimeoutException.class, e.getCause());
    }

    @Test
    void aFailedRewardAbortsTheRun() {
        FakePort port = FakePort.synchronous(ORACLE);
        port.rewardFailure = r -> new IllegalStateException("broker gone");
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new BanditReplay(port, SMALL, BASE).run(List.of("good")));
        assertTrue(e.getMessage().contains("reward"), e.getMessage());
        assertEquals("broker gone", e.getCause().getMessage());
    }

    @Test
    void aDecisionForAnotherRequestIsAnError() {
        DecisionPort wrong = new DecisionPort() {
            @Override
            public CompletableFuture<Decision> decide(DecisionRequest request) {
                return CompletableFuture.completedFuture(FakePort.decision(
                    new DecisionRequest("other-0-0", request.getModelId(), 0L, Map.of(), request.getActions()), "0"));
            }

            @Override
            public CompletableFuture<Void> reward(Reward reward) {
                return CompletableFuture.completedFuture(null);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new BanditReplay(wrong, SMALL, BASE).run(List.of("good")));
        assertTrue(e.getMessage().contains("answers request"), e.getMessage());
    }

    @Test
    void rejectsBadModelLists() {
        BanditReplay replay = new BanditReplay(FakePort.synchronous(ORACLE), SMALL, BASE);
        assertThrows(IllegalArgumentException.class, () -> replay.run(List.of()));
        assertThrows(IllegalArgumentException.class, () -> replay.run(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> replay.run(List.of(" ")));
        assertThrows(IllegalArgumentException.class, () -> BASE.withPasses(0));
        assertThrows(IllegalArgumentException.class, () -> BASE.withMaxInFlight(0));
        assertThrows(IllegalArgumentException.class, () -> BASE.withRewardDelay(-1));
    }

    @Test
    void aLearnerFedOnlyDelayedBanditFeedbackLearnsTheDigits() throws IOException, InterruptedException {
        ClassificationBandit digits = new ClassificationBandit(LabelledDataset.readCsv(TestData.digits()).dividedBy(16));
        ReplaySettings settings = ReplaySettings.defaults().withPasses(3).withSeed(1).withRewardDelay(50);
        List<ReplayResult> results = new BanditReplay(FakePort.synchronous(new EpsilonGreedyLinear(0.05, 11)), digits, settings)
            .run(List.of("linear", "other-linear"));
        ReplayResult linear = results.get(0);
        assertEquals(3 * 1797, linear.decisions());
        assertTrue(linear.lastPassAverage() > 0.8, "last pass " + linear.passAverages());
        assertTrue(linear.passAverages().get(0) < linear.lastPassAverage(), "improves: " + linear.passAverages());
        assertEquals(linear.average(), linear.curve().get(linear.curve().size() - 1).average(), 1e-12);

        FakePort.Learner uniform = new FakePort.Learner() {
            final Random random = new Random(3);

            @Override
            public String choose(DecisionRequest request) {
                return request.getActions().get(random.nextInt(request.getActions().size())).getId();
            }
        };
        double chance = new BanditReplay(FakePort.synchronous(uniform), digits, settings).run(List.of("uniform")).get(0).average();
        assertEquals(0.1, chance, 0.02, "a uniform policy earns about 1/K");
    }

    private static List<String> requestIds(ReplaySettings settings) throws InterruptedException {
        FakePort port = FakePort.synchronous(ORACLE);
        new BanditReplay(port, SMALL, settings.withPasses(2)).run(List.of("good", "bad"));
        return port.requests.stream().map(DecisionRequest::getRequestId).toList();
    }

    /** The parts of a replay request id, parsed from the right (model ids may contain '-'). */
    private record Id(String model, int pass, int row) {
        static Id parse(String requestId) {
            int rowDash = requestId.lastIndexOf('-');
            int passDash = requestId.lastIndexOf('-', rowDash - 1);
            return new Id(requestId.substring(0, passDash), Integer.parseInt(requestId.substring(passDash + 1, rowDash)),
                Integer.parseInt(requestId.substring(rowDash + 1)));
        }
    }

    /**
     * Disjoint linear reward regression per action on dense pixels, normalised LMS updates, epsilon-greedy:
     * learns only from the rewards it is sent, matched to its decisions by request id.
     */
    private static final class EpsilonGreedyLinear implements FakePort.Learner {
        private final double epsilon;
        private final Random random;
        private final Map<String, double[][]> weights = new HashMap<>();
        private final Map<String, double[]> contexts = new HashMap<>();
        private final Map<String, Integer> chosen = new HashMap<>();

        EpsilonGreedyLinear(double epsilon, long seed) {
            this.epsilon = epsilon;
            this.random = new Random(seed);
        }

        @Override
        public String choose(DecisionRequest request) {
            double[] x = new double[65];
            x[64] = 1;
            request.getContext().forEach((name, value) -> x[Integer.parseInt(name.substring(1))] = value);
            double[][] w = weights.computeIfAbsent(request.getModelId(), m -> new double[request.getActions().size()][65]);
            int best = 0;
            if (random.nextDouble() < epsilon) {
                best = random.nextInt(w.length);
            } else {
                for (int a = 1; a < w.length; a++) {
                    if (dot(w[a], x) > dot(w[best], x)) {
                        best = a;
                    }
                }
            }
            contexts.put(request.getRequestId(), x);
            chosen.put(request.getRequestId(), best);
            return request.getActions().get(best).getId();
        }

        @Override
        public void learn(Reward reward) {
            double[] x = contexts.remove(reward.getRequestId());
            double[] w = weights.get(reward.getModelId())[chosen.remove(reward.getRequestId())];
            double step = 0.5 * (reward.getValue() - dot(w, x)) / dot(x, x);
            for (int j = 0; j < x.length; j++) {
                w[j] += step * x[j];
            }
        }

        private static double dot(double[] a, double[] b) {
            double sum = 0;
            for (int j = 0; j < a.length; j++) {
                sum += a[j] * b[j];
            }
            return sum;
        }
    }
}
