package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.state.PendingDecision;

/**
 * Decisions waiting for their rewards, and a short memory of closed requests so that a late or a
 * second reward is told apart from one for a request never seen.
 *
 * <p>Three stores: pending decisions by request id; closed requests by request id (how they
 * closed); and a timer index whose keys sort by time (8-byte big-endian epoch millis, a kind byte,
 * the request id), so closing every window up to the current stream time is one range scan.
 */
final class PendingDecisions {
    /** How a request stopped waiting. */
    enum Closure { REWARDED, WINDOW_CLOSED }

    private static final byte DEADLINE = 0;
    private static final byte FORGET = 1;
    private static final AvroCodec<PendingDecision> CODEC = AvroCodec.of(PendingDecision.class);

    private final KeyValueStore<String, byte[]> pending;
    private final KeyValueStore<String, byte[]> closed;
    private final KeyValueStore<Bytes, byte[]> timers;

    PendingDecisions(KeyValueStore<String, byte[]> pending, KeyValueStore<String, byte[]> closed,
                     KeyValueStore<Bytes, byte[]> timers) {
        this.pending = pending;
        this.closed = closed;
        this.timers = timers;
    }

    boolean isPending(String requestId) {
        return pending.get(requestId) != null;
    }

    PendingDecision get(String requestId) {
        byte[] bytes = pending.get(requestId);
        return bytes == null ? null : CODEC.decode(bytes);
    }

    void open(PendingDecision decision) {
        String requestId = decision.getRequest().getRequestId();
        pending.put(requestId, CODEC.encode(decision));
        timers.put(timerKey(decision.getDeadline(), DEADLINE, requestId), new byte[0]);
    }

    /**
     * Stops waiting for a request and remembers how it closed until {@code forgetAt}, after which a
     * reward for it counts as one for an unknown request.
     */
    void close(PendingDecision decision, Closure closure, long closedAt, long forgetAt) {
        String requestId = decision.getRequest().getRequestId();
        pending.delete(requestId);
        timers.delete(timerKey(decision.getDeadline(), DEADLINE, requestId));
        closed.put(requestId, ByteBuffer.allocate(9).put((byte) closure.ordinal()).putLong(closedAt).array());
        timers.put(timerKey(forgetAt, FORGET, requestId), new byte[0]);
    }

    /** How the request closed, or null if it is not remembered as closed. */
    Closure closure(String requestId) {
        byte[] bytes = closed.get(requestId);
        return bytes == null ? null : Closure.values()[bytes[0]];
    }

    /** When the request closed (epoch millis); only for requests with a {@link #closure}. */
    long closedAt(String requestId) {
        return ByteBuffer.wrap(closed.get(requestId)).getLong(1);
    }

    /**
     * Returns, in deadline order, the pending decisions whose window closed at or before
     * {@code streamTime}, without closing them; forgets closed requests whose memory expired.
     */
    List<PendingDecision> expired(long streamTime) {
        List<PendingDecision> due = new ArrayList<>();
        List<Bytes> forgotten = new ArrayList<>();
        Bytes upTo = Bytes.wrap(ByteBuffer.allocate(9).putLong(Math.max(0, streamTime)).put((byte) 0xFF).array());
        try (KeyValueIterator<Bytes, byte[]> it = timers.range(Bytes.wrap(new byte[0]), upTo)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> timer = it.next();
                byte[] key = timer.key.get();
                String requestId = new String(key, 9, key.length - 9, StandardCharsets.UTF_8);
                if (key[8] == DEADLINE) {
                    PendingDecision decision = get(requestId);
                    if (decision != null) {
                        due.add(decision);
                    }
                } else {
                    forgotten.add(timer.key);
                    closed.delete(requestId);
                }
            }
        }
        forgotten.forEach(timers::delete);
        return due;
    }

    private static Bytes timerKey(long time, byte kind, String requestId) {
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + id.length).putLong(Math.max(0, time)).put(kind).put(id).array());
    }
}
