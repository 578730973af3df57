package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.bandit.PublishedBandit;
import io.regretless.schemas.LearningUpdate;
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

    private ModelJournal models;
    private final Set<String> changed = new LinkedHashSet<>();

    ModelUpdateProcessor(RegretlessConfig config) {
        super(config, BanditTopology.MODEL_DEAD_LETTERS_SINK, null);
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        models = new ModelJournal(context.getStateStore(BanditTopology.MODELS_STORE),
            context.getStateStore(BanditTopology.JOURNAL_STORE), config.models());
        if (!config.publishInterval().isZero()) {
            context.schedule(config.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
        }
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        LearningUpdate update = UPDATES.decode(record.value());
        ModelConfig model = StreamDecider.config(config.models(), update.getModelId());
        double[] features;
        try {
            features = LearningUpdates.features(update, model.bandit().featureDimension());
            models.apply(update.getModelId(), update, features, record.value());
        } catch (ModelCapacityExceededException e) {
            throw new InvalidRecordException(DeadLetterReason.TOO_MANY_ACTIONS, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "the learner refused it: " + e.getMessage());
        }
        changed.add(update.getModelId());
        count("updates-applied-total", "Learning updates applied to their model", update.getModelId());
    }

    /** Publishes every model that changed since the last publication, and snapshots it in the store. */
    private void publish(long now) {
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
    protected void expire(long upTo) {
        // updates carry no windows: they were closed where they were joined
    }

    @Override
    public void close() {
        if (models != null) {
            models.clear();
        }
    }
}
