package io.regretless.topology.bandit;

import java.util.List;
import java.util.Map;

import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.schemas.Action;
import io.regretless.topology.config.ModelConfig;

/** Turns "this action, in this context, earned this reward" into one learner update. */
final class FeedbackLearner {
    private final ModelRepository models;

    FeedbackLearner(ModelRepository models) {
        this.models = models;
    }

    void learn(String modelId, ModelConfig config, Map<String, Double> context, Action chosen, double reward) {
        Candidates encoded = CandidateEncoder.encode(context, List.of(chosen), config.bandit());
        models.learn(modelId, chosen.getId(), encoded.features()[0], reward);
    }

    static Action chosenAction(List<Action> actions, String chosenId) {
        for (Action action : actions) {
            if (action.getId().equals(chosenId)) {
                return action;
            }
        }
        return null;
    }
}
