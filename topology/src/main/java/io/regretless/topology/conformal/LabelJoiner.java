package io.regretless.topology.conformal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.metrics.IntervalEvaluator;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.GroupCoverage;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.state.PendingPrediction;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * Joins a label to its pending interval by id inside the label window, lets the series learn from
 * it with the prediction's groups, and reports the series' running evaluation, with the coverage of each of
 * those groups. Predictions whose label never comes are dropped when their window closes, without learning.
 */
final class LabelJoiner {
    private final Map<String, ConformalModelConfig> configs;
    private final LearnerStore<ConformalSeries> series;
    private final AttributionWindow<PendingPrediction> pending;

    LabelJoiner(Map<String, ConformalModelConfig> configs, LearnerStore<ConformalSeries> series,
                AttributionWindow<PendingPrediction> pending) {
        this.configs = configs;
        this.series = series;
        this.pending = pending;
    }

    /** Learns from the label; returns the evaluation after it, or null for a warm-up label. */
    ConformalEvaluation join(Label label, long recordTime) {
        ConformalModelConfig config = ConformalChecks.model(configs, label.getId(), label.getModelId(), label.getValue(),
            "label value");
        PendingPrediction waiting = pending.awaiting(label.getId());
        PredictionInterval interval = waiting.getInterval();
        if (!interval.getModelId().equals(label.getModelId())) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "label names model '"
                + label.getModelId() + "' but prediction '" + label.getId() + "' is of '" + interval.getModelId() + "'");
        }
        pending.requireOnTime(recordTime, waiting.getDeadline());
        List<String> groups = waiting.getGroups();
        ConformalChecks.requireRoom(label.getModelId(), groups, config, series.get(label.getModelId()));
        pending.complete(label.getId(), waiting.getDeadline(), recordTime, config.labelWindow().toMillis());
        double lower = interval.getLower() == null ? Double.NEGATIVE_INFINITY : interval.getLower();
        double upper = interval.getUpper() == null ? Double.POSITIVE_INFINITY : interval.getUpper();
        Boolean covered = series.update(label.getModelId(),
            s -> s.observe(interval.getPrediction(), lower, upper, label.getValue(), groups));
        return covered == null ? null : evaluation(label, series.get(label.getModelId()), covered, groups);
    }

    /**
     * How long a prediction whose label did not come in time is remembered after its deadline (one
     * more label window), so that its label is named late; the series does not learn from it.
     */
    long memory(PendingPrediction waiting) {
        return configs.get(waiting.getInterval().getModelId()).labelWindow().toMillis();
    }

    private static ConformalEvaluation evaluation(Label label, ConformalSeries series, boolean covered,
                                                  List<String> groups) {
        IntervalEvaluator e = series.evaluator();
        int k = series.lceWindow();
        List<GroupCoverage> perGroup = new ArrayList<>(groups.size());
        for (String g : groups) {
            io.regretless.conformal.metrics.GroupCoverage.Figure f = e.groupCoverage(g);
            perGroup.add(new GroupCoverage(g, f.scored(), f.coverage()));
        }
        return ConformalEvaluation.newBuilder()
            .setModelId(label.getModelId())
            .setCalibrator(series.kind().wireName())
            .setCoverageTarget(series.coverage())
            .setLabels(e.count())
            .setCovered(covered)
            .setCoverage(e.coverage())
            .setMeanWidth(finiteOrNull(e.meanWidth()))
            .setMedianHalfWidth(finiteOrNull(e.medianHalfWidth()))
            .setWindow(k)
            .setWindowCoverage(finiteOrNull(e.windowCoverage(k)))
            .setLocalCoverageError(finiteOrNull(e.lce(k)))
            .setTimestamp(label.getTimestamp())
            .setGroups(perGroup)
            .build();
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
