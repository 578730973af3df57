package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.regretless.schemas.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A synthetic linear problem: 5 actions, 7 context features plus a bias, Bernoulli rewards with
 * mean clamp(θ_aᵀx). Every learner must end up well above choosing uniformly at random.
 */
class LearningSanityTest {
    private static final int ACTIONS = 5;
    private static final int CONTEXT = 7;
    private static final int ROUNDS = 5_000;
    private static final int LAST = 1_000;

    static Stream<Arguments> learners() {
        return DecisionDistributionTest.learners();
    }

    @ParameterizedTest(name = "{0} shared={1}")
    @MethodSource("learners")
    void beatsUniformRandomClearly(LearnerKind kind, boolean shared) {
        // disjoint: the raw 8 features; shared: hashed context with action crosses
        int dimension = shared ? 128 : CONTEXT + 1;
        BanditConfig config = new BanditConfig(kind, shared, dimension, 1.0, exploration(kind), 9L, ACTIONS);
        ContextualBandit bandit = kind == LearnerKind.LINEAR_THOMPSON
            ? new LinearThompsonSampling(config, 8) // the logged estimate does not matter here
            : LinearBandits.create(config);
        SplittableRandom world = new SplittableRandom(2024L);
        double[][] theta = new double[ACTIONS][CONTEXT + 1];
        for (double[] t : theta) {
            t[0] = world.nextDouble(0.3, 0.7);
            for (int i = 1; i <= CONTEXT; i++) {
                t[i] = world.nextDouble(-0.3, 0.3);
            }
        }
        double learner = 0;
        double uniform = 0;
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            double[] context = new double[CONTEXT + 1];
            context[0] = 1;
            for (int i = 1; i <= CONTEXT; i++) {
                context[i] = world.nextDouble(-1, 1);
            }
            double[] mean = new double[ACTIONS];
            for (int a = 0; a < ACTIONS; a++) {
                double dot = 0;
                for (int i = 0; i <= CONTEXT; i++) {
                    dot += theta[a][i] * context[i];
                }
                mean[a] = Math.min(0.98, Math.max(0.02, dot));
            }
            Candidates candidates = shared ? encoded(context, config) : raw(context);
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(config.seed(), "t" + round));
            int a = choice.chosen();
            double reward = world.nextDouble() < mean[a] ? 1.0 : 0.0;
            bandit.update(candidates.actionIds()[a], candidates.features()[a], reward);
            if (round >= ROUNDS - LAST) {
                learner += mean[a] / LAST;
                double max = 0;
                for (double m : mean) {
                    uniform += m / ACTIONS / LAST;
                    max = Math.max(max, m);
                }
                best += max / LAST;
            }
        }
        String summary = String.format("%s: uniform %.3f, learner %.3f, best %.3f", bandit.learner(), uniform, learner, best);
        // the learners reach about 90% of the gap between uniform and the best action
        assertTrue(learner > uniform + 0.7 * (best - uniform), summary);
    }

    private static double exploration(LearnerKind kind) {
        return Map.of(LearnerKind.LINUCB, 0.5, LearnerKind.LINEAR_THOMPSON, 0.2, LearnerKind.SQUARECB, 2.0,
            LearnerKind.EPSILON_GREEDY, 0.05).getOrDefault(kind, kind.defaultExploration());
    }

    private static Candidates raw(double[] context) {
        String[] ids = new String[ACTIONS];
        double[][] features = new double[ACTIONS][];
        for (int a = 0; a < ACTIONS; a++) {
            ids[a] = "arm" + a;
            features[a] = context.clone();
        }
        return new Candidates(ids, features);
    }

    private static Candidates encoded(double[] context, BanditConfig config) {
        Map<String, Double> named = new TreeMap<>();
        for (int i = 1; i <= CONTEXT; i++) {
            named.put("f" + i, context[i]);
        }
        List<Action> actions = new ArrayList<>();
        for (int a = 0; a < ACTIONS; a++) {
            actions.add(new Action("arm" + a, Map.of()));
        }
        return CandidateEncoder.encode(named, actions, config);
    }
}
