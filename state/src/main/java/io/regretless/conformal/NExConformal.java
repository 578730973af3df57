package io.regretless.conformal;

/**
 * Non-exchangeable split conformal prediction (NExCP; Barber, Candès, Ramdas &amp; Tibshirani 2022, "Conformal
 * prediction beyond exchangeability", arXiv:2202.13415, nonexchangeable split conformal with fixed weights): the
 * score of age a (0 = newest) has weight γ^a with γ = c + 3(1 − c)/4, and the radius is the weighted c-quantile
 * (reference {@code nex_conformal.NExConformal}, weights {@code exp(log γ · a)}).
 *
 * <p>Keeps the newest {@link CalibratorConfig#exactHistory()} = N scores (the reference keeps all): the older ones
 * hold at most γ^N of the total weight (γ^16384 &lt; 1e-17 for c ≤ 0.99), below the resolution of the weighted
 * CDF in double precision, so the radius is the reference's; it is exact outright while fewer than N scores have
 * been seen. Warm start: the calibration scores are the first history.
 * Radius O(n) (two passes over the sorted scores, cached until the next update), update O(log n + n).
 */
public final class NExConformal implements Calibrator {
    /** The coverage and the last scores. */
    public record State(double coverage, ScoreHistory.State history) implements Calibrator.State {
    }

    private final double coverage;
    private final double gamma;
    private final ScoreHistory history;
    private double[] weightsByAge = new double[0];
    private double cached = Double.NaN;

    private NExConformal(double coverage, ScoreHistory history) {
        this.coverage = coverage;
        this.gamma = coverage + 3 * (1 - coverage) / 4;
        this.history = history;
    }

    public static NExConformal warmStarted(CalibratorConfig config, double[] calibrationScores) {
        return new NExConformal(config.coverage(), ScoreHistory.of(config.exactHistory(), calibrationScores));
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.NEXCP;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    /** The discount γ = c + 3(1 − c)/4. */
    public double gamma() {
        return gamma;
    }

    @Override
    public double radius() {
        if (Double.isNaN(cached)) {
            ensureWeights(history.size());
            cached = EmpiricalQuantile.weighted(history, coverage, weightsByAge);
        }
        return cached;
    }

    /** Weights are a pure function of age, so they are tabulated once, growing by doubling up to the capacity. */
    private void ensureWeights(int n) {
        if (weightsByAge.length >= n) {
            return;
        }
        int length = Math.min(history.capacity(), Math.max(n, 2 * weightsByAge.length));
        double logGamma = StrictMath.log(gamma);
        double[] w = new double[length];
        for (int a = 0; a < length; a++) {
            w[a] = StrictMath.exp(logGamma * a);
        }
        weightsByAge = w;
    }

    @Override
    public void update(double score) {
        history.add(score);
        cached = Double.NaN;
    }

    @Override
    public State state() {
        return new State(coverage, history.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static NExConformal restore(State state) {
        return new NExConformal(state.coverage(), ScoreHistory.restore(state.history()));
    }
}
