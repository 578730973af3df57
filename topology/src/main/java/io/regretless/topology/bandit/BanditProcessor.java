package io.regretless.topology.bandit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.schemas.state.PendingDecision;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.DeadLetters;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.metrics.Counters;
import io.regretless.topology.snapshot.SnapshotPublisher;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.window.StreamTimeBoundaries;

/**
 * The bandit loop of one task. Requests, rewards and logged feedback of a model meet here (they
 * are co-partitioned by model id) so that deciding and learning share one model store and one
 * in-memory copy of each learner. Records arrive as raw bytes so that unreadable ones can be
 * dead-lettered with their original bytes; every refusal goes to the dead-letter sink.
 */
final class BanditProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);
    private static final AvroCodec<Reward> REWARDS = AvroCodec.of(Reward.class);
    private static final AvroCodec<LoggedFeedback> LOGGED = AvroCodec.of(LoggedFeedback.class);
    private static final AvroCodec<Decision> DECISIONS = AvroCodec.of(Decision.class);
    private static final AvroCodec<Feedback> FEEDBACK = AvroCodec.of(Feedback.class);
    private static final AvroCodec<PendingDecision> PENDING = AvroCodec.of(PendingDecision.class);
    private static final AvroCodec<LinearBanditState> STATES = AvroCodec.of(LinearBanditState.class);

    private final RegretlessConfig config;
    private ProcessorContext<byte[], byte[]> context;
    private ModelRepository models;
    private Decider decider;
    private RewardJoiner joiner;
    private LoggedFeedbackLearner loggedLearner;
    private AttributionWindow<PendingDecision> pending;
    private DeadLetters deadLetters;
    private Counters counters;
    private StreamTimeBoundaries boundaries;

    BanditProcessor(RegretlessConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> modelStore = context.getStateStore(BanditTopology.MODELS_STORE);
        Map<String, ModelConfig> configs = config.models();
        models = new ModelRepository(modelStore, configs);
        pending = new AttributionWindow<>(context, BanditTopology.PENDING_DECISIONS, PENDING);
        FeedbackLearner learner = new FeedbackLearner(models);
        decider = new Decider(configs, models, pending);
        joiner = new RewardJoiner(configs, pending, learner);
        loggedLearner = new LoggedFeedbackLearner(configs, models, learner);
        counters = new Counters(context.metrics());
        deadLetters = new DeadLetters(context, BanditTopology.DEAD_LETTERS_SINK, counters);
        boundaries = new StreamTimeBoundaries(config.punctuationInterval());
        if (!config.snapshotInterval().isZero()) {
            SnapshotPublisher snapshots = new SnapshotPublisher(context, modelStore, "bandit",
                bytes -> STATES.decode(bytes).getVersion(), BanditTopology.SNAPSHOTS_SINK);
            context.schedule(config.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, snapshots::publish);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        try {
            if (topic.equals(config.topics().requests())) {
                decide(record);
            } else if (topic.equals(config.topics().rewards())) {
                joinReward(record);
            } else if (topic.equals(config.topics().labeled())) {
                LoggedFeedback logged = LOGGED.decode(record.value());
                loggedLearner.learn(logged);
                count("logged-feedback-total", "Logged feedback records learned from", logged.getModelId());
            } else {
                throw new IllegalStateException("record from unexpected topic " + topic);
            }
        } catch (UnreadableRecordException e) {
            deadLetters.send(record, DeadLetterReason.UNREADABLE, e.getMessage());
        } catch (InvalidRecordException e) {
            deadLetters.send(record, e.reason(), e.getMessage());
        } catch (ModelCapacityExceededException e) {
            deadLetters.send(record, DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
        } catch (IllegalArgumentException e) {
            // the learners' own input checks, e.g. hashed features whose sum overflows the safe range
            deadLetters.send(record, DeadLetterReason.INVALID_RECORD, "the learner refused it: " + e.getMessage());
        }
        long boundary = boundaries.crossed(context.currentStreamTimeMs());
        if (boundary != StreamTimeBoundaries.NONE) {
            closeWindows(boundary);
        }
    }

    private void decide(Record<byte[], byte[]> record) {
        DecisionRequest request = REQUESTS.decode(record.value());
        Decision decision = decider.decide(request, record.timestamp());
        context.forward(record.withKey(key(decision.getModelId())).withValue(DECISIONS.encode(decision)),
            BanditTopology.DECISIONS_SINK);
        count("decisions-total", "Decisions made", decision.getModelId());
    }

    private void joinReward(Record<byte[], byte[]> record) {
        Reward reward = REWARDS.decode(record.value());
        Feedback feedback = joiner.join(reward, record.timestamp());
        forwardFeedback(feedback, record.timestamp());
        count("rewards-joined-total", "Rewards joined to their decisions", reward.getModelId());
    }

    private void closeWindows(long streamTime) {
        for (PendingDecision decision : pending.expired(streamTime)) {
            String modelId = decision.getDecision().getModelId();
            try {
                forwardFeedback(joiner.closeWithDefault(decision, streamTime), decision.getDeadline());
                count("default-rewards-total", "Windows closed with the default reward", modelId);
            } catch (ModelCapacityExceededException e) {
                deadLetters.send(new Record<>(key(modelId), PENDING.encode(decision), decision.getDeadline()),
                    DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
            }
        }
    }

    private void forwardFeedback(Feedback feedback, long timestamp) {
        String modelId = feedback.getDecision().getModelId();
        context.forward(new Record<>(key(modelId), FEEDBACK.encode(feedback), timestamp), BanditTopology.FEEDBACK_SINK);
    }

    private void count(String name, String description, String modelId) {
        counters.increment(name, description, Map.of("model", modelId));
    }

    private static byte[] key(String modelId) {
        return modelId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (models != null) {
            models.clear();
        }
    }
}
