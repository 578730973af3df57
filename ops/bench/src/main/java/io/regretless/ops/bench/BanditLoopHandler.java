package io.regretless.ops.bench;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.Topics;

/**
 * Plays the environment of the bandit loop: a decision answers its request and is rewarded at
 * once (so decide, join and learn all run); a feedback record completes its request. Any dead
 * letter or default reward means the benchmark measured something other than the full loop, so it
 * fails the run.
 */
final class BanditLoopHandler implements WindowedLoad.Handler {
    private static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    private static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    private static final AvroCodec<Reward> REWARDS = AvroCodec.of(Reward.class);
    private static final WireCodec<DeadLetter> DEAD_LETTERS = WireCodec.of(DeadLetter.class);

    private final Topics topics;
    private final Workload workload;
    private double rewardSum;
    private long rewards;

    BanditLoopHandler(Topics topics, Workload workload) {
        this.topics = topics;
        this.workload = workload;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record, WindowedLoad load) {
        String topic = record.topic();
        if (topic.equals(topics.decisions())) {
            Decision decision = DECISIONS.decode(record.value());
            int i = Workload.index(decision.getRequestId());
            load.answered(i);
            double value = workload.reward(i, decision.getChosenActionId());
            rewardSum += value;
            rewards++;
            Reward reward = new Reward(decision.getRequestId(), decision.getModelId(), value, System.currentTimeMillis());
            load.producer().sendNow(topics.rewards(), workload.key(i), REWARDS.encode(reward));
        } else if (topic.equals(topics.feedback())) {
            Feedback feedback = FEEDBACK.decode(record.value());
            if (!feedback.getObserved()) {
                throw new IllegalStateException("the attribution window of " + feedback.getRequest().getRequestId()
                    + " closed before its reward was joined");
            }
            load.completed(Workload.index(feedback.getRequest().getRequestId()));
        } else {
            DeadLetter letter = DEAD_LETTERS.decode(record.value());
            throw new IllegalStateException("dead letter during the benchmark: " + letter.getReason() + ": "
                + letter.getDetail());
        }
    }

    /** Mean reward of the decisions handled since the last {@link #resetReward()}. */
    double meanReward() {
        return rewards == 0 ? Double.NaN : rewardSum / rewards;
    }

    void resetReward() {
        rewardSum = 0;
        rewards = 0;
    }
}
