package io.regretless.ops.conformal;

import java.util.Arrays;

import io.regretless.conformal.Calibrators;

/**
 * One series as the benchmark streams it, following the golden protocol
 * ({@code data/conformal-golden} in the repository): the series (optionally cut to its first {@code points}) is
 * min-max normalised over its whole length; the first ⌊0.2·N⌋ points are the training prefix and
 * the last ⌈0.2·|train|⌉ of them the calibration steps. The stream starts at the first calibration
 * step: its first {@link #warmup()} labels are the calibration set (the series removes outliers from
 * their residuals itself when it warm-starts), every later step, up to the end of the series, is a
 * scored test step.
 *
 * @param series     the source series
 * @param forecaster the base forecaster
 * @param start      index in the series of the first streamed step
 * @param y          true values of the streamed steps
 * @param yhat       the forecaster's predictions of the streamed steps
 * @param warmup     the number of calibration steps at the head of the stream
 */
public record Replay(BenchSeries series, Forecaster forecaster, int start, double[] y, double[] yhat, int warmup) {

    /**
     * The replay of {@code series} under {@code forecaster}, using the first {@code points} points of
     * the series (all when {@code points} is 0 or more than the series has).
     */
    public static Replay of(BenchSeries series, Forecaster forecaster, int points) {
        double[] raw = series.raw();
        if (points > 0 && points < raw.length) {
            raw = Arrays.copyOf(raw, points);
        }
        double[] values = BenchSeries.normalise(raw);
        int n = values.length;
        int train = (int) Math.floor(0.2 * n);
        int calibration = Calibrators.calibrationSize(train);
        int start = train - calibration;
        int lag = forecaster.lag(series);
        if (calibration < 1 || start < lag || train >= n) {
            throw new IllegalArgumentException(n + " points of " + series + " are too few for the "
                + forecaster + " forecaster (lag " + lag + "): the calibration steps would start at " + start);
        }
        double[] y = new double[n - start];
        double[] yhat = new double[n - start];
        for (int i = 0; i < y.length; i++) {
            y[i] = values[start + i];
            yhat[i] = values[start + i - lag];
        }
        return new Replay(series, forecaster, start, y, yhat, calibration);
    }

    /** Streamed steps, i.e. labels per model: warm-up plus scored. */
    public int steps() {
        return y.length;
    }

    /** Scored (test) steps. */
    public int scored() {
        return y.length - warmup;
    }
}
