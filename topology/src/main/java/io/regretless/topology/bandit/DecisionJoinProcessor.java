package io.regretless.topology.bandit;

import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.connectors.decide.PublishedModels;
import io.regretless.connectors.decide.RequestChecks;
import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.PendingDecision;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.task.LearningTaskProcessor;
import io.regretless.topology.window.AttributionWindow;

/**
 * The bandit loop's work per request, on every partition: decide the requests read from the
 * requests topic, take in decisions logged elsewhere, join rewards to decisions by request id
 * inside the attribution window (or close it with the default reward), and send each joined reward
 * on as feedback and as one compact learning update to the task that owns the model. Nothing here
 * writes a model, so one hot model's requests spread over every partition and instance.
 *
 * <p>A decision and its reward meet in the task of the partition their request id belongs to
 * ({@link RequestOwnership}). A request decided on another partition has its decision sent there
 * through the decision log; a reward or logged decision read on the wrong partition is written
 * again, keyed by request id, so it reaches the right one.
 */
final class DecisionJoinProcessor extends LearningTaskProcessor {
    private static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    private static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);
    private static final WireCodec<LoggedFeedback> LOGGED_FEEDBACK = WireCodec.of(LoggedFeedback.class);
    private static final WireCodec<LoggedDecision> LOGGED_DECISIONS = WireCodec.of(LoggedDecision.class);
    private static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    private static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);
    private static final AvroCodec<PendingDecision> PENDING = AvroCodec.of(PendingDecision.class);
    private static final AttributionWindow.Words WORDS = new AttributionWindow.Words("request", "decided", "reward",
        "attribution window", "the default reward", DeadLetterReason.DUPLICATE_REWARD, DeadLetterReason.LATE_REWARD);

    private final PublishedModels published;
    private final RequestOwnership ownership;
    private StreamDecider decider;
    private RewardJoiner joiner;
    private AttributionWindow<PendingDecision> pending;
    private EarlyRewards early;
    private FeatureNameWatch names;
    private WireFormat format;

    DecisionJoinProcessor(RegretlessConfig config, PublishedModels published, int partitions) {
        super(config, BanditTopology.DEAD_LETTERS_SINK, null);
        this.published = published;
        this.ownership = new RequestOwnership(partitions);
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        Map<String, ModelConfig> configs = config.models();
        pending = new AttributionWindow<>(context, BanditTopology.PENDING_DECISIONS, PENDING, WORDS);
        early = new EarlyRewards(context, modelId -> configs.get(modelId).rewardWait().toMillis());
        decider = new StreamDecider(configs, published);
        names = new FeatureNameWatch(configs, counters(), context.taskId().toString(), context.applicationId());
        joiner = new RewardJoiner(configs, pending, names);
        format = config.outputFormat();
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        if (topic.equals(config.topics().requests())) {
            decide(record);
        } else if (topic.equals(config.topics().rewards())) {
            joinReward(record);
        } else if (topic.equals(config.topics().decisionLog())) {
            takeLogged(record);
        } else if (topic.equals(config.topics().labeled())) {
            learnLogged(record);
        } else {
            throw unexpected(topic);
        }
    }

    private void decide(Record<byte[], byte[]> record) {
        DecisionRequest request = REQUESTS.decode(record.value(), record.timestamp());
        String requestId = request.getRequestId();
        try {
            RequestChecks.requireId(requestId, "/requestId");
        } catch (RequestRefusedException e) {
            throw Refusals.deadLetter(e);
        }
        // a repeat is caught here when the request is read where it belongs, else where its decision is sent
        boolean owned = ownership.owns(partition(), requestId);
        if (owned) {
            pending.requireNew(requestId);
        }
        Decision decision = decider.decide(request);
        context.forward(record.withKey(key(requestId)).withValue(DECISIONS.encode(decision, format)),
            BanditTopology.DECISIONS_SINK);
        if (owned) {
            open(request, decision, record.timestamp());
        } else {
            context.forward(record.withKey(key(requestId))
                    .withValue(LOGGED_DECISIONS.encode(new LoggedDecision(request, decision, "stream"), WireFormat.AVRO)),
                BanditTopology.DECISION_LOG_SINK);
            count("decisions-forwarded-total", "Decisions sent through the decision log to their request's partition",
                decision.getModelId());
        }
        count("decisions-total", "Decisions made", decision.getModelId());
        counters().increment("propensity-total", "Decisions by the propensity of the chosen action, in tenths",
            Map.of("model", decision.getModelId(), "bucket", PropensityBuckets.of(decision.getPropensity())));
    }

    private void takeLogged(Record<byte[], byte[]> record) {
        LoggedDecision logged = LOGGED_DECISIONS.decode(record.value(), record.timestamp());
        String requestId = logged.getRequest().getRequestId();
        if (requestId != null && !requestId.isBlank() && !ownership.owns(partition(), requestId)) {
            reroute(record, requestId, BanditTopology.DECISION_LOG_SINK);
            return;
        }
        decider.checkLogged(logged.getRequest(), logged.getDecision());
        pending.requireNew(requestId);
        open(logged.getRequest(), logged.getDecision(), record.timestamp());
        count("decisions-logged-total", "Decisions made outside the stream and joined here", logged.getRequest().getModelId());
    }

    private void open(DecisionRequest request, Decision decision, long recordTime) {
        ModelConfig model = config.models().get(decision.getModelId());
        long deadline = recordTime + model.attributionWindow().toMillis();
        pending.open(request.getRequestId(), new PendingDecision(request, decision, deadline), deadline);
        EarlyRewards.Waiting waiting = early.release(request.getRequestId(), recordTime);
        if (waiting != null) {
            send(joiner.join(waiting.reward(), waiting.recordTime()), recordTime);
            count("rewards-joined-total", "Rewards joined to their decisions", decision.getModelId());
        }
    }

    private void joinReward(Record<byte[], byte[]> record) {
        Reward reward = REWARDS.decode(record.value(), record.timestamp());
        String requestId = reward.getRequestId();
        if (requestId != null && !requestId.isBlank() && !ownership.owns(partition(), requestId)) {
            reroute(record, requestId, BanditTopology.REWARDS_SINK);
            return;
        }
        if (joiner.neverSeen(requestId) && holdEarly(record, reward)) {
            return;
        }
        send(joiner.join(reward, record.timestamp()), record.timestamp());
        count("rewards-joined-total", "Rewards joined to their decisions", reward.getModelId());
    }

    /**
     * A reward for a request this task has not seen: its decision may still be on its way (a
     * decision log and a rewards topic are read independently), so it waits for it. Returns false
     * when it cannot wait (a model that waits 0 ms, or a reward already waiting for the same id).
     */
    private boolean holdEarly(Record<byte[], byte[]> record, Reward reward) {
        ModelConfig model = StreamDecider.config(config.models(), reward.getModelId());
        long wait = model.rewardWait().toMillis();
        if (wait == 0) {
            return false;
        }
        if (early.isWaiting(reward.getRequestId())) {
            throw new InvalidRecordException(DeadLetterReason.DUPLICATE_REWARD,
                "a reward for request '" + reward.getRequestId() + "' is already waiting for its decision");
        }
        joiner.check(reward);
        early.hold(reward.getRequestId(), deadLetters.letter(record, DeadLetterReason.UNKNOWN_REQUEST,
            "no decision for request '" + reward.getRequestId() + "' arrived within " + wait
                + " ms (stream time) of its reward"), record.timestamp() + wait);
        count("rewards-waiting-total", "Rewards read before their decision, held until it comes", reward.getModelId());
        return true;
    }

    /** Logged bandit feedback from another system: learned as one update, like a joined reward. */
    private void learnLogged(Record<byte[], byte[]> record) {
        LoggedFeedback logged = LOGGED_FEEDBACK.decode(record.value(), record.timestamp());
        ModelConfig model;
        Action chosen;
        try {
            RequestChecks.requireId(logged.getEventId(), "/eventId");
            model = StreamDecider.config(config.models(), logged.getModelId());
            RequestChecks.candidates(logged.getContext(), logged.getActions(),
                new RequestChecks.Limits(model.maxFeatures(), model.maxActions(), model.bandit().maxArms()), null);
            RequestChecks.requireFinite(logged.getReward(), "/reward");
            RequestChecks.requireFinite(logged.getPropensity(), "/propensity");
            RewardJoiner.requireLearnable(model, logged.getReward(), "/reward");
        } catch (RequestRefusedException e) {
            throw Refusals.deadLetter(e);
        }
        if (!(logged.getPropensity() > 0 && logged.getPropensity() <= 1)) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD,
                "/propensity: " + logged.getPropensity() + " is outside (0, 1]");
        }
        chosen = LearningUpdates.chosenAction(logged.getActions(), logged.getChosenActionId());
        if (chosen == null) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD,
                "/chosenActionId: '" + logged.getChosenActionId() + "' is not among the candidates");
        }
        LearningUpdate update = LearningUpdates.of(logged.getModelId(), logged.getEventId(), model, logged.getContext(),
            chosen, logged.getReward(), 1.0, logged.getPropensity(), true, record.timestamp(), names);
        context.forward(new Record<>(key(update.getModelId()), UPDATES.encode(update), record.timestamp()),
            BanditTopology.UPDATES_SINK);
        count("logged-feedback-total", "Logged feedback records learned from", logged.getModelId());
    }

    @Override
    protected void expire(long upTo) {
        for (io.regretless.schemas.DeadLetter letter : early.expired(upTo)) {
            deadLetters.send(letter);
        }
        joiner.expire(upTo, joined -> {
            send(joined, joined.feedback().getRewardTimestamp());
            count("default-rewards-total", "Windows closed with the default reward", joined.update().getModelId());
        });
    }

    private void send(RewardJoiner.Joined joined, long timestamp) {
        byte[] modelKey = key(joined.update().getModelId());
        context.forward(new Record<>(modelKey, FEEDBACK.encode(joined.feedback(), format), timestamp),
            BanditTopology.FEEDBACK_SINK);
        context.forward(new Record<>(modelKey, UPDATES.encode(joined.update()), timestamp), BanditTopology.UPDATES_SINK);
    }

    /** Writes the record again, keyed by its request id, so it lands on the partition that owns it. */
    private void reroute(Record<byte[], byte[]> record, String requestId, String sink) {
        context.forward(record.withKey(key(requestId)), sink);
        count("records-rerouted-total", "Rewards and logged decisions read on another partition than their request id's",
            "all");
    }

    private int partition() {
        return context.recordMetadata().map(m -> m.partition()).orElse(0);
    }
}
