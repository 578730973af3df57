package io.regretless.topology.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.regretless.evaluation.LoggedChoice;
import io.regretless.evaluation.ShadowEvaluation;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.PolicyEstimate;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.bandit.BanditDriver;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.metrics.Counters;

/**
 * The evaluation sub-topology on {@link org.apache.kafka.streams.TopologyTestDriver}: every feedback
 * record of a model with shadow policies is scored by the candidates before they learn it, with
 * exactly the estimates of the plain-Java {@link ShadowEvaluation} fed the same rounds; records that
 * an estimator must not use are dead-lettered with their reason and change nothing.
 */
class EvaluationTopologyTest {
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<PolicyEvaluation> EVALUATIONS = WireCodec.of(PolicyEvaluation.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final String CANDIDATES = "linucb,lints:v=0.2,squarecb:shared=true,egreedy:epsilon=0.05,uniform,deployed";

    BanditDriver d;

    static Properties app(int publishEvery) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "m1,m2");
        props.put("regretless.model.m1.learner", "egreedy");
        props.put("regretless.model.m1.exploration", "0.3");
        props.put("regretless.model.m1.dimension", "16");
        props.put("regretless.model.m1.max.arms", "4");
        props.put("regretless.model.m1.attribution.window.ms", "10000");
        props.put("regretless.model.m1.shadows", CANDIDATES);
        props.put("regretless.model.m1.shadows.publish.every", Integer.toString(publishEvery));
        props.put("regretless.model.m2.learner", "linucb");
        props.put("regretless.model.m2.dimension", "8");
        return props;
    }

    @AfterEach
    void stop() {
        if (d != null) {
            d.close();
        }
    }

    /** A logged decision over a, b, c with a random logging distribution; reward Bernoulli, best action depends on x. */
    static Feedback feedback(String model, int i, SplittableRandom random) {
        double x = random.nextDouble();
        List<Action> actions = List.of(new Action("a", Map.of("f", 1.0)), new Action("b", Map.of()),
            new Action("c", Map.of("f", -1.0)));
        double[] p = new double[3];
        double sum = 0;
        for (int a = 0; a < 3; a++) {
            p[a] = 0.2 + random.nextDouble();
            sum += p[a];
        }
        List<ActionProbability> probabilities = new ArrayList<>();
        double draw = random.nextDouble() * sum;
        int chosen = 2;
        double cumulative = 0;
        for (int a = 0; a < 3; a++) {
            cumulative += p[a];
            if (chosen == 2 && draw < cumulative) {
                chosen = a;
            }
        }
        for (int a = 0; a < 3; a++) {
            probabilities.add(new ActionProbability(actions.get(a).getId(), p[a] / sum));
        }
        double mean = chosen == 0 ? x : chosen == 1 ? 0.4 : 1 - x;
        double reward = random.nextDouble() < mean ? 1.0 : 0.0;
        String id = model + "-r" + i;
        DecisionRequest request = new DecisionRequest(id, model, 1_000L + i, Map.of("x", x), actions);
        Decision decision = new Decision(id, model, actions.get(chosen).getId(), p[chosen] / sum, probabilities, 0L,
            "test-logger", 1_000L + i);
        return new Feedback(request, decision, reward, true, 1_000L + i);
    }

    void pipe(Feedback f, WireFormat format) {
        pipe(f.getDecision().getModelId(), FEEDBACK.encode(f, format), f.getRewardTimestamp());
    }

    void pipe(String key, byte[] value, long timestamp) {
        d.feedbackIn.pipeInput(key.getBytes(StandardCharsets.UTF_8), value, timestamp);
    }

    List<PolicyEvaluation> published() {
        List<PolicyEvaluation> out = new ArrayList<>();
        d.evaluations.readValuesToList().forEach(v -> out.add(EVALUATIONS.decode(v)));
        return out;
    }

    ShadowEvaluation plain() {
        ModelConfig m1 = d.config.models().get("m1");
        return ShadowEvaluation.start(m1.shadows().setup(m1.bandit()));
    }

    @Test
    void estimatesAreThoseOfThePlainEstimatorsFedTheSameRoundsPublishedEveryTenRounds() {
        d = new BanditDriver(app(10));
        SplittableRandom random = new SplittableRandom(1);
        ShadowEvaluation expected = plain();
        List<PolicyEvaluation> expectedRecords = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Feedback f = feedback("m1", i, random);
            pipe(f, i % 2 == 0 ? WireFormat.JSON : WireFormat.AVRO);
            expected.score(LoggedChoice.of(f));
            if ((i + 1) % 10 == 0) {
                expectedRecords.add(PolicyEvaluations.of("m1", expected, f.getRewardTimestamp()));
            }
        }
        assertEquals(expectedRecords, published());
        assertEquals(PolicyEvaluations.of("m1", expected, 1_059L), PolicyEvaluations.fromStore(storedEvaluation("m1"),
            d.config.models().get("m1")), "the store holds the latest estimates, which /models/{id}/evaluation shows");
        PolicyEvaluation last = expectedRecords.get(5);
        assertEquals(60L, last.getRounds());
        assertEquals(List.of("linucb", "lints:v=0.2", "squarecb:shared=true", "egreedy:epsilon=0.05", "uniform",
            "deployed"), last.getCandidates().stream().map(c -> c.getCandidate()).toList());
        assertEquals("egreedy-disjoint epsilon=0.3 lambda=1.0 seed=42", last.getCandidates().get(5).getPolicy());
        assertTrue(d.deadLetters.isEmpty());
    }

    @Test
    void theFirstRoundIsScoredBeforeTheCandidateLearnsIt() {
        d = new BanditDriver(app(1));
        // a fresh LinUCB ties every action: 1/3 each. Had it learned the reward 1 of 'b' first, it would put 1 on 'b'.
        List<Action> actions = List.of(new Action("a", Map.of()), new Action("b", Map.of()), new Action("c", Map.of()));
        Feedback f = new Feedback(new DecisionRequest("r", "m1", 5L, Map.of("x", 1.0), actions),
            new Decision("r", "m1", "b", 0.5, List.of(new ActionProbability("a", 0.25), new ActionProbability("b", 0.5),
                new ActionProbability("c", 0.25)), 0L, "test-logger", 5L), 1.0, true, 5L);
        pipe(f, WireFormat.JSON);
        PolicyEvaluation first = published().get(0);
        PolicyEstimate ips = first.getCandidates().get(0).getEstimates().get(1);
        assertEquals("ips", ips.getEstimator());
        assertEquals((1.0 / 3) / 0.5, ips.getValue(), 1e-15);
        assertNull(ips.getLower(), "one round: the interval is unbounded");
        assertEquals(1.0, first.getAverageReward());
    }

    @Test
    void badFeedbackIsDeadLetteredWithItsReasonAndNeverReachesAnEstimator() {
        d = new BanditDriver(app(1_000));
        SplittableRandom random = new SplittableRandom(2);
        ShadowEvaluation expected = plain();
        List<String> reasons = new ArrayList<>();
        int good = 0;
        for (int i = 0; i < 40; i++) {
            Feedback f = feedback("m1", i, random);
            String reason = spoil(f, i % 10);
            if (reason == null) {
                expected.score(LoggedChoice.of(f));
                good++;
            } else {
                reasons.add(reason);
            }
            String key = i % 10 == 8 ? "elsewhere" : f.getDecision().getModelId();
            pipe(key, FEEDBACK.encode(f, WireFormat.AVRO), 1_000L + i);
        }
        pipe("m1", "not a record".getBytes(StandardCharsets.UTF_8), 2_000L);
        reasons.add("UNREADABLE");
        pipe(feedback("m2", 99, random), WireFormat.JSON);

        List<DeadLetter> letters = new ArrayList<>();
        d.deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
        assertEquals(reasons, letters.stream().map(DeadLetter::getReason).toList());
        for (DeadLetter letter : letters) {
            assertEquals(d.topics.feedback(), letter.getSourceTopic());
        }
        assertTrue(letters.get(0).getDetail().contains("/decision/propensity: 0.0 is outside (0, 1]"),
            letters.get(0).getDetail());
        assertTrue(letters.get(1).getDetail().contains("/decision/propensity: 1.5 is outside (0, 1]"),
            letters.get(1).getDetail());
        assertTrue(letters.get(3).getDetail().contains("is not the chosen action's probability"), letters.get(3).getDetail());
        PolicyEvaluation stored = PolicyEvaluations.fromStore(storedEvaluation("m1"), d.config.models().get("m1"));
        assertEquals(good, stored.getRounds(), "only the good records were scored");
        assertEquals(PolicyEvaluations.of("m1", expected, stored.getTimestamp()), stored);
        assertNull(storedEvaluation("m2"), "a model without shadow policies is not evaluated");
    }

    /** Spoils the record unless {@code kind} is 0 or 9 (8 is spoiled by its key); returns the reason it is refused for. */
    /** The model's stored evaluation state, or null. */
    private byte[] storedEvaluation(String modelId) {
        return d.driver.<String, byte[]>getKeyValueStore(EvaluationTopology.EVALUATIONS_STORE).get(modelId);
    }

    private static String spoil(Feedback f, int kind) {
        Decision decision = f.getDecision();
        switch (kind) {
            case 1 -> {
                decision.setPropensity(0.0);
                return "INVALID_RECORD";
            }
            case 2 -> {
                decision.setPropensity(1.5);
                return "INVALID_RECORD";
            }
            case 3 -> {
                decision.setPropensity(Double.NaN);
                return "NON_FINITE_NUMBER";
            }
            case 4 -> {
                decision.setPropensity(decision.getPropensity() * 0.9);
                return "INVALID_RECORD";
            }
            case 5 -> {
                List<ActionProbability> p = new ArrayList<>(decision.getProbabilities());
                p.remove(0);
                decision.setProbabilities(p);
                return "INVALID_RECORD";
            }
            case 6 -> {
                f.getDecision().setModelId("ghost");
                f.getRequest().setModelId("ghost");
                return "UNKNOWN_MODEL";
            }
            case 7 -> {
                f.setReward(Double.NaN);
                return "NON_FINITE_NUMBER";
            }
            case 8 -> {
                return "INVALID_RECORD";
            }
            default -> {
                return null;
            }
        }
    }

    @Test
    void theLoopsOwnFeedbackIsEvaluatedAndTheGaugesAreSet() {
        d = new BanditDriver(app(10));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            String id = "q" + i;
            DecisionRequest request = new DecisionRequest(id, "m1", 0L, Map.of("x", random.nextDouble()),
                List.of(new Action("a", Map.of()), new Action("b", Map.of()), new Action("c", Map.of())));
            d.requests.pipeInput(id.getBytes(StandardCharsets.UTF_8), REQUESTS.encode(request, WireFormat.AVRO), 100L + i);
            Decision decision = DECISIONS.decode(d.decisions.readValue());
            d.rewards.pipeInput(id.getBytes(StandardCharsets.UTF_8), REWARDS.encode(new Reward(id, "m1",
                decision.getChosenActionId().equals("a") ? 1.0 : 0.0, 100L + i), WireFormat.AVRO), 100L + i);
            if (i % 10 == 9) {
                d.publish();
            }
        }
        ShadowEvaluation expected = plain();
        List<byte[]> feedback = d.feedback.readValuesToList();
        assertEquals(30, feedback.size());
        feedback.forEach(v -> expected.score(LoggedChoice.of(FEEDBACK.decode(v))));
        List<PolicyEvaluation> published = published();
        assertEquals(3, published.size());
        assertEquals(PolicyEvaluations.of("m1", expected, published.get(2).getTimestamp()), published.get(2));
        assertTrue(d.deadLetters.isEmpty());

        PolicyEstimate dr = published.get(2).getCandidates().get(4).getEstimates().get(4);
        assertEquals("dr", dr.getEstimator());
        assertEquals(dr.getValue(), gauge("policy-value", "uniform", "dr"));
        assertEquals(dr.getLower(), gauge("policy-value-lower", "uniform", "dr"));
        assertEquals(dr.getUpper(), gauge("policy-value-upper", "uniform", "dr"));
    }

    private Double gauge(String name, String candidate, String estimator) {
        for (Map.Entry<MetricName, ? extends Metric> m : d.driver.metrics().entrySet()) {
            MetricName n = m.getKey();
            if (n.name().equals(name) && n.group().equals(Counters.GROUP) && candidate.equals(n.tags().get("candidate"))
                    && estimator.equals(n.tags().get("estimator")) && "m1".equals(n.tags().get("model"))) {
                return (Double) m.getValue().metricValue();
            }
        }
        assertNotNull(null, "no gauge " + name + " for " + candidate + "/" + estimator);
        return null;
    }
}
