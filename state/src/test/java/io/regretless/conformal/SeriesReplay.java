package io.regretless.conformal;

import io.regretless.conformal.metrics.IntervalEvaluator;

/**
 * Replays a series through a calibrator with a naive base forecaster (ŷ_t = y_{t−1}), using the golden file's
 * protocol: min-max normalise; the first ⌊0.2·N⌋ points are the training prefix; its last ⌈0.2·|train|⌉ naive
 * residuals, without |z| ≥ 5 outliers, warm-start the calibrator; every later point is a test step (read the
 * radius, score, update).
 */
final class SeriesReplay {
    private SeriesReplay() {
    }

    static double[] normalise(double[] raw) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : raw) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = (raw[i] - min) / (max - min);
        }
        return y;
    }

    static int trainLength(int n) {
        return (int) (0.2 * n);
    }

    static double[] calibrationResiduals(double[] y) {
        int train = trainLength(y.length);
        int nc = Calibrators.calibrationSize(train);
        double[] r = new double[nc];
        for (int i = 0; i < nc; i++) {
            int t = train - nc + i;
            r[i] = y[t] - y[t - 1];
        }
        return Calibrators.removeOutliers(r);
    }

    static IntervalEvaluator run(double[] y, CalibratorKind kind, double coverage) {
        Calibrator c = Calibrators.warmStartFromResiduals(kind, CalibratorConfig.of(coverage), calibrationResiduals(y));
        IntervalEvaluator ev = new IntervalEvaluator(coverage, y.length, 20, 100);
        for (int t = trainLength(y.length); t < y.length; t++) {
            double yhat = y[t - 1];
            double r = c.radius();
            ev.observe(y[t], yhat - r, yhat + r);
            c.update(Math.abs(y[t] - yhat));
        }
        return ev;
    }
}
