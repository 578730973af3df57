package io.regretless.topology.experts;

import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.codec.ExpertsModelCodec;
import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.PendingAdvice;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.task.LearningTaskProcessor;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;
import io.regretless.experts.ExpertsModel;

/**
 * Sleeping experts for the models of one task: each case (advice) gets a combined prediction from
 * the model's weights, labels are joined to their case by id, update the model and yield each of
 * the case's groups' loss and regret, also kept as the gauges {@code group-regret} and
 * {@code group-loss} per model and group.
 */
final class ExpertsProcessor extends LearningTaskProcessor {
    private static final WireCodec<Advice> ADVICE = WireCodec.of(Advice.class);
    private static final WireCodec<Label> LABELS = WireCodec.of(Label.class);
    private static final WireCodec<CombinedPrediction> COMBINED = WireCodec.of(CombinedPrediction.class);
    private static final WireCodec<ExpertsEvaluation> EVALUATIONS = WireCodec.of(ExpertsEvaluation.class);
    private static final AvroCodec<PendingAdvice> PENDING = AvroCodec.of(PendingAdvice.class);

    private LearnerStore<ExpertsModel> models;
    private AttributionWindow<PendingAdvice> pending;
    private CaseCombiner combiner;
    private ExpertLabelJoiner joiner;

    ExpertsProcessor(RegretlessConfig config) {
        super(config, ExpertsTopology.DEAD_LETTERS_SINK, new Snapshots(ExpertsTopology.EXPERTS_STORE, "experts",
            ExpertsModelCodec::version, ExpertsTopology.SNAPSHOTS_SINK));
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        ExpertsChecks checks = new ExpertsChecks(config.experts());
        models = ExpertsRepository.of(context.getStateStore(ExpertsTopology.EXPERTS_STORE), config.experts());
        pending = new AttributionWindow<>(context, ExpertsTopology.PENDING_ADVICE, PENDING,
            AttributionWindow.Words.labels("case", "combined"));
        combiner = new CaseCombiner(checks, models, pending);
        joiner = new ExpertLabelJoiner(checks, models, pending);
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        if (topic.equals(config.topics().advice())) {
            CombinedPrediction combined = combiner.combine(ADVICE.decode(record.value(), record.timestamp()), record.timestamp());
            context.forward(record.withKey(key(combined.getModelId())).withValue(COMBINED.encode(combined, config.outputFormat())),
                ExpertsTopology.COMBINED_SINK);
            count("combined-total", "Combined predictions issued", combined.getModelId());
        } else if (topic.equals(config.topics().expertLabels())) {
            joinLabel(record);
        } else {
            throw unexpected(topic);
        }
    }

    private void joinLabel(Record<byte[], byte[]> record) {
        Label label = LABELS.decode(record.value(), record.timestamp());
        List<ExpertsEvaluation> evaluations = joiner.join(label, record.timestamp());
        String model = label.getModelId();
        count("expert-labels-joined-total", "Labels joined to their sleeping-experts case", model);
        for (ExpertsEvaluation e : evaluations) {
            context.forward(record.withKey(key(model)).withValue(EVALUATIONS.encode(e, config.outputFormat())),
                ExpertsTopology.GROUP_EVALUATION_SINK);
            Map<String, String> tags = Map.of("model", model, "group", e.getGroup());
            counters().set("group-regret", "Square-loss regret against the least-squares fit in hindsight on the group",
                tags, e.getRegret());
            counters().set("group-loss", "Cumulative square loss of the combined predictions on the group",
                tags, e.getAlgorithmLoss());
        }
    }

    @Override
    protected void expire(long upTo) {
        pending.expire(upTo, joiner::memory, waiting -> count("expert-labels-missing-total",
            "Sleeping-experts cases whose label never came", waiting.getCombined().getModelId()));
    }

    @Override
    protected void forget() {
        models.clear();
    }
}
