package io.regretless.conformal;

/**
 * Forecasts the next nonconformity score from the past ones: the scorecaster of conformal PID control
 * (Angelopoulos, Candès &amp; Tibshirani, "Conformal PID control for time series prediction", NeurIPS 2023, the
 * "D" term), here an ordinary least-squares regression of s_t on x_t = [1, s_{t−1}, …, s_{t−L}, e_fast, e_slow]
 * (the last L = {@value #LAGS} scores, and exponential moving averages with weights 0.2 and 0.02 on the newest
 * score, a heterogeneous-autoregressive volatility model), fitted online over every past step by recursive least
 * squares (P₀ = I, no forgetting). Scores enter divided by a fixed scale (the mean calibration score), so the
 * fit does not depend on the units of the series. Before L scores exist, missing lags read as the slow average.
 *
 * <p>O(d²) per step with d = L + 3 = {@value #DIM}; state d² + 2d + L + 5 numbers (about 2.7 KB). Deterministic,
 * no transcendental functions.
 */
final class Scorecaster {
    static final int LAGS = 14;
    static final int DIM = LAGS + 3;
    private static final double PRIOR = 1;
    private static final double FAST = 0.2;
    private static final double SLOW = 0.02;

    private final double unit;
    private final double[] lags = new double[LAGS];
    private long seen;
    private double fast;
    private double slow;
    private final double[] theta = new double[DIM];
    private final double[] p = new double[DIM * DIM];
    private final double[] x = new double[DIM];
    private final double[] px = new double[DIM];

    Scorecaster(double unit) {
        if (!(unit > 0 && unit < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scorecaster unit must be positive and finite, got " + unit);
        }
        this.unit = unit;
        for (int i = 0; i < DIM; i++) {
            p[i * DIM + i] = PRIOR;
        }
    }

    /** The forecast of the next score (in score units). */
    double forecast() {
        features();
        double f = 0;
        for (int i = 0; i < DIM; i++) {
            f += theta[i] * x[i];
        }
        return f * unit;
    }

    /** Learns the score of the step just forecast, then remembers it as the newest lag. */
    void update(double score) {
        double s = score / unit;
        if (seen > 0) {
            features();
            double denom = 1;
            for (int i = 0; i < DIM; i++) {
                double v = 0;
                for (int j = 0; j < DIM; j++) {
                    v += p[i * DIM + j] * x[j];
                }
                px[i] = v;
                denom += x[i] * v;
            }
            double err = s;
            for (int i = 0; i < DIM; i++) {
                err -= theta[i] * x[i];
            }
            for (int i = 0; i < DIM; i++) {
                theta[i] += px[i] * err / denom;
            }
            for (int i = 0; i < DIM; i++) {
                for (int j = 0; j < DIM; j++) {
                    p[i * DIM + j] -= px[i] * px[j] / denom;
                }
            }
        }
        if (seen == 0) {
            fast = s;
            slow = s;
        }
        fast = (1 - FAST) * fast + FAST * s;
        slow = (1 - SLOW) * slow + SLOW * s;
        lags[(int) (seen % LAGS)] = s;
        seen++;
    }

    private void features() {
        x[0] = 1;
        for (int i = 0; i < LAGS; i++) {
            x[1 + i] = seen > i ? lags[(int) ((seen - 1 - i) % LAGS)] : slow;
        }
        x[1 + LAGS] = fast;
        x[2 + LAGS] = slow;
    }

    DefaultCalibrator.ScorecasterState state() {
        return new DefaultCalibrator.ScorecasterState(unit, seen, fast, slow, lags.clone(), theta.clone(), p.clone());
    }

    static Scorecaster restore(DefaultCalibrator.ScorecasterState state) {
        Scorecaster s = new Scorecaster(state.unit());
        s.seen = state.seen();
        s.fast = state.fast();
        s.slow = state.slow();
        if (s.seen < 0 || state.lags().length != LAGS || state.theta().length != DIM
                || state.p().length != DIM * DIM) {
            throw new IllegalArgumentException("corrupt scorecaster state");
        }
        System.arraycopy(state.lags(), 0, s.lags, 0, LAGS);
        System.arraycopy(state.theta(), 0, s.theta, 0, DIM);
        System.arraycopy(state.p(), 0, s.p, 0, DIM * DIM);
        return s;
    }
}
