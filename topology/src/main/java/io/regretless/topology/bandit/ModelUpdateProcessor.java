package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import org.apache.avro.SchemaNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.PublishedModels;
import io.regretless.schemas.LearningUpdate;
import io.regretless.schemas.ModelReset;
import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.task.LearningTaskProcessor;

/**
 * The task that owns a model: it applies the learning updates the join tasks send it, in the order
 * of its partition of the updates topic, and publishes changed models to the model topic at most
 * every {@code regretless.publish.interval.ms}. It decodes a few hundred bytes per update and does
 * the ridge update — no joins, no hashing, no whole-model encoding ({@link ModelJournal}).
 */
final class ModelUpdateProcessor extends LearningTaskProcessor {
    private static final AvroCodec<LearningUpdate> UPDATES = AvroCodec.of(LearningUpdate.class);
    private static final WireCodec<ModelSnapshot> SNAPSHOTS = WireCodec.of(ModelSnapshot.class);

    private static final AvroCodec<ModelReset> RESETS = AvroCodec.of(ModelReset.class);
    private static final long RESET_FINGERPRINT = SchemaNormalization.parsingFingerprint64(ModelReset.getClassSchema());
    private static final Logger LOG = LoggerFactory.getLogger(ModelUpdateProcessor.class);

    private ModelJournal models;
    private final Set<String> changed = new LinkedHashSet<>();
    /** Models whose stored state contradicts their configuration, with why; their updates are refused. */
    private final Map<String, String> conflicts = new HashMap<>();
    /** Models reset, whose published model must be withdrawn from the model topic. */
    private final Set<String> withdrawn = new LinkedHashSet<>();
    /** Models found in conflict, whose conflict must be published (deciders then refuse their requests). */
    private final Set<String> announced = new LinkedHashSet<>();

    ModelUpdateProcessor(RegretlessConfig config) {
        super(config, BanditTopology.MODEL_DEAD_LETTERS_SINK, null);
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        KeyValueStore<String, byte[]> snapshots = context.getStateStore(BanditTopology.MODELS_STORE);
        models = new ModelJournal(snapshots, context.getStateStore(BanditTopology.JOURNAL_STORE), config.models());
        try (KeyValueIterator<String, byte[]> stored = snapshots.all()) {
            stored.forEachRemaining(kv -> {
                if (config.models().containsKey(kv.key)) {
                    String conflict = models.conflict(kv.key);
                    if (conflict != null) {
                        inConflict(kv.key, conflict);
                    }
                }
            });
        }
        if (!config.publishInterval().isZero()) {
            context.schedule(config.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
        }
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        if (isReset(record.value())) {
            reset(RESETS.decode(record.value()));
            return;
        }
        LearningUpdate update = UPDATES.decode(record.value());
        ModelConfig model = StreamDecider.config(config.models(), update.getModelId());
        String conflict = conflicts.get(update.getModelId());
        if (conflict != null) {
            throw conflictLetter(update.getModelId(), conflict);
        }
        double[] features;
        try {
            features = LearningUpdates.features(update, model.bandit().featureDimension());
            models.apply(update.getModelId(), update, features, record.value());
        } catch (IllegalStateException e) {
            inConflict(update.getModelId(), e.getMessage());
            throw conflictLetter(update.getModelId(), e.getMessage());
        } catch (ModelCapacityExceededException e) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "the learner refused it: " + e.getMessage());
        }
        changed.add(update.getModelId());
        count("updates-applied-total", "Learning updates applied to their model", update.getModelId());
    }

    /** Whether the bytes are a single-object Avro {@link ModelReset} (its schema's fingerprint, little-endian, at 2). */
    private static boolean isReset(byte[] value) {
        return value != null && value.length >= 10 && value[0] == (byte) 0xC3 && value[1] == 0x01
            && ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == RESET_FINGERPRINT;
    }

    /** The model starts again from its prior; its published model is withdrawn at the next publication. */
    private void reset(ModelReset reset) {
        String modelId = reset.getModelId();
        StreamDecider.config(config.models(), modelId);
        models.reset(modelId);
        conflicts.remove(modelId);
        changed.remove(modelId);
        announced.remove(modelId);
        withdrawn.add(modelId);
        counters().set("models-in-conflict", "Models whose stored state contradicts their configuration",
            Map.of(), conflicts.size());
        LOG.warn("model '{}' was reset ({}): it starts again from its prior", modelId, reset.getReason());
        count("model-resets-total", "Models reset to their prior", modelId);
    }

    private void inConflict(String modelId, String why) {
        if (conflicts.put(modelId, why) == null) {
            announced.add(modelId);
            LOG.error("model '{}' cannot go on: {}. Its records are dead-lettered MODEL_STATE_CONFLICT and the other "
                + "models go on. Either give the new configuration a new model id, or start this model again from its "
                + "prior: java -jar regretless.jar models reset {} --config <the application's properties>", modelId, why,
                modelId);
        }
        counters().set("models-in-conflict", "Models whose stored state contradicts their configuration",
            Map.of(), conflicts.size());
    }

    private static InvalidRecordException conflictLetter(String modelId, String why) {
        return new InvalidRecordException(DeadLetterReason.MODEL_STATE_CONFLICT, why + " (model '" + modelId
            + "': reset it with `models reset " + modelId + "` or give the configuration a new model id)");
    }

    /**
     * Publishes every model that changed since the last publication, and snapshots it in the store;
     * withdraws (a tombstone) the published models of models reset, and publishes the conflicts
     * found (kind {@code bandit-conflict}, the reason as state) so every decider refuses their requests.
     */
    private void publish(long now) {
        for (String modelId : withdrawn) {
            context.forward(new Record<>(key(modelId), (byte[]) null, now), BanditTopology.SNAPSHOTS_SINK);
        }
        withdrawn.clear();
        for (String modelId : announced) {
            ModelSnapshot conflict = new ModelSnapshot(modelId, PublishedModels.BANDIT_CONFLICT, -1L, now,
                ByteBuffer.wrap(conflicts.get(modelId).getBytes(StandardCharsets.UTF_8)));
            context.forward(new Record<>(key(modelId), SNAPSHOTS.encode(conflict, config.outputFormat()), now),
                BanditTopology.SNAPSHOTS_SINK);
        }
        announced.clear();
        for (String modelId : changed) {
            models.snapshot(modelId);
            ModelConfig model = config.models().get(modelId);
            ContextualBandit learner = models.learner(modelId);
            PublishedBandit published = PublishedBandit.of(modelId, learner, model.bandit(), model.maxFeatures(),
                model.maxActions());
            ModelSnapshot snapshot = new ModelSnapshot(modelId, "bandit", published.version(), now,
                ByteBuffer.wrap(published.state()));
            context.forward(new Record<>(key(modelId), SNAPSHOTS.encode(snapshot, config.outputFormat()), now),
                BanditTopology.SNAPSHOTS_SINK);
        }
        changed.clear();
    }

    @Override
    protected void forget() {
        models.clear();
    }
}
