package io.regretless.topology.bandit;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBandits;
import io.regretless.codec.LinearBanditCodec;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.snapshot.RingJournal;

/**
 * The bandit models of one task, event-sourced, so that no update re-encodes a whole model: each
 * applied update is appended, as the few hundred bytes it arrived as, to a journal store; the whole
 * model is written to the snapshot store only now and then ({@link #snapshot}, at each publication
 * and at the latest every {@value #RING}/2 updates). Both stores are changelog-backed and written
 * in the same transaction as the update's offset, so a restarted task rebuilds every model exactly:
 * its snapshot, then the journal's updates after it, in order — bit for bit the model it had.
 *
 * <p>The journal is a {@link RingJournal}: each update is its entry at the version it brought the
 * model to.
 */
final class ModelJournal {
    static final int RING = RingJournal.SLOTS;
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
    private final RingJournal journal;
    private final Map<String, ModelConfig> configs;
    private final Map<String, Entry> models = new HashMap<>();

    ModelJournal(KeyValueStore<String, byte[]> snapshots, KeyValueStore<Bytes, byte[]> journal,
                 Map<String, ModelConfig> configs) {
        this.snapshots = snapshots;
        this.journal = new RingJournal(journal);
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
        journal.append(modelId, version, raw);
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
        journal.delete(modelId);
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
        return models.computeIfAbsent(modelId, this::load);
    }

    private Entry load(String modelId) {
        ModelConfig config = configs.get(modelId);
        byte[] stored = snapshots.get(modelId);
        ContextualBandit learner = stored == null ? LinearBandits.create(config.bandit())
            : LinearBanditCodec.decode(stored, config.bandit());
        long snapshotVersion = learner.version();
        for (RingJournal.Entry journaled : journal.between(modelId, snapshotVersion, Long.MAX_VALUE)) {
            LearningUpdate update = UPDATES.decode(journaled.bytes());
            learner.update(update.getActionId(), LearningUpdates.features(update, config.bandit().featureDimension()),
                update.getReward(), update.getWeight(), update.getPropensity());
            if (learner.version() != journaled.position()) {
                throw new IllegalStateException("the journal of model '" + modelId + "' is broken: replaying it reached"
                    + " version " + learner.version() + " where the journal says " + journaled.position());
            }
        }
        return new Entry(learner, snapshotVersion);
    }
}
