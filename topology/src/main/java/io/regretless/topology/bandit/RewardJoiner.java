package io.regretless.topology.bandit;

import java.util.Map;
import java.util.function.Consumer;

import io.regretless.connectors.decide.RequestChecks;
import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.schemas.Action;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.Reward;
import io.regretless.schemas.state.PendingDecision;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.window.AttributionWindow;

/**
 * Joins rewards to pending decisions by request id inside the attribution window, and closes
 * windows that ran out with the model's default reward. Either way the decision yields one
 * feedback record and one learning update, and the request is remembered as closed for one more
 * window so late and repeated rewards are named as such.
 */
final class RewardJoiner {
    /** What one closed window yields: the feedback to publish and the update to learn. */
    record Joined(Feedback feedback, LearningUpdate update) {
    }

    private final Map<String, ModelConfig> configs;
    private final AttributionWindow<PendingDecision> pending;
    private final FeatureNameWatch names;

    /** @param names counts the feature names the updates are encoded from (null: not counted) */
    RewardJoiner(Map<String, ModelConfig> configs, AttributionWindow<PendingDecision> pending, FeatureNameWatch names) {
        this.configs = configs;
        this.pending = pending;
        this.names = names;
    }

    /** Whether the request id is neither waiting for its reward nor remembered as closed. */
    boolean neverSeen(String requestId) {
        return !pending.isKnown(requestId);
    }

    /** The checks a reward passes whatever becomes of it; returns its model's configuration. */
    ModelConfig check(Reward reward) {
        try {
            RequestChecks.requireId(reward.getRequestId(), "/requestId");
            ModelConfig config = StreamDecider.config(configs, reward.getModelId());
            RequestChecks.requireFinite(reward.getValue(), "/value");
            requireLearnable(config, reward.getValue(), "/value");
            return config;
        } catch (RequestRefusedException e) {
            throw Refusals.deadLetter(e);
        }
    }

    /**
     * A reward the model's learner can learn: the multi-armed learners other than ts-gaussian are
     * defined for rewards in [0, 1], so any other reward is refused here, before it becomes feedback.
     */
    static void requireLearnable(ModelConfig config, double reward, String field) {
        if (config.bandit().kind().needsUnitRewards() && !(reward >= 0 && reward <= 1)) {
            throw new RequestRefusedException("INVALID_RECORD", field, reward + " is outside [0, 1], the rewards "
                + config.bandit().kind().shortName() + " learns");
        }
    }

    /** Joins an observed reward that arrived at {@code recordTime}. */
    Joined join(Reward reward, long recordTime) {
        ModelConfig config = check(reward);
        PendingDecision decision = pending.awaiting(reward.getRequestId());
        if (!decision.getDecision().getModelId().equals(reward.getModelId())) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "/modelId: reward names model '"
                + reward.getModelId() + "' but request '" + reward.getRequestId() + "' was decided by '"
                + decision.getDecision().getModelId() + "'");
        }
        pending.requireOnTime(recordTime, decision.getDeadline());
        pending.complete(reward.getRequestId(), decision.getDeadline(), recordTime, config.attributionWindow().toMillis());
        return joined(config, decision, reward.getValue(), true, recordTime);
    }

    /**
     * Closes the windows that ran out by {@code upTo}, each with its model's default reward, and
     * hands each one's feedback and update to {@code closed}.
     */
    void expire(long upTo, Consumer<Joined> closed) {
        pending.expire(upTo, decision -> configs.get(decision.getDecision().getModelId()).attributionWindow().toMillis(),
            decision -> {
                ModelConfig config = configs.get(decision.getDecision().getModelId());
                closed.accept(joined(config, decision, config.defaultReward(), false, decision.getDeadline()));
            });
    }

    private Joined joined(ModelConfig config, PendingDecision decision, double reward, boolean observed,
                                 long when) {
        Action chosen = LearningUpdates.chosenAction(decision.getRequest().getActions(),
            decision.getDecision().getChosenActionId());
        String modelId = decision.getDecision().getModelId();
        String requestId = decision.getRequest().getRequestId();
        LearningUpdate update = LearningUpdates.of(modelId, requestId, config, decision.getRequest().getContext(),
            chosen, reward, 1.0, decision.getDecision().getPropensity(), observed, when, names);
        return new Joined(new Feedback(decision.getRequest(), decision.getDecision(), reward, observed, when), update);
    }
}
