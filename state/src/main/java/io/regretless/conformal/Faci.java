package io.regretless.conformal;

/**
 * Fully adaptive conformal inference (FACI; Gibbs &amp; Candès, "Conformal inference for online prediction with
 * arbitrary distribution shifts", arXiv:2208.08401), as in the reference {@code faci.FACI}: K = 8 ACI experts with
 * step sizes γ_k = 0.001·2^k, combined by exponential weights with fixed-share mixing σ = 1/(2I), I = 100.
 *
 * <p>Per score s (only once more than ⌊1/α⌋ scores are stored, so β is meaningful): β = the fraction of stored
 * scores ≥ s (the empirical miss level at which s would just be covered); expert losses ℓ_k = pinball(β, α_k, α);
 * log w̄ = log w − η ℓ; log w_k ← log((1 − σ) e^{w̄_k} + (σ/K) Σ_j e^{w̄_j}), renormalised; α_k ←
 * clip(α_k + γ_k(α − 1[α_k &gt; β]), 0, 1). Then s joins the history. The learning rate is the paper's
 * η = √(3/I) · √((log(IK) + 2) / ((c²α³ + α²c³)/3)). Radius: the inverted-CDF (1 − Σ_k p_k α_k)-quantile of the
 * stored scores, p = softmax(log w).
 *
 * <p>Warm start: the calibration scores are replayed through {@link #update}. Ranks every past score
 * ({@link PastScores}: exact up to {@link CalibratorConfig#exactHistory()}, then β and the quantile within ε).
 * Radius O(K), cached; update O(K + log n + n).
 */
public final class Faci implements Calibrator {
    /** The coverage, the K experts' levels α_k and log-weights, and every past score. */
    public record State(double coverage, double[] alphas, double[] logWeights, PastScores.State history)
        implements Calibrator.State {
    }

    static final int K = 8;
    static final int I = 100;
    static final double SIGMA = 1.0 / (2 * I);

    private final double coverage;
    private final double alpha;
    private final double eta;
    private final double[] gammas = new double[K];
    private final double[] alphas;
    private final double[] logW;
    private final PastScores history;
    private final double[] scratch = new double[K];
    private double cached = Double.NaN;

    private Faci(double coverage, double[] alphas, double[] logW, PastScores history) {
        this.coverage = coverage;
        this.alpha = 1 - coverage;
        // Powers as the reference writes them (x**2, x**3 go through pow), for the same last bits.
        double denom = (StrictMath.pow(1 - alpha, 2) * StrictMath.pow(alpha, 3)
                + StrictMath.pow(alpha, 2) * StrictMath.pow(1 - alpha, 3)) / 3;
        this.eta = Math.sqrt(3.0 / I) * Math.sqrt((StrictMath.log(I * K) + 2) / denom);
        for (int k = 0; k < K; k++) {
            gammas[k] = 0.001 * (1 << k);
        }
        this.alphas = alphas;
        this.logW = logW;
        this.history = history;
    }

    public static Faci warmStarted(CalibratorConfig config, double[] calibrationScores) {
        double[] alphas = new double[K];
        java.util.Arrays.fill(alphas, 1 - config.coverage());
        Faci f = new Faci(config.coverage(), alphas, new double[K], new PastScores(config.exactHistory()));
        for (double s : calibrationScores) {
            f.update(s);
        }
        return f;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.FACI;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    @Override
    public double radius() {
        if (Double.isNaN(cached)) {
            double lse = NumpyMath.logSumExp(logW, K);
            double mixed = 0.0;
            for (int k = 0; k < K; k++) {
                mixed += StrictMath.exp(logW[k] - lse) * alphas[k];
            }
            cached = history.quantile(1 - mixed);
        }
        return cached;
    }

    @Override
    public void update(double score) {
        long n = history.count();
        if (n > Math.floor(1 / (1 - coverage))) {
            double beta = (double) history.countAtLeast(score) / n;
            for (int k = 0; k < K; k++) {
                scratch[k] = logW[k] - eta * Pinball.loss(beta, alphas[k], alpha);
            }
            double lseBar = NumpyMath.logSumExp(scratch, K);
            for (int k = 0; k < K; k++) {
                logW[k] = NumpyMath.logSumExp2(scratch[k], 1 - SIGMA, lseBar, SIGMA / K);
            }
            double lse = NumpyMath.logSumExp(logW, K);
            for (int k = 0; k < K; k++) {
                logW[k] = logW[k] - lse;
                double err = alphas[k] > beta ? 1.0 : 0.0;
                alphas[k] = Math.min(1.0, Math.max(0.0, alphas[k] + gammas[k] * (alpha - err)));
            }
        }
        history.add(score);
        cached = Double.NaN;
    }

    @Override
    public State state() {
        return new State(coverage, alphas.clone(), logW.clone(), history.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static Faci restore(State state) {
        PastScores history = PastScores.restore(state.history());
        if (state.alphas().length != K || state.logWeights().length != K) {
            throw new IllegalArgumentException("corrupt faci state: expected " + K + " experts");
        }
        return new Faci(state.coverage(), state.alphas().clone(), state.logWeights().clone(), history);
    }
}
