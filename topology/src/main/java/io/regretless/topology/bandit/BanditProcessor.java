package io.regretless.topology.bandit;

import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.PendingDecision;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.task.LearningTaskProcessor;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * The bandit loop of one task. Requests, rewards and logged feedback of a model meet here (they
 * are co-partitioned by model id) so that deciding and learning share one model store and one
 * in-memory copy of each learner.
 */
final class BanditProcessor extends LearningTaskProcessor {
    private static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    private static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    private static final WireCodec<LoggedFeedback> LOGGED = WireCodec.of(LoggedFeedback.class);
    private static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    private static final AvroCodec<PendingDecision> PENDING = AvroCodec.of(PendingDecision.class);
    private static final AvroCodec<LinearBanditState> STATES = AvroCodec.of(LinearBanditState.class);

    private LearnerStore<ContextualBandit> models;
    private Decider decider;
    private RewardJoiner joiner;
    private LoggedFeedbackLearner loggedLearner;
    private AttributionWindow<PendingDecision> pending;

    BanditProcessor(RegretlessConfig config) {
        super(config, BanditTopology.DEAD_LETTERS_SINK, new Snapshots(BanditTopology.MODELS_STORE, "bandit",
            bytes -> STATES.decode(bytes).getVersion(), BanditTopology.SNAPSHOTS_SINK));
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        Map<String, ModelConfig> configs = config.models();
        models = ModelRepository.of(context.getStateStore(BanditTopology.MODELS_STORE), configs);
        pending = new AttributionWindow<>(context, BanditTopology.PENDING_DECISIONS, PENDING);
        FeedbackLearner learner = new FeedbackLearner(models);
        decider = new Decider(configs, models, pending);
        joiner = new RewardJoiner(configs, pending, learner);
        loggedLearner = new LoggedFeedbackLearner(configs, models, learner);
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        try {
            if (topic.equals(config.topics().requests())) {
                decide(record);
            } else if (topic.equals(config.topics().rewards())) {
                joinReward(record);
            } else if (topic.equals(config.topics().labeled())) {
                LoggedFeedback logged = LOGGED.decode(record.value(), record.timestamp());
                loggedLearner.learn(logged);
                count("logged-feedback-total", "Logged feedback records learned from", logged.getModelId());
            } else {
                throw unexpected(topic);
            }
        } catch (ModelCapacityExceededException e) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
        } catch (IllegalArgumentException e) {
            // the learners' own input checks, e.g. hashed features whose sum overflows the safe range
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "the learner refused it: " + e.getMessage());
        }
    }

    private void decide(Record<byte[], byte[]> record) {
        DecisionRequest request = REQUESTS.decode(record.value(), record.timestamp());
        Decision decision = decider.decide(request, record.timestamp());
        context.forward(record.withKey(key(decision.getModelId())).withValue(DECISIONS.encode(decision, config.outputFormat())),
            BanditTopology.DECISIONS_SINK);
        count("decisions-total", "Decisions made", decision.getModelId());
        counters().increment("propensity-total", "Decisions by the propensity of the chosen action, in tenths",
            Map.of("model", decision.getModelId(), "bucket", PropensityBuckets.of(decision.getPropensity())));
    }

    private void joinReward(Record<byte[], byte[]> record) {
        Reward reward = REWARDS.decode(record.value(), record.timestamp());
        Feedback feedback = joiner.join(reward, record.timestamp());
        forwardFeedback(feedback, record.timestamp());
        count("rewards-joined-total", "Rewards joined to their decisions", reward.getModelId());
    }

    @Override
    protected void expire(long upTo) {
        for (PendingDecision decision : pending.expired(upTo)) {
            String modelId = decision.getDecision().getModelId();
            try {
                forwardFeedback(joiner.closeWithDefault(decision, upTo), decision.getDeadline());
                count("default-rewards-total", "Windows closed with the default reward", modelId);
            } catch (ModelCapacityExceededException e) {
                deadLetters.send(new Record<>(key(modelId), PENDING.encode(decision), decision.getDeadline()),
                    DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
            }
        }
    }

    private void forwardFeedback(Feedback feedback, long timestamp) {
        String modelId = feedback.getDecision().getModelId();
        context.forward(new Record<>(key(modelId), FEEDBACK.encode(feedback, config.outputFormat()), timestamp), BanditTopology.FEEDBACK_SINK);
    }

    @Override
    public void close() {
        if (models != null) {
            models.clear();
        }
    }
}
