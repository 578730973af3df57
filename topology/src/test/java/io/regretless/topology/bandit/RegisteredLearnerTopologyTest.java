package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBanditCodec;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.PublishedBandit;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.schemas.Action;
import io.regretless.schemas.CandidateEvaluation;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.ConfigReport;

/**
 * A linear learner the topology has never heard of ({@link GreedyOnMeans}, registered with one line
 * in test code) is configured by its wire name, refused and suggested like a built-in one, decides
 * on the stream and in a local decider alike, learns, is published and restored bit for bit, and
 * serves as a shadow candidate: nothing outside the learners' module names it.
 */
class RegisteredLearnerTopologyTest {
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<PolicyEvaluation> EVALUATIONS = WireCodec.of(PolicyEvaluation.class);
    static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);
    static final int DIMENSION = 8;

    BanditDriver d;

    static Properties properties() {
        assertEquals("greedy", GreedyOnMeans.KIND.shortName(), "registered before the configuration is read");
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "t");
        props.put("regretless.models", "checkout");
        props.put("regretless.model.checkout.learner", "greedy");
        props.put("regretless.model.checkout.dimension", Integer.toString(DIMENSION));
        props.put("regretless.model.checkout.shadows", "greedy,uniform");
        props.put("regretless.model.checkout.shadows.publish.every", "10");
        return props;
    }

    @BeforeEach
    void start() {
        d = new BanditDriver(properties());
    }

    @AfterEach
    void stop() {
        d.close();
    }

    static DecisionRequest request(String id) {
        List<Action> actions = new ArrayList<>();
        for (String arm : new String[] {"red", "green", "blue"}) {
            actions.add(new Action(arm, Map.of()));
        }
        return new DecisionRequest(id, "checkout", 0L, Map.of("age", 0.5), actions);
    }

    Decision decide(DecisionRequest r, long time) {
        d.requests.pipeInput(r.getRequestId().getBytes(StandardCharsets.UTF_8), REQUESTS.encode(r, WireFormat.JSON), time);
        return DECISIONS.decode(d.decisions.readValue());
    }

    static double[] features(LearningUpdate update) {
        double[] x = new double[DIMENSION];
        update.getFeatures().duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(x);
        return x;
    }

    @Test
    void theRegisteredLearnerIsConfiguredByItsNameAndRefusedLikeABuiltInOne() {
        assertSame(GreedyOnMeans.KIND, d.config.models().get("checkout").bandit().kind());
        String typo = onlyError("regretless.model.checkout.learner", "greedi");
        assertTrue(typo.contains(", greedy (did you mean greedy?)"), typo);
        assertEquals("regretless.model.checkout.exploration does not apply to greedy, which has no exploration parameter",
            onlyError("regretless.model.checkout.exploration", "0.1"));
        assertTrue(onlyError("regretless.model.checkout.shadows", "greedy:alpha=1").contains(
            "'alpha' is linucb's exploration; greedy has none"));
    }

    /** The one error of this test's configuration with {@code key} set to {@code value}. */
    static String onlyError(String key, String value) {
        Properties props = properties();
        props.put("application.id", "app");
        props.put("bootstrap.servers", "broker:9092");
        props.put(key, value);
        ConfigReport report = ConfigReport.check(props);
        assertEquals(1, report.errors().size(), report.errors().toString());
        return report.errors().get(0).message();
    }

    @Test
    void decidesLearnsThePayingActionIsPublishedAndShadowEvaluated() {
        ContextualBandit offline = LinearBandits.create(d.config.models().get("checkout").bandit());
        RequestDecider local = new RequestDecider();
        for (int i = 0; i < 60; i++) {
            DecisionRequest r = request("r" + i);
            Decision decision = decide(r, 1_000L + i);
            // until the first publication the stream decides uniformly, as a local decider without a model does
            assertEquals(i < 10 ? "uniform" : "greedy-disjoint", decision.getLearner());
            assertEquals(decision, local.decide(r, d.published.get("checkout")), "stream and local decider, request " + i);
            // only green pays: greedy tries the actions tied at 0 until it meets green, then keeps it
            double value = decision.getChosenActionId().equals("green") ? 1.0 : 0.0;
            d.rewards.pipeInput(r.getRequestId().getBytes(StandardCharsets.UTF_8),
                REWARDS.encode(new Reward(r.getRequestId(), "checkout", value, 1_000L + i), WireFormat.JSON), 1_000L + i);
            LearningUpdate update = UPDATES.decode(d.updates.readValue());
            offline.update(update.getActionId(), features(update), value, 1.0);
            if (i % 10 == 9) {
                assertEquals(1, d.publish(), "the changed model is published");
            }
        }
        assertTrue(d.deadLetters.isEmpty());
        Decision later = decide(request("after"), 5_000L);
        assertEquals("green", later.getChosenActionId(), "the paying action is learned: " + later);
        assertEquals(1.0, later.getPropensity());

        PublishedBandit published = d.published.get("checkout");
        assertEquals(60L, published.version());
        byte[] stored = d.storedModel("checkout");
        assertArrayEquals(LinearBanditCodec.encode(offline, "checkout"), stored,
            "the model is the one a fresh learner reaches from the same updates");
        assertArrayEquals(stored, LinearBanditCodec.encode(published.learner(), "checkout"),
            "the published bytes restore the learner bit for bit");

        List<PolicyEvaluation> evaluations = new ArrayList<>();
        d.evaluations.readValuesToList().forEach(v -> evaluations.add(EVALUATIONS.decode(v)));
        assertEquals(6, evaluations.size(), "one evaluation per 10 feedback records");
        CandidateEvaluation greedy = evaluations.get(5).getCandidates().stream()
            .filter(c -> c.getCandidate().equals("greedy")).findFirst().orElseThrow();
        assertEquals("greedy-disjoint lambda=1.0 seed=42", greedy.getPolicy());
    }
}
