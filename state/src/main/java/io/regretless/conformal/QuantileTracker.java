package io.regretless.conformal;

/**
 * The quantile tracker of Angelopoulos, Candès &amp; Tibshirani ("Conformal PID control for time series
 * prediction", NeurIPS 2023; code aangelopoulos/conformal-time-series, {@code quantile} with
 * {@code proportional_lr=True}), kept as a reference point: online gradient descent on the pinball loss with a
 * learning rate proportional to the range of recent scores,
 * r ← r − η_t · (α if s ≤ r else −(1 − α)), η_t = lr · (max − min of the last W scores before s).
 *
 * <p>Warm start, as in the golden file: r starts at the inverted-CDF c-quantile of the calibration scores (0
 * without any) and the calibration scores seed the W-score window; r is not replayed over them. With an empty
 * window η_t = lr. O(W) per step (W = 100 by default); state W + 4 numbers.
 */
public final class QuantileTracker implements Calibrator {
    /** The coverage, the learning rate, the radius, the window's size W and its scores, oldest first. */
    public record State(double coverage, double learningRate, double radius, int window, double[] recent)
        implements Calibrator.State {
    }

    private final double coverage;
    private final double alpha;
    private final double learningRate;
    private final double[] window;
    private int head;
    private int count;
    private double radius;

    private QuantileTracker(double coverage, double learningRate, int windowSize, double radius) {
        this.coverage = coverage;
        this.alpha = 1 - coverage;
        this.learningRate = learningRate;
        this.window = new double[windowSize];
        this.radius = radius;
    }

    public static QuantileTracker warmStarted(CalibratorConfig config, double[] calibrationScores) {
        QuantileTracker q = new QuantileTracker(config.coverage(), config.trackerLearningRate(),
                config.trackerWindow(), EmpiricalQuantile.of(calibrationScores, config.coverage()));
        for (double s : calibrationScores) {
            q.remember(s);
        }
        return q;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.QUANTILE_TRACKER;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    @Override
    public double radius() {
        return radius;
    }

    @Override
    public void update(double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN");
        }
        double lr = learningRate;
        if (count > 0) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                max = Math.max(max, window[i]);
                min = Math.min(min, window[i]);
            }
            lr = learningRate * (max - min);
        }
        double grad = radius >= score ? alpha : -(1 - alpha);
        radius = radius - lr * grad;
        remember(score);
    }

    private void remember(double s) {
        if (count < window.length) {
            window[count++] = s;
        } else {
            window[head] = s;
            head = (head + 1) % window.length;
        }
    }

    @Override
    public State state() {
        double[] chronological = new double[count];
        int start = count < window.length ? 0 : head;
        for (int i = 0; i < count; i++) {
            chronological[i] = window[(start + i) % window.length];
        }
        return new State(coverage, learningRate, radius, window.length, chronological);
    }

    /** @throws IllegalArgumentException if the state is not a valid tracker's */
    public static QuantileTracker restore(State state) {
        if (state.window() < 1 || state.recent().length > state.window()) {
            throw new IllegalArgumentException("corrupt quantile-tracker state");
        }
        QuantileTracker q = new QuantileTracker(state.coverage(), state.learningRate(), state.window(),
            state.radius());
        for (double s : state.recent()) {
            q.remember(s);
        }
        return q;
    }
}
