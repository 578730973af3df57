package io.regretless.topology.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.StoreType;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;

/**
 * Records waiting, by id, for the event that completes them (a decision for its reward, a
 * prediction for its label) until a deadline in stream time; and a short memory of closed ids so
 * that a late or a second completion is told apart from one for an id never seen.
 *
 * <p>Three stores, all cached and changelog-backed: the open records by id; the closed
 * ids (how and when they closed); and a timer index whose keys sort by time (8-byte big-endian
 * epoch millis, a kind byte, the id), so finding every window due at the current stream time is
 * one range scan. The scan starts where the previous one ended, not at key 0: every timer below
 * that was deleted, and RocksDB keeps deleted keys as tombstones at the head of the range until
 * compaction, so a scan from 0 would step over all of them. That start is kept in memory only (a
 * restarted task scans once from 0) and moves back if a late record sets a timer below it.
 *
 * <p>The rules for an arriving id are the same in every part and live here: a record that would
 * open a known id is a repeat ({@link #requireNew}); a completion finds its open record
 * ({@link #awaiting}) unless the id completed already (a duplicate), expired (late) or was never
 * seen (unknown), and is late too if it arrives after the open record's deadline
 * ({@link #requireOnTime}). The dead letters name these in the part's {@link Words}.
 */
public final class AttributionWindow<T extends SpecificRecord> {
    /** How an id stopped waiting. */
    public enum Closure { COMPLETED, EXPIRED }

    /**
     * How a part names, in its dead letters, what waits in its window and what completes it.
     *
     * @param waiting     what waits, by id ("request", "prediction")
     * @param opened      what was done to a waiting id that a repeat would do again ("decided")
     * @param completion  what completes it ("reward", "label")
     * @param window      the window's name ("attribution window")
     * @param expiredWith what an expired id was closed with, or null
     * @param duplicate   the reason of a second completion
     * @param late        the reason of a completion after the window
     */
    public record Words(String waiting, String opened, String completion, String window, String expiredWith,
                        DeadLetterReason duplicate, DeadLetterReason late) {
        /** The words of a window that waits for labels. */
        public static Words labels(String waiting, String opened) {
            return new Words(waiting, opened, "label", "label window", null, DeadLetterReason.DUPLICATE_LABEL,
                DeadLetterReason.LATE_LABEL);
        }
    }

    private static final byte DEADLINE = 0;
    private static final byte FORGET = 1;

    private final AvroCodec<T> codec;
    private final Words words;
    private final KeyValueStore<String, byte[]> open;
    private final KeyValueStore<String, byte[]> closed;
    private final KeyValueStore<Bytes, byte[]> timers;
    private Bytes scanFrom = Bytes.wrap(new byte[0]);

    /**
     * The window over the three stores named after {@code name} ({@link #stores}), for records whose
     * completions are not judged by the rules below (a reward waiting for its decision).
     */
    public AttributionWindow(ProcessingContext context, String name, AvroCodec<T> codec) {
        this(context, name, codec, null);
    }

    /** The same, refusing repeats and unmatched completions in dead letters worded by {@code words}. */
    public AttributionWindow(ProcessingContext context, String name, AvroCodec<T> codec, Words words) {
        this.codec = codec;
        this.words = words;
        this.open = context.getStateStore(openStore(name));
        this.closed = context.getStateStore(closedStore(name));
        this.timers = context.getStateStore(timerStore(name));
    }

    /** The window's stores: {@code <name>-open}, {@code -closed}, {@code -timers}. */
    public static List<StoreBuilder<?>> stores(String name, StoreType type) {
        return List.of(type.store(openStore(name), Serdes.String()), type.store(closedStore(name), Serdes.String()),
            type.store(timerStore(name), Serdes.Bytes()));
    }

    public static String openStore(String name) {
        return name + "-open";
    }

    public static String closedStore(String name) {
        return name + "-closed";
    }

    public static String timerStore(String name) {
        return name + "-timers";
    }

    /**
     * Whether {@code id} is waiting or remembered as closed: a record that would open it again is a
     * repeat (a replayed or re-sent request), and accepting it would learn from one id twice.
     */
    public boolean isKnown(String id) {
        return open.get(id) != null || closed.get(id) != null;
    }

    /** Refuses a record that would open {@code id} again ({@code DUPLICATE_REQUEST}). */
    public void requireNew(String id) {
        if (isKnown(id)) {
            throw new InvalidRecordException(DeadLetterReason.DUPLICATE_REQUEST,
                words.waiting() + " '" + id + "' was already " + words.opened());
        }
    }

