package io.regretless.topology.experts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.experts.ExpertsModelCodec;
import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.state.PendingAdvice;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.DeadLetters;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.metrics.Counters;
import io.regretless.topology.snapshot.SnapshotPublisher;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.window.StreamTimeBoundaries;

/**
 * Sleeping experts for the models of one task: each case (advice) gets a combined prediction from
 * the model's weights, labels are joined to their case by id, update the model and yield each of
 * the case's groups' loss and regret, also kept as the gauges {@code group-regret} and
 * {@code group-loss} per model and group. Every refused record goes to the dead-letter sink with
 * its reason.
 */
final class ExpertsProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private static final AvroCodec<Advice> ADVICE = AvroCodec.of(Advice.class);
    private static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    private static final AvroCodec<CombinedPrediction> COMBINED = AvroCodec.of(CombinedPrediction.class);
    private static final AvroCodec<ExpertsEvaluation> EVALUATIONS = AvroCodec.of(ExpertsEvaluation.class);
    private static final AvroCodec<PendingAdvice> PENDING = AvroCodec.of(PendingAdvice.class);

    private final RegretlessConfig config;
    private ProcessorContext<byte[], byte[]> context;
    private ExpertsRepository models;
    private AttributionWindow<PendingAdvice> pending;
    private CaseCombiner combiner;
    private ExpertLabelJoiner joiner;
    private DeadLetters deadLetters;
    private Counters counters;
    private StreamTimeBoundaries boundaries;

    ExpertsProcessor(RegretlessConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        KeyValueStore<String, byte[]> store = context.getStateStore(ExpertsTopology.EXPERTS_STORE);
        ExpertsChecks checks = new ExpertsChecks(config.experts());
        models = new ExpertsRepository(store, config.experts());
        pending = new AttributionWindow<>(context, ExpertsTopology.PENDING_ADVICE, PENDING);
        combiner = new CaseCombiner(checks, models, pending);
        joiner = new ExpertLabelJoiner(checks, models, pending);
        counters = new Counters(context.metrics());
        deadLetters = new DeadLetters(context, ExpertsTopology.DEAD_LETTERS_SINK, counters);
        boundaries = new StreamTimeBoundaries(config.punctuationInterval());
        if (!config.snapshotInterval().isZero()) {
            SnapshotPublisher snapshots = new SnapshotPublisher(context, store, "experts",
                ExpertsModelCodec::version, ExpertsTopology.SNAPSHOTS_SINK);
            context.schedule(config.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, snapshots::publish);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        try {
            if (topic.equals(config.topics().advice())) {
                CombinedPrediction combined = combiner.combine(ADVICE.decode(record.value()), record.timestamp());
                context.forward(record.withKey(key(combined.getModelId())).withValue(COMBINED.encode(combined)),
                    ExpertsTopology.COMBINED_SINK);
                count("combined-total", "Combined predictions issued", combined.getModelId());
            } else if (topic.equals(config.topics().expertLabels())) {
                joinLabel(record);
            } else {
                throw new IllegalStateException("record from unexpected topic " + topic);
            }
        } catch (UnreadableRecordException e) {
            deadLetters.send(record, DeadLetterReason.UNREADABLE, e.getMessage());
        } catch (InvalidRecordException e) {
            deadLetters.send(record, e.reason(), e.getMessage());
        }
        long boundary = boundaries.crossed(context.currentStreamTimeMs());
        if (boundary != StreamTimeBoundaries.NONE) {
            expire(boundary);
        }
    }

    private void joinLabel(Record<byte[], byte[]> record) {
        Label label = LABELS.decode(record.value());
        List<ExpertsEvaluation> evaluations = joiner.join(label, record.timestamp());
        String model = label.getModelId();
        count("expert-labels-joined-total", "Labels joined to their sleeping-experts case", model);
        for (ExpertsEvaluation e : evaluations) {
            context.forward(record.withKey(key(model)).withValue(EVALUATIONS.encode(e)),
                ExpertsTopology.GROUP_EVALUATION_SINK);
            Map<String, String> tags = Map.of("model", model, "group", e.getGroup());
            counters.set("group-regret", "Square-loss regret against the least-squares fit in hindsight on the group",
                tags, e.getRegret());
            counters.set("group-loss", "Cumulative square loss of the combined predictions on the group",
                tags, e.getAlgorithmLoss());
        }
    }

    private void expire(long streamTime) {
        for (PendingAdvice waiting : pending.expired(streamTime)) {
            joiner.expire(waiting);
            count("expert-labels-missing-total", "Sleeping-experts cases whose label never came",
                waiting.getCombined().getModelId());
        }
    }

    private void count(String name, String description, String modelId) {
        counters.increment(name, description, Map.of("model", modelId));
    }

    private static byte[] key(String modelId) {
        return modelId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (models != null) {
            models.clear();
        }
    }
}
