package io.regretless.ops.conformal;

import io.regretless.conformal.Calibrators;

/**
 * A series prepared as the conformal-reference protocol says ({@code data/README.md}): min-max scaled over its
 * whole length; train = ⌊0.2·T⌋, cal = ⌈0.2·train⌉; the base forecaster fitted on the first train − cal points;
 * the stream starts at the first calibration point, whose {@link #warmup()} labels warm the calibrator (outliers
 * with |z| ≥ 5 are dropped by the series itself), and every later step, T − train of them, is scored.
 *
 * @param series     a name for tables
 * @param forecaster the base forecaster
 * @param y          true values of the streamed steps (scaled)
 * @param yhat       the forecasts of the streamed steps
 * @param warmup     the calibration steps at the head of the stream
 */
public record ProtocolReplay(String series, BaseForecaster forecaster, double[] y, double[] yhat, int warmup) {

    public static ProtocolReplay of(String series, double[] raw, BaseForecaster forecaster) {
        double[] values = BenchSeries.normalise(raw);
        int n = values.length;
        int train = (int) Math.floor(0.2 * n);
        int cal = Calibrators.calibrationSize(train);
        int start = train - cal;
        if (cal < 1 || start < forecaster.lag() || train >= n) {
            throw new IllegalArgumentException(n + " points of " + series + " are too few for " + forecaster.label()
                + ": the calibration steps would start at " + start);
        }
        double[] forecasts = forecaster.forecasts(values, start);
        double[] y = new double[n - start];
        double[] yhat = new double[n - start];
        for (int i = 0; i < y.length; i++) {
            y[i] = values[start + i];
            yhat[i] = forecasts[start + i];
        }
        return new ProtocolReplay(series, forecaster, y, yhat, cal);
    }

    public int steps() {
        return y.length;
    }

    public int scored() {
        return y.length - warmup;
    }

    /** Mean |y − ŷ| over the scored steps (the reference's base_MAE). */
    public double baseMae() {
        double sum = 0;
        for (int i = warmup; i < y.length; i++) {
            sum += Math.abs(y[i] - yhat[i]);
        }
        return sum / scored();
    }
}
