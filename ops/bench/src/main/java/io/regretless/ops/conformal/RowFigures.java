package io.regretless.ops.conformal;

import java.util.List;

import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.metrics.GroupCoverage;
import io.regretless.conformal.metrics.IntervalEvaluator;

/**
 * One calibrator run over a {@link ProtocolReplay} with the reference's figures: coverage, mean width over the
 * bounded intervals, the whole-run median half-width, LCE_20, LCE_100 and the share of unbounded intervals
 * ({@code frac_inf}), all from {@link IntervalEvaluator}. The run is the topology's: a {@link ConformalSeries}
 * warmed on the replay's calibration labels, then per step the interval from the radius before the label. When the
 * steps name groups, the radius is read and learned with them (as the topology does with a request's groups), and
 * {@link #groups()} holds the coverage on each.
 */
public record RowFigures(String series, String forecaster, String method, double target, long scored,
                         double coverage, double meanWidth, double medianHalfWidth, double lce20, double lce100,
                         double fracInf, List<GroupCoverage.Figure> groups) {

    public static RowFigures run(ProtocolReplay replay, MethodRow row, double target) {
        return run(replay, row, target, List.of());
    }

    /** {@link #run(ProtocolReplay, MethodRow, double)} with each streamed step's groups (empty: none at all). */
    public static RowFigures run(ProtocolReplay replay, MethodRow row, double target, List<List<String>> stepGroups) {
        if (!stepGroups.isEmpty() && stepGroups.size() != replay.steps()) {
            throw new IllegalArgumentException(stepGroups.size() + " steps of groups for " + replay.steps() + " steps");
        }
        ConformalSeries series = ConformalSeries.create(row.kind(), row.config(target), replay.warmup(),
            IntervalMetrics.LONG_WINDOW);
        IntervalEvaluator ev = new IntervalEvaluator(target, Math.max(1, replay.scored()),
            IntervalMetrics.SHORT_WINDOW, IntervalMetrics.LONG_WINDOW);
        double[] y = replay.y();
        double[] yhat = replay.yhat();
        for (int i = 0; i < y.length; i++) {
            List<String> groups = stepGroups.isEmpty() ? List.of() : stepGroups.get(i);
            double radius = series.radius(groups);
            double lower = InProcessRunner.lower(yhat[i], radius);
            double upper = InProcessRunner.upper(yhat[i], radius);
            if (series.observe(yhat[i], lower, upper, y[i], groups) != null) {
                ev.observe(y[i], lower, upper, groups);
            }
        }
        return new RowFigures(replay.series(), replay.forecaster().label(), row.name(), target, ev.count(),
            ev.coverage(), ev.meanWidth(), ev.medianHalfWidth(), ev.lce(IntervalMetrics.SHORT_WINDOW),
            ev.lce(IntervalMetrics.LONG_WINDOW), ev.unboundedShare(), ev.groupCoverage());
    }
}
