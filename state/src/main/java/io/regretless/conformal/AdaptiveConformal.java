package io.regretless.conformal;

/**
 * Adaptive conformal inference (ACI; Gibbs &amp; Candès, "Adaptive conformal inference under distribution shift",
 * NeurIPS 2021): the quantile level follows the coverage errors,
 * α_{t+1} = α_t + γ(α − err_t) with err_t = 1 if s_t &gt; r_t, and r_t is the ⌈(1 − α_t)(n + 1)⌉-th smallest of
 * the n stored scores; +∞ when that rank exceeds n (the interval must be infinite to keep the guarantee), 0 when
 * α_t ≥ 1. α_t is deliberately not clipped: its excursions are what restore long-run coverage.
 *
 * <p>Warm start: the calibration scores seed the history and α_t starts at α = 1 − c; α is not updated over the
 * calibration scores. That is what the golden file (a port of the reference, whose repository has no ACI class)
 * does, step for step. Ranks every past score ({@link PastScores}: exact up to
 * {@link CalibratorConfig#exactHistory()}, then within ε of the level). Radius O(1) while exact, update
 * O(log n + n).
 */
public final class AdaptiveConformal implements Calibrator {
    /** The coverage, γ, the current level α_t and every past score. */
    public record State(double coverage, double gamma, double alphaT, PastScores.State history)
        implements Calibrator.State {
    }

    private final double coverage;
    private final double alpha;
    private final double gamma;
    private final PastScores history;
    private double alphaT;

    private AdaptiveConformal(double coverage, double gamma, PastScores history, double alphaT) {
        this.coverage = coverage;
        this.alpha = 1 - coverage;
        this.gamma = gamma;
        this.history = history;
        this.alphaT = alphaT;
    }

    public static AdaptiveConformal warmStarted(CalibratorConfig config, double[] calibrationScores) {
        return new AdaptiveConformal(config.coverage(), config.aciGamma(),
                PastScores.of(config.exactHistory(), calibrationScores), 1 - config.coverage());
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.ACI;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    /** The current miscoverage level α_t. */
    public double alphaT() {
        return alphaT;
    }

    @Override
    public double radius() {
        if (alphaT >= 1) {
            return 0.0;
        }
        long n = history.count();
        double rank = Math.ceil((1 - alphaT) * (n + 1));
        if (rank > n) {
            return Double.POSITIVE_INFINITY;
        }
        return rank < 1 ? 0.0 : history.valueAtRank((long) rank);
    }

    @Override
    public void update(double score) {
        double err = score > radius() ? 1.0 : 0.0;
        alphaT = alphaT + gamma * (alpha - err);
        history.add(score);
    }

    @Override
    public State state() {
        return new State(coverage, gamma, alphaT, history.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static AdaptiveConformal restore(State state) {
        return new AdaptiveConformal(state.coverage(), state.gamma(), PastScores.restore(state.history()),
            state.alphaT());
    }
}
