package io.regretless.topology.bandit;

import java.util.Map;

import io.regretless.bandit.ContextualBandit;
import io.regretless.schemas.Action;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.task.LearnerStore;

/**
 * Learns from bandit feedback logged by another system (context, candidates, chosen action, its
 * propensity, reward) exactly as from the application's own joined feedback.
 */
final class LoggedFeedbackLearner {
    private final Map<String, ModelConfig> configs;
    private final LearnerStore<ContextualBandit> models;
    private final FeedbackLearner learner;

    LoggedFeedbackLearner(Map<String, ModelConfig> configs, LearnerStore<ContextualBandit> models,
                          FeedbackLearner learner) {
        this.configs = configs;
        this.models = models;
        this.learner = learner;
    }

    void learn(LoggedFeedback logged) {
        RequestChecks.requireId(logged.getEventId(), "eventId");
        ModelConfig config = RequestChecks.model(configs, logged.getModelId());
        RequestChecks.candidates(config, models.get(logged.getModelId()), logged.getContext(), logged.getActions());
        RequestChecks.requireFinite(logged.getReward(), "reward");
        RequestChecks.requireFinite(logged.getPropensity(), "propensity");
        if (!(logged.getPropensity() > 0 && logged.getPropensity() <= 1)) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD,
                "propensity " + logged.getPropensity() + " is outside (0, 1]");
        }
        Action chosen = FeedbackLearner.chosenAction(logged.getActions(), logged.getChosenActionId());
        if (chosen == null) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD,
                "chosen action '" + logged.getChosenActionId() + "' is not among the candidates");
        }
        learner.learn(logged.getModelId(), config, logged.getContext(), chosen, logged.getReward());
    }
}