    /**
     * The open record a completion of {@code id} completes; a completion for an id that completed
     * already is a duplicate, for one that expired is late, for one never seen (or forgotten) unknown.
     *
     * @throws InvalidRecordException with that reason
     */
    public T awaiting(String id) {
        T record = get(id);
        if (record != null) {
            return record;
        }
        byte[] closure = closed.get(id);
        if (closure == null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_REQUEST,
                "no " + words.waiting() + " '" + id + "' is waiting for a " + words.completion());
        }
        long closedAt = ByteBuffer.wrap(closure).getLong(1);
        if (Closure.values()[closure[0]] == Closure.COMPLETED) {
            throw new InvalidRecordException(words.duplicate(), words.waiting() + " '" + id + "' already received its "
                + words.completion() + " at " + closedAt);
        }
        throw new InvalidRecordException(words.late(), "the " + words.window() + " of " + words.waiting() + " '" + id
            + "' closed at " + closedAt + (words.expiredWith() == null ? "" : " with " + words.expiredWith()));
    }

    /** Refuses a completion arriving at {@code arrival} for an open record whose deadline passed (late). */
    public void requireOnTime(long arrival, long deadline) {
        if (arrival > deadline) {
            throw new InvalidRecordException(words.late(), words.completion() + " at " + arrival
                + " is after the " + words.window() + " closed at " + deadline);
        }
    }

    /** The open record with this id, or null. */
    public T get(String id) {
        byte[] bytes = open.get(id);
        return bytes == null ? null : codec.decode(bytes);
    }

    /** Starts waiting for {@code id} until {@code deadline}. */
    public void open(String id, T record, long deadline) {
        open.put(id, codec.encode(record));
        setTimer(timerKey(deadline, DEADLINE, id));
    }

    /**
     * Stops waiting for {@code id} (opened with {@code deadline}) and remembers how it closed until
     * {@code forgetAt}, after which the id counts as never seen.
     */
    public void close(String id, long deadline, Closure closure, long closedAt, long forgetAt) {
        open.delete(id);
        timers.delete(timerKey(deadline, DEADLINE, id));
        closed.put(id, ByteBuffer.allocate(9).put((byte) closure.ordinal()).putLong(closedAt).array());
        setTimer(timerKey(forgetAt, FORGET, id));
    }

    /**
     * Closes {@code id} (opened with {@code deadline}) as completed at {@code at}, remembered for
     * {@code memory} ms after.
     */
    public void complete(String id, long deadline, long at, long memory) {
        close(id, deadline, Closure.COMPLETED, at, at + memory);
    }

    /**
     * Closes, in deadline order, the open records whose deadline is at or before {@code upTo},
     * each as expired at its deadline and remembered for {@code memory} of it ms after, and hands
     * each to {@code expired} once it is closed; forgets closed ids whose memory ran out.
     */
    public void expire(long upTo, ToLongFunction<T> memory, Consumer<T> expired) {
        for (Due<T> due : due(upTo)) {
            close(due.id(), due.deadline(), Closure.EXPIRED, due.deadline(), due.deadline() + memory.applyAsLong(due.record()));
            expired.accept(due.record());
        }
    }

    private void setTimer(Bytes key) {
        timers.put(key, new byte[0]);
        if (key.compareTo(scanFrom) < 0) {
            scanFrom = key;
        }
    }

    private record Due<T>(String id, long deadline, T record) {
    }

    /**
     * Returns, in deadline order, the open records whose deadline is at or before
     * {@code streamTime}, without closing them; forgets closed ids whose memory expired. The caller
     * closes every record returned: the next call starts after this one's range.
     */
    public List<T> expired(long streamTime) {
        List<T> records = new ArrayList<>();
        for (Due<T> due : due(streamTime)) {
            records.add(due.record());
        }
        return records;
    }

    private List<Due<T>> due(long streamTime) {
        List<Due<T>> due = new ArrayList<>();
        List<Bytes> forgotten = new ArrayList<>();
        Bytes upTo = Bytes.wrap(ByteBuffer.allocate(9).putLong(Math.max(0, streamTime)).put((byte) 0xFF).array());
        if (upTo.compareTo(scanFrom) < 0) {
            return due;
        }
        Bytes from = scanFrom;
        scanFrom = upTo;
        try (KeyValueIterator<Bytes, byte[]> it = timers.range(from, upTo)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> timer = it.next();
                byte[] key = timer.key.get();
                String id = new String(key, 9, key.length - 9, StandardCharsets.UTF_8);
                if (key[8] == DEADLINE) {
                    T record = get(id);
                    if (record != null) {
                        due.add(new Due<>(id, ByteBuffer.wrap(key).getLong(0), record));
                    }
                } else {
                    forgotten.add(timer.key);
                    closed.delete(id);
                }
            }
        }
        forgotten.forEach(timers::delete);
        return due;
    }

    private static Bytes timerKey(long time, byte kind, String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(9 + bytes.length).putLong(Math.max(0, time)).put(kind).put(bytes).array());
    }
}
