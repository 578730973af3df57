package io.regretless.topology.conformal;

import java.util.List;
import java.util.Map;

import io.regretless.conformal.ConformalSeries;
import io.regretless.schemas.PredictionInterval;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.state.PendingPrediction;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * Turns a point prediction into an interval with the series' current radius for the prediction's groups and waits
 * for its label, keeping the groups with it. The series accepts the groups here, before any label can need them, so
 * a request whose groups the series could not hold is the one refused.
 */
final class IntervalIssuer {
    private final Map<String, ConformalModelConfig> configs;
    private final LearnerStore<ConformalSeries> series;
    private final AttributionWindow<PendingPrediction> pending;

    IntervalIssuer(Map<String, ConformalModelConfig> configs, LearnerStore<ConformalSeries> series,
                   AttributionWindow<PendingPrediction> pending) {
        this.configs = configs;
        this.series = series;
        this.pending = pending;
    }

    PredictionInterval issue(PredictionRequest request, long recordTime) {
        ConformalModelConfig config = ConformalChecks.model(configs, request.getId(), request.getModelId(),
            request.getPrediction(), "prediction");
        Double target = request.getTargetCoverage();
        if (target != null && target != config.calibration().coverage()) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "target coverage " + target
                + " differs from the configured " + config.calibration().coverage() + " of model '"
                + request.getModelId() + "'");
        }
        pending.requireNew(request.getId());
        List<String> groups = request.getGroups();
        ConformalSeries calibrated = series.get(request.getModelId());
        ConformalChecks.requireGroups(request.getModelId(), groups, config, calibrated);
        if (!calibrated.hasAccepted(groups)) {
            calibrated = series.update(request.getModelId(), s -> {
                s.accept(groups);
                return s;
            });
        }
        double radius = calibrated.radius(groups);
        double yhat = request.getPrediction();
        PredictionInterval interval = PredictionInterval.newBuilder()
            .setId(request.getId())
            .setModelId(request.getModelId())
            .setPrediction(yhat)
            .setLower(Double.isFinite(yhat - radius) ? yhat - radius : null)
            .setUpper(Double.isFinite(yhat + radius) ? yhat + radius : null)
            .setCoverageTarget(config.calibration().coverage())
            .setCalibrator(calibrated.kind().wireName())
            .setVersion(calibrated.version())
            .setTimestamp(request.getTimestamp())
            .build();
        long deadline = recordTime + config.labelWindow().toMillis();
        pending.open(request.getId(), new PendingPrediction(interval, deadline, groups), deadline);
        return interval;
    }
}
