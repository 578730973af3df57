package io.regretless.topology.conformal;

import java.util.Map;

import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.regretless.conformal.ConformalSeries;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.GroupCoverage;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.state.ConformalModelState;
import io.regretless.schemas.state.PendingPrediction;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.task.LearningTaskProcessor;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * Online conformal prediction for the series of one task: prediction requests get an interval from
 * the series' calibrator (for the request's groups), labels are joined to their interval by id, update the
 * calibrator and yield the running evaluation. Prediction requests and labels of a series are co-partitioned by
 * model id. Gauges per series: {@code interval-coverage}, {@code interval-median-half-width},
 * {@code interval-local-coverage-error}, and per group of a scored label {@code interval-group-coverage} (tags
 * {@code model}, {@code group}; at most {@link io.regretless.conformal.ConformalSeries#MAX_GROUPS} per series).
 */
final class ConformalProcessor extends LearningTaskProcessor {
    private static final WireCodec<PredictionRequest> REQUESTS = WireCodec.of(PredictionRequest.class);
    private static final WireCodec<Label> LABELS = WireCodec.of(Label.class);
    private static final WireCodec<PredictionInterval> INTERVALS = WireCodec.of(PredictionInterval.class);
    private static final WireCodec<ConformalEvaluation> EVALUATIONS = WireCodec.of(ConformalEvaluation.class);
    private static final AvroCodec<PendingPrediction> PENDING = AvroCodec.of(PendingPrediction.class);
    private static final AvroCodec<ConformalModelState> STATES = AvroCodec.of(ConformalModelState.class);

    private LearnerStore<ConformalSeries> series;
    private AttributionWindow<PendingPrediction> pending;
    private IntervalIssuer issuer;
    private LabelJoiner joiner;

    ConformalProcessor(RegretlessConfig config) {
        super(config, ConformalTopology.DEAD_LETTERS_SINK, new Snapshots(ConformalTopology.CALIBRATORS_STORE,
            "conformal", bytes -> STATES.decode(bytes).getVersion(), ConformalTopology.SNAPSHOTS_SINK));
    }

    @Override
    protected void initPart(ProcessorContext<byte[], byte[]> context) {
        series = SeriesRepository.of(context.getStateStore(ConformalTopology.CALIBRATORS_STORE), config.conformal());
        pending = new AttributionWindow<>(context, ConformalTopology.PENDING_PREDICTIONS, PENDING,
            AttributionWindow.Words.labels("prediction", "issued an interval"));
        issuer = new IntervalIssuer(config.conformal(), series, pending);
        joiner = new LabelJoiner(config.conformal(), series, pending);
    }

    @Override
    protected void route(String topic, Record<byte[], byte[]> record) {
        if (topic.equals(config.topics().predictionRequests())) {
            PredictionInterval interval = issuer.issue(REQUESTS.decode(record.value(), record.timestamp()), record.timestamp());
            context.forward(record.withKey(key(interval.getModelId())).withValue(INTERVALS.encode(interval, config.outputFormat())),
                ConformalTopology.INTERVALS_SINK);
            count("intervals-total", "Prediction intervals issued", interval.getModelId());
        } else if (topic.equals(config.topics().labels())) {
            joinLabel(record);
        } else {
            throw unexpected(topic);
        }
    }

    private void joinLabel(Record<byte[], byte[]> record) {
        Label label = LABELS.decode(record.value(), record.timestamp());
        ConformalEvaluation evaluation = joiner.join(label, record.timestamp());
        count("labels-joined-total", "Labels joined to their intervals", label.getModelId());
        if (evaluation != null) {
            context.forward(record.withKey(key(label.getModelId())).withValue(EVALUATIONS.encode(evaluation, config.outputFormat())),
                ConformalTopology.EVALUATION_SINK);
            count(evaluation.getCovered() ? "intervals-covered-total" : "intervals-missed-total",
                "Scored labels inside (covered) or outside (missed) their interval", label.getModelId());
            Map<String, String> tags = Map.of("model", label.getModelId());
            counters().set("interval-coverage", "Fraction of scored labels inside their interval", tags,
                evaluation.getCoverage());
            if (evaluation.getMedianHalfWidth() != null) {
                counters().set("interval-median-half-width", "Median half-width of the scored intervals", tags,
                    evaluation.getMedianHalfWidth());
            }
            if (evaluation.getLocalCoverageError() != null) {
                counters().set("interval-local-coverage-error", "LCE_k of the scored intervals", tags,
                    evaluation.getLocalCoverageError());
            }
            for (GroupCoverage g : evaluation.getGroups()) {
                counters().set("interval-group-coverage", "Fraction of a group's scored labels inside their interval",
                    Map.of("model", label.getModelId(), "group", g.getGroup()), g.getCoverage());
            }
        }
    }

    @Override
    protected void expire(long upTo) {
        pending.expire(upTo, joiner::memory, waiting ->
            count("labels-missing-total", "Predictions whose label never came", waiting.getInterval().getModelId()));
    }

    @Override
    protected void forget() {
        series.clear();
    }
}
