package io.regretless.ops.conformal;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.ConformalSeries;
import io.regretless.conformal.metrics.IntervalEvaluator;

/**
 * Runs a row with the learner alone, without Kafka: one {@link ConformalSeries} configured as the
 * topology configures a model ({@link CalibratorConfig#of} the target, warm-up = the replay's
 * calibration steps, LCE window 100), fed step by step exactly as the topology feeds it: the
 * interval [ŷ − r, ŷ + r] from the radius before the label (an infinite bound stands for the
 * unbounded side), then the label with that interval. Deterministic.
 */
public final class InProcessRunner {
    /** The LCE window the models are configured with (the evaluation records' LCE is LCE_100). */
    public static final int MODEL_LCE_WINDOW = IntervalMetrics.LONG_WINDOW;

    private InProcessRunner() {
    }

    public static CellRun run(Cell cell, Replay replay) {
        ConformalSeries series = ConformalSeries.create(cell.calibrator(), CalibratorConfig.of(cell.target()),
            replay.warmup(), MODEL_LCE_WINDOW);
        int scored = replay.scored();
        IntervalEvaluator evaluator = new IntervalEvaluator(cell.target(), Math.max(1, scored),
            IntervalMetrics.SHORT_WINDOW, IntervalMetrics.LONG_WINDOW);
        boolean[] covered = new boolean[scored];
        double[] widths = new double[scored];
        double[] y = replay.y();
        double[] yhat = replay.yhat();
        int s = 0;
        for (int i = 0; i < y.length; i++) {
            double radius = series.radius();
            double lower = lower(yhat[i], radius);
            double upper = upper(yhat[i], radius);
            Boolean hit = series.observe(yhat[i], lower, upper, y[i]);
            if (hit != null) {
                boolean h = evaluator.observe(y[i], lower, upper);
                if (h != hit) {
                    throw new IllegalStateException("the series and the evaluator disagree on step " + i);
                }
                covered[s] = hit;
                widths[s] = upper - lower;
                s++;
            }
        }
        if (s != scored) {
            throw new IllegalStateException(cell.modelId() + ": " + s + " scored steps, expected " + scored);
        }
        return new CellRun(cell, y.length, covered, widths, IntervalMetrics.of(evaluator));
    }

    /** The interval's lower bound as the topology issues it: ŷ − r, or −∞ (a null bound on the wire). */
    static double lower(double yhat, double radius) {
        double v = yhat - radius;
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }

    /** The interval's upper bound as the topology issues it: ŷ + r, or +∞ (a null bound on the wire). */
    static double upper(double yhat, double radius) {
        double v = yhat + radius;
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
