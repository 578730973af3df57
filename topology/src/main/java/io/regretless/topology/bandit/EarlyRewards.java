package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.kafka.streams.processor.api.ProcessingContext;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.window.AttributionWindow.Closure;
import io.regretless.topology.window.AttributionWindow;

/**
 * Rewards read before their decision. A decision logged by a local decider and its reward travel
 * on two topics, and the reward can reach the task first; it waits here, for the model's
 * {@code reward.wait.ms} of stream time, as the dead letter it becomes if no decision comes: the
 * decision's arrival takes it out and joins it, the window's end sends the dead letter
 * ({@code UNKNOWN_REQUEST}) with the original record's bytes, topic, partition and offset.
 */
final class EarlyRewards {
    static final String NAME = "early-rewards";
    private static final AvroCodec<DeadLetter> LETTERS = AvroCodec.of(DeadLetter.class);
    private static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);

    /** A reward that was waiting, with the time its record carried. */
    record Waiting(Reward reward, long recordTime) {
    }

    private final AttributionWindow<DeadLetter> window;
    private final ToLongFunction<String> waits;

    /** @param waits a model's {@code reward.wait.ms}, by model id */
    EarlyRewards(ProcessingContext context, ToLongFunction<String> waits) {
        this.window = new AttributionWindow<>(context, NAME, LETTERS);
        this.waits = waits;
    }

    boolean isWaiting(String requestId) {
        return window.get(requestId) != null;
    }

    /** Holds a reward until {@code deadline}, as {@code letter} (its dead letter, should no decision come). */
    void hold(String requestId, DeadLetter letter, long deadline) {
        window.open(requestId, letter, deadline);
    }

    /** The reward waiting for {@code requestId}, taken out, or null. */
    Waiting release(String requestId, long now) {
        DeadLetter letter = window.get(requestId);
        if (letter == null) {
            return null;
        }
        Reward reward = REWARDS.decode(bytes(letter.getValue()), letter.getTimestamp());
        long deadline = letter.getTimestamp() + waits.applyAsLong(reward.getModelId());
        window.close(requestId, deadline, Closure.COMPLETED, now, now);
        return new Waiting(reward, letter.getTimestamp());
    }

    /** The dead letters of rewards whose wait ended by {@code upTo}, taken out. */
    List<DeadLetter> expired(long upTo) {
        List<DeadLetter> letters = new ArrayList<>();
        window.expire(upTo, letter -> 0, letters::add);
        return letters;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
