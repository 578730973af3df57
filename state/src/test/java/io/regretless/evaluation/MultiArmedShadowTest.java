package io.regretless.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBandits;
import io.regretless.schemas.Action;

/**
 * A multi-armed model's log, with no context and no action features, evaluated with shadow
 * policies: its {@code deployed} copy scores each round with the multi-armed learner's own
 * probabilities before learning it, and contextual candidates learn per-action intercepts.
 */
class MultiArmedShadowTest {
    static final BanditConfig DEPLOYED = new BanditConfig(LearnerKind.BERNOULLI_THOMPSON, false, 16, 1.0, 0.0, 5L, 8);

    @Test
    void theDeployedCopyScoresWithTheMultiArmedLearnersProbabilities() {
        ShadowEvaluation evaluation = ShadowEvaluation.start(new ShadowEvaluation.Setup(DEPLOYED,
            CandidateSpec.parseList("deployed,uniform,linucb"), 0.0, 1.0, 10.0));
        assertTrue(evaluation.learner(0).startsWith("ts-bernoulli"), evaluation.learner(0));
        ContextualBandit copy = LinearBandits.create(DEPLOYED);
        List<Action> actions = List.of(new Action("red", Map.of()), new Action("green", Map.of()),
            new Action("blue", Map.of()));
        String[] ids = {"red", "green", "blue"};
        SplittableRandom random = new SplittableRandom(4);
        for (int t = 0; t < 300; t++) {
            int chosen = random.nextInt(3);
            double reward = random.nextDouble() < (chosen == 1 ? 0.8 : 0.3) ? 1.0 : 0.0;
            double[][] scored = evaluation.score(new LoggedChoice("r" + t, Map.of(), actions, chosen, 1.0 / 3, reward));
            double[] expected = copy.choose(Candidates.withoutFeatures(ids),
                DecisionRandomness.forRequest(DEPLOYED.seed(), "r" + t)).probabilities();
            assertArrayEquals(expected, scored[0], "round " + t);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, scored[1]);
            assertEquals(1.0, scored[2][0] + scored[2][1] + scored[2][2], 1e-12);
            copy.update(ids[chosen], new double[0], reward);
        }
        double deployed = evaluation.estimates().get(0).estimate("ips").value();
        double uniform = evaluation.estimates().get(1).estimate("ips").value();
        assertTrue(deployed > uniform + 0.1, "the learner that finds green earns more than uniform: " + deployed + " against "
            + uniform);
    }
}
