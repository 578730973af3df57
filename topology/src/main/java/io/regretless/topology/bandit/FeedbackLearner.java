package io.regretless.topology.bandit;

import java.util.List;
import java.util.Map;

import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.ContextualBandit;
import io.regretless.schemas.Action;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.task.LearnerStore;

/** Turns "this action, in this context, earned this reward" into one learner update. */
final class FeedbackLearner {
    private final LearnerStore<ContextualBandit> models;

    FeedbackLearner(LearnerStore<ContextualBandit> models) {
        this.models = models;
    }

    void learn(String modelId, ModelConfig config, Map<String, Double> context, Action chosen, double reward) {
        Candidates encoded = CandidateEncoder.encode(context, List.of(chosen), config.bandit());
        models.update(modelId, bandit -> {
            bandit.update(chosen.getId(), encoded.features()[0], reward);
            return null;
        });
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
