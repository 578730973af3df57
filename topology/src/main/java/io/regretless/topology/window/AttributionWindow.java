package io.regretless.topology.window;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import org.apache.avro.specific.SpecificRecord;

import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.StoreType;

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
 */
public final class AttributionWindow<T extends SpecificRecord> {
    /** How an id stopped waiting. */
    public enum Closure { COMPLETED, EXPIRED }

    private static final byte DEADLINE = 0;
    private static final byte FORGET = 1;

    private final AvroCodec<T> codec;
    private final KeyValueStore<String, byte[]> open;
    private final KeyValueStore<String, byte[]> closed;
    private final KeyValueStore<Bytes, byte[]> timers;
    private Bytes scanFrom = Bytes.wrap(new byte[0]);

    /** The window over the three stores named after {@code name}, as added by {@link #addStores}. */
    public AttributionWindow(ProcessingContext context, String name, AvroCodec<T> codec) {
        this.codec = codec;
        this.open = context.getStateStore(openStore(name));
        this.closed = context.getStateStore(closedStore(name));
        this.timers = context.getStateStore(timerStore(name));
    }

    /** Adds the window's stores ({@code <name>-open}, {@code -closed}, {@code -timers}) to a processor. */
    public static void addStores(Topology topology, String name, String processor, StoreType type) {
        topology.addStateStore(Stores.keyValueStoreBuilder(type.supplier(openStore(name)),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), processor);
        topology.addStateStore(Stores.keyValueStoreBuilder(type.supplier(closedStore(name)),
            Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), processor);
        topology.addStateStore(Stores.keyValueStoreBuilder(type.supplier(timerStore(name)),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), processor);
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

    private void setTimer(Bytes key) {
        timers.put(key, new byte[0]);
        if (key.compareTo(scanFrom) < 0) {
            scanFrom = key;
        }
    }

    /** How the id closed, or null if it is not remembered as closed. */
    public Closure closure(String id) {
        byte[] bytes = closed.get(id);
        return bytes == null ? null : Closure.values()[bytes[0]];
    }

    /** When the id closed (epoch millis); only for ids with a {@link #closure}. */
    public long closedAt(String id) {
        return ByteBuffer.wrap(closed.get(id)).getLong(1);
    }

    /** An open record whose deadline passed: its id, its deadline and the record. */
    public record Due<T>(String id, long deadline, T record) {
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

    /** As {@link #expired}, with each record's id and deadline. */
    public List<Due<T>> due(long streamTime) {
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
