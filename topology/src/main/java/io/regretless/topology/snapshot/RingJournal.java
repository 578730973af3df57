package io.regretless.topology.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What a model learned since its last snapshot, as entries numbered by position, so that a
 * restarted task rebuilds the model from the snapshot and the entries after it instead of a
 * snapshot written per record. The store is a ring of {@value #SLOTS} slots per model (key: the
 * model id, a zero byte, the slot as 4 bytes; value: the entry's position as 8 bytes, then the
 * entry): a slot is overwritten, never deleted, so the store holds no tombstones, and an owner that
 * snapshots at least every {@value #SLOTS}/2 entries finds every entry after its snapshot still in
 * the ring.
 */
public final class RingJournal {
    public static final int SLOTS = 4096;

    /** An entry and the position it was appended at. */
    public record Entry(long position, byte[] bytes) {
    }

    private final KeyValueStore<Bytes, byte[]> store;

    public RingJournal(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Appends the model's entry at {@code position}, over the one {@value #SLOTS} positions before it. */
    public void append(String modelId, long position, byte[] entry) {
        store.put(slot(modelId, position), ByteBuffer.allocate(8 + entry.length).putLong(position).put(entry).array());
    }

    /** The model's entries at positions after {@code after} and up to {@code upTo}, in position order. */
    public List<Entry> between(String modelId, long after, long upTo) {
        List<Entry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(slot(modelId, 0), slot(modelId, SLOTS - 1))) {
            while (it.hasNext()) {
                ByteBuffer value = ByteBuffer.wrap(it.next().value);
                long position = value.getLong();
                if (position > after && position <= upTo) {
                    entries.add(new Entry(position, Arrays.copyOfRange(value.array(), 8, value.capacity())));
                }
            }
        }
        entries.sort(Comparator.comparingLong(Entry::position));
        return entries;
    }

    /** Deletes the model's entries. */
    public void delete(String modelId) {
        List<Bytes> slots = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(slot(modelId, 0), slot(modelId, SLOTS - 1))) {
            it.forEachRemaining(kv -> slots.add(kv.key));
        }
        slots.forEach(store::delete);
    }

    private static Bytes slot(String modelId, long position) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 5).put(id).put((byte) 0)
            .putInt((int) Math.floorMod(position, (long) SLOTS)).array());
    }
}
