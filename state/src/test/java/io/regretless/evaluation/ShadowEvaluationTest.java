package io.regretless.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.BanditState;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.codec.RidgeStatisticsCodec;
import io.regretless.codec.ShadowEvaluationCodec;
import io.regretless.schemas.Action;
import io.regretless.schemas.state.LinearBanditState;

/**
 * Shadow evaluation scores each logged round with every candidate's probabilities before the
 * candidate learns from it, with the plain estimators; and a restored evaluation continues bit for
 * bit.
 */
class ShadowEvaluationTest {
    static final BanditConfig DEPLOYED = new BanditConfig(LearnerKind.EPSILON_GREEDY, false, 16, 1.0, 0.2, 11L, 8);
    static final String CANDIDATES = "linucb:alpha=0.5,lints,squarecb:shared=true,egreedy:epsilon=0.05,uniform,deployed";

    static ShadowEvaluation.Setup setup() {
        return new ShadowEvaluation.Setup(DEPLOYED, CandidateSpec.parseList(CANDIDATES), 0.0, 1.0, 5.0);
    }

    /** A uniform log over three actions with features; the reward is Bernoulli, best action depends on x. */
    static List<LoggedChoice> log(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LoggedChoice> rounds = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            double x = random.nextDouble();
            Map<String, Double> context = new LinkedHashMap<>();
            context.put("x", x);
            context.put("y", random.nextDouble() - 0.5);
            List<Action> actions = List.of(new Action("a", Map.of("f", 1.0)), new Action("b", Map.of("f", -1.0)),
                new Action("c", Map.of()));
            int chosen = random.nextInt(3);
            double mean = chosen == 0 ? x : chosen == 1 ? 1 - x : 0.3;
            double reward = random.nextDouble() < mean ? 1.0 : 0.0;
            rounds.add(new LoggedChoice("r" + t, context, actions, chosen, 1.0 / 3, reward));
        }
        return rounds;
    }

    @Test
    void eachRoundIsScoredWithTheProbabilitiesOfTheCandidateBeforeItLearnsIt() {
        ShadowEvaluation.Setup setup = setup();
        ShadowEvaluation evaluation = ShadowEvaluation.start(setup);
        List<CandidateSpec> specs = setup.candidates();
        // the same thing by hand: a learner per candidate, the reward model, the five estimators
        List<ContextualBandit> learners = new ArrayList<>();
        List<PolicyEstimates> expected = new ArrayList<>();
        for (CandidateSpec spec : specs) {
            BanditConfig config = spec.resolve(DEPLOYED);
            learners.add(config == null ? null : LinearBandits.create(config));
            expected.add(PolicyEstimates.empty(5.0));
        }
        RidgeRewardModel rewardModel = new RidgeRewardModel(16, 1.0, 0.0, 1.0);
        BanditConfig disjoint = DEPLOYED;
        BanditConfig shared = new BanditConfig(LearnerKind.EPSILON_GREEDY, true, 16, 1.0, 0.2, 11L, 8);
        int differentAfterLearning = 0;
        for (LoggedChoice round : log(3, 400)) {
            Candidates xd = CandidateEncoder.encode(round.context(), round.actions(), disjoint);
            Candidates xs = CandidateEncoder.encode(round.context(), round.actions(), shared);
            double[] q = rewardModel.predict(xd.actionIds(), xd.features());
            double[][] before = new double[specs.size()][];
            for (int i = 0; i < specs.size(); i++) {
                before[i] = probabilities(learners.get(i), specs.get(i), xd, xs, round.requestId());
                expected.set(i, expected.get(i).update(new LoggedRound(round.chosen(), round.propensity(), round.reward(),
                    before[i], q)));
            }
            double[][] scored = evaluation.score(round);
            for (int i = 0; i < specs.size(); i++) {
                assertArrayEquals(before[i], scored[i], specs.get(i).name() + " at " + round.requestId());
                ContextualBandit learner = learners.get(i);
                if (learner != null) {
                    BanditConfig config = specs.get(i).resolve(DEPLOYED);
                    learner.update(round.chosenAction().getId(),
                        (config.shared() ? xs : xd).features()[round.chosen()], round.reward());
                    double[] after = probabilities(learner, specs.get(i), xd, xs, round.requestId());
                    differentAfterLearning += java.util.Arrays.equals(after, before[i]) ? 0 : 1;
                }
            }
            rewardModel.update(round.chosenAction().getId(), xd.features()[round.chosen()], round.reward());
        }
        for (int i = 0; i < specs.size(); i++) {
            assertEquals(expected.get(i), evaluation.estimates(i), specs.get(i).name());
        }
        assertTrue(differentAfterLearning > 400, "learning a round changes some candidate's probabilities of it, so "
            + "the order is visible: " + differentAfterLearning);
        assertEquals(400, evaluation.rounds());
    }

    private static double[] probabilities(ContextualBandit learner, CandidateSpec spec, Candidates disjoint,
                                          Candidates shared, String requestId) {
        if (learner == null) {
            return new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3};
        }
        BanditConfig config = spec.resolve(DEPLOYED);
        return learner.choose(config.shared() ? shared : disjoint,
            DecisionRandomness.forRequest(config.seed(), "shadow:" + spec.name() + ":" + requestId)).probabilities();
    }

    @Test
    void onItsOwnUniformLogUniformHasWeightOneAndItsIpsIsTheMeanReward() {
        ShadowEvaluation evaluation = ShadowEvaluation.start(setup());
        double sum = 0;
        List<LoggedChoice> rounds = log(5, 300);
        for (LoggedChoice round : rounds) {
            evaluation.score(round);
            sum += round.reward();
        }
        ShadowEvaluation.CandidateEstimates uniform = evaluation.estimates().get(4);
        assertEquals("uniform", uniform.candidate());
        Estimate ips = uniform.estimate("ips");
        assertEquals(sum / rounds.size(), ips.value(), 1e-12);
        assertEquals(300.0, ips.effectiveSampleSize(), 1e-9);
        assertEquals(1.0, ips.maxWeight(), 1e-15);
        assertEquals(sum / rounds.size(), evaluation.rewards().mean(), 1e-12);
    }

    @Test
    void aRestoredEvaluationContinuesBitForBit() {
        ShadowEvaluation.Setup setup = setup();
        List<LoggedChoice> rounds = log(7, 300);
        ShadowEvaluation whole = ShadowEvaluation.start(setup);
        rounds.forEach(whole::score);

        // snapshot after 120 rounds, estimates after 200, the 80 in between journaled and learned again
        ShadowEvaluation first = ShadowEvaluation.start(setup);
        List<LinearBanditState> learners = new ArrayList<>();
        Map<String, io.regretless.schemas.state.RidgeRegressionState> rewardModel = new LinkedHashMap<>();
        for (int t = 0; t < 200; t++) {
            first.score(rounds.get(t));
            if (t == 119) {
                for (int i = 0; i < first.candidateCount(); i++) {
                    learners.add(stored(first.learnerState(i, "m")));
                }
                first.rewardModelState().forEach((action, model) -> rewardModel.put(action,
                    RidgeStatisticsCodec.toAvro(model)));
            }
        }
        var state = ShadowEvaluationCodec.toState("m", first, 99L, 200, 120);
        ShadowEvaluation restored = ShadowEvaluationCodec.restore(setup, state, learners, rewardModel);
        for (int t = 120; t < 200; t++) {
            restored.learn(rounds.get(t).context(), rounds.get(t).chosenAction(), rounds.get(t).reward());
        }
        for (int t = 200; t < 300; t++) {
            restored.score(rounds.get(t));
        }
        assertEquals(whole.rounds(), restored.rounds());
        assertEquals(whole.rewards(), restored.rewards());
        for (int i = 0; i < whole.candidateCount(); i++) {
            assertEquals(whole.estimates(i), restored.estimates(i), whole.name(i));
            assertEquals(whole.learnerState(i, "m"), restored.learnerState(i, "m"), whole.name(i));
        }
        assertEquals(whole.rewardModelState(), restored.rewardModelState());
    }

    @Test
    void aStateWrittenWithAnotherSetupIsNotContinued() {
        ShadowEvaluation evaluation = ShadowEvaluation.start(setup());
        log(1, 5).forEach(evaluation::score);
        var state = ShadowEvaluationCodec.toState("m", evaluation, 1L, 5, 5);
        ShadowEvaluation.Setup other = new ShadowEvaluation.Setup(DEPLOYED, CandidateSpec.parseList("linucb,uniform"),
            0.0, 1.0, 5.0);
        assertNotEquals(setup().description(), other.description());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> ShadowEvaluationCodec.restore(other, state, List.of(), Map.of()));
    }

    @Test
    void aCandidateThatWouldNeedMoreArmsThanTheModelKeepsItsArms() {
        BanditConfig small = new BanditConfig(LearnerKind.LINUCB, false, 8, 1.0, 1.0, 1L, 2);
        ShadowEvaluation evaluation = ShadowEvaluation.start(new ShadowEvaluation.Setup(small,
            CandidateSpec.parseList("deployed"), 0.0, 1.0, 5.0));
        for (LoggedChoice round : log(9, 60)) {
            evaluation.score(round);
        }
        assertEquals(2, evaluation.learnerState(0, "m").arms().size());
        assertEquals(2, evaluation.rewardModelState().size());
        assertEquals(60, evaluation.rounds());
    }

    /** A learner as stored; null for a policy without one. */
    private static LinearBanditState stored(BanditState learner) {
        return learner == null ? null : LinearBanditCodec.toAvro(learner);
    }
}
