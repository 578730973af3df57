package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.ModelConfig;

/**
 * The bandit models of one task, event-sourced, so that no update re-encodes a whole model: each
 * applied update is appended, as the few hundred bytes it arrived as, to a journal store; the whole
 * model is written to the snapshot store only now and then ({@link #snapshot}, at each publication
 * and at the latest every {@value #RING}/2 updates). Both stores are changelog-backed and written
 * in the same transaction as the update's offset, so a restarted task rebuilds every model exactly:
 * its snapshot, then the journal's updates after it, in order — bit for bit the model it had.
 *
 * <p>The journal is a ring of {@value #RING} slots per model (key: model id, a zero byte, the slot),
 * each holding the version it brought the model to and the update; a slot is overwritten, never
 * deleted, so the store holds no tombstones, and a snapshot every {@value #RING}/2 updates keeps
 * every update after the last snapshot in the ring.
 */
final class ModelJournal {
    static final int RING = 4096;
    private static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);

    /** A model in memory and the version of its last snapshot. */
    private static final class Entry {
        final ContextualBandit learner;
        long snapshotVersion;

        Entry(ContextualBandit learner, long snapshotVersion) {
            this.learner = learner;
            this.snapshotVersion = snapshotVersion;
        }
    }

    private final KeyValueStore<String, byte[]> snapshots;
    private final KeyValueStore<Bytes, byte[]> journal;
    private final Map<String, ModelConfig> configs;
    private final Map<String, Entry> models = new HashMap<>();

    ModelJournal(KeyValueStore<String, byte[]> snapshots, KeyValueStore<Bytes, byte[]> journal,
                 Map<String, ModelConfig> configs) {
        this.snapshots = snapshots;
        this.journal = journal;
        this.configs = configs;
    }

    /**
     * The model's learner: in memory, or rebuilt from its snapshot and journal.
     *
     * @throws IllegalStateException if the stored state contradicts the model's configuration
     */
    ContextualBandit learner(String modelId) {
        return entry(modelId).learner;
    }

    /**
     * Applies {@code update} (whose bytes are {@code raw}) and journals it. A refused update (the
     * learner's own checks) changes nothing.
     */
    void apply(String modelId, LearningUpdate update, double[] features, byte[] raw) {
        Entry entry = entry(modelId);
        entry.learner.update(update.getActionId(), features, update.getReward(), update.getWeight(),
            update.getPropensity());
        long version = entry.learner.version();
        journal.put(slot(modelId, version), ByteBuffer.allocate(8 + raw.length).putLong(version).put(raw).array());
        if (version - entry.snapshotVersion >= RING / 2) {
            snapshot(modelId);
        }
    }

    /** Writes the model's whole state to the snapshot store; later updates are journaled after it. */
    void snapshot(String modelId) {
        Entry entry = entry(modelId);
        snapshots.put(modelId, LinearBanditCodec.encode(entry.learner, modelId));
        entry.snapshotVersion = entry.learner.version();
    }

    /**
     * Deletes the model's snapshot and journal: its next update starts from the prior. A model
     * whose stored state contradicts its configuration can only go on this way (or under a new id).
     */
    void reset(String modelId) {
        models.remove(modelId);
        snapshots.delete(modelId);
        List<Bytes> slots = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = journal.range(slot(modelId, 0), slot(modelId, RING - 1))) {
            it.forEachRemaining(kv -> slots.add(kv.key));
        }
        slots.forEach(journal::delete);
    }

    /**
     * Why the model's stored state cannot be used with its configuration, or null if it can (or
     * nothing is stored).
     */
    String conflict(String modelId) {
        byte[] stored = snapshots.get(modelId);
        if (stored == null) {
            return null;
        }
        try {
            LinearBanditCodec.decode(stored, configs.get(modelId).bandit());
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Forgets the models in memory, e.g. when the task closes. */
    void clear() {
        models.clear();
    }

    private Entry entry(String modelId) {
        Entry entry = models.get(modelId);
        if (entry == null) {
            entry = load(modelId);
            models.put(modelId, entry);
        }
        return entry;
    }

    private Entry load(String modelId) {
        ModelConfig config = configs.get(modelId);
        byte[] stored = snapshots.get(modelId);
        ContextualBandit learner = stored == null ? LinearBandits.create(config.bandit())
            : LinearBanditCodec.decode(stored, config.bandit());
        long snapshotVersion = learner.version();
        List<KeyValue<Long, byte[]>> later = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = journal.range(slot(modelId, 0), slot(modelId, RING - 1))) {
            while (it.hasNext()) {
                ByteBuffer value = ByteBuffer.wrap(it.next().value);
                long version = value.getLong();
                if (version > snapshotVersion) {
                    later.add(KeyValue.pair(version, Arrays.copyOfRange(value.array(), 8, value.capacity())));
                }
            }
        }
        later.sort(Comparator.comparingLong(kv -> kv.key));
        for (KeyValue<Long, byte[]> journaled : later) {
            LearningUpdate update = UPDATES.decode(journaled.value);
            learner.update(update.getActionId(), LearningUpdates.features(update, config.bandit().featureDimension()),
                update.getReward(), update.getWeight(), update.getPropensity());
            if (learner.version() != journaled.key) {
                throw new IllegalStateException("the journal of model '" + modelId + "' is broken: replaying it reached"
                    + " version " + learner.version() + " where the journal says " + journaled.key);
            }
        }
        return new Entry(learner, snapshotVersion);
    }

    private static Bytes slot(String modelId, long version) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(id.length + 5).put(id).put((byte) 0)
            .putInt((int) Math.floorMod(version, (long) RING)).array());
    }
}
