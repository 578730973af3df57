package io.regretless.conformal;

/**
 * FACI on the radius instead of the quantile level (FACI-S; Bhatnagar et al. 2023, reference
 * {@code faci.FACI_S}): K = 8 gradient-descent experts on pinball(s, r_k, c) with steps γ_k·S, γ_k = 0.001·2^k,
 * combined by exponential weights with fixed share σ = 1/(2I), I = 100.
 *
 * <p>Per score s: p = softmax(log w); ℓ_k = pinball(s, r_k, c); log w̄ = log w − η ℓ with
 * η = √((log(KI) + 2) / L), L = I · mean of the last I values of Σ_k p_k ℓ_k² (I·(S·c)² before any);
 * fixed-share mix and renormalise as in {@link Faci}; record Σ_k p_k ℓ_k²; r_k ← r_k − γ_k S ∂ℓ_k/∂r_k.
 * Radius Σ_k p_k r_k. The experts are not clipped at 0 (as in the reference), so the radius can dip slightly
 * below 0 after a long run of zero scores.
 *
 * <p>Warm start: S = √3 · max |calibration score| (unless configured), then the calibration scores are replayed
 * through {@link #update}. O(K + I) per step; state ≈ 2K + I + 4 numbers.
 */
public final class FaciS implements Calibrator {
    /** The coverage, the scale S, the K experts' radii and log-weights, and the last squared losses, oldest first. */
    public record State(double coverage, double scale, double[] radii, double[] logWeights, double[] recentLosses)
        implements Calibrator.State {
    }

    private static final int K = Faci.K;
    private static final int I = Faci.I;
    private static final double SIGMA = Faci.SIGMA;

    private final double coverage;
    private final double scale;
    private final double[] gammas = new double[K];
    private final double[] radii;
    private final double[] logW;
    /** The last I expected squared losses, a ring: oldest at lossHead when full. */
    private final double[] lossSq = new double[I];
    private int lossHead;
    private int lossCount;
    private final double[] p = new double[K];
    private final double[] losses = new double[K];

    private FaciS(double coverage, double scale, double[] radii, double[] logW) {
        this.coverage = coverage;
        this.scale = scale;
        this.radii = radii;
        this.logW = logW;
        for (int k = 0; k < K; k++) {
            gammas[k] = 0.001 * (1 << k);
        }
    }

    public static FaciS warmStarted(CalibratorConfig config, double[] calibrationScores) {
        FaciS f = new FaciS(config.coverage(), config.resolveScale(calibrationScores), new double[K], new double[K]);
        for (double s : calibrationScores) {
            f.update(s);
        }
        return f;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.FACI_S;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    @Override
    public double radius() {
        softmax();
        double r = 0.0;
        for (int k = 0; k < K; k++) {
            r += p[k] * radii[k];
        }
        return r;
    }

    private void softmax() {
        double lse = NumpyMath.logSumExp(logW, K);
        for (int k = 0; k < K; k++) {
            p[k] = StrictMath.exp(logW[k] - lse);
        }
    }

    private double eta() {
        double sum;
        if (lossCount == 0) {
            double sc = scale * coverage;
            sum = I * (sc * sc);
        } else {
            int start = lossCount < I ? 0 : lossHead;
            sum = NumpyMath.pairwiseSum(lossSq, start, lossCount) * ((double) I / lossCount);
        }
        return Math.sqrt((StrictMath.log(K * I) + 2) / sum);
    }

    @Override
    public void update(double score) {
        softmax();
        double eta = eta();
        double expectedSq = 0.0;
        for (int k = 0; k < K; k++) {
            losses[k] = Pinball.loss(score, radii[k], coverage);
            expectedSq += p[k] * (losses[k] * losses[k]);
        }
        // logW is rebuilt in place: the mix needs logsumexp of all w̄ first, kept in the losses' place meanwhile.
        double[] wBar = losses;
        for (int k = 0; k < K; k++) {
            double loss = losses[k];
            wBar[k] = logW[k] - eta * loss;
            // The gradient only needs the sign of s − r_k, so it is taken before r_k changes below.
            radii[k] = radii[k] - gammas[k] * scale * Pinball.grad(score, radii[k], coverage);
        }
        double lseBar = NumpyMath.logSumExp(wBar, K);
        for (int k = 0; k < K; k++) {
            logW[k] = NumpyMath.logSumExp2(wBar[k], 1 - SIGMA, lseBar, SIGMA / K);
        }
        double lse = NumpyMath.logSumExp(logW, K);
        for (int k = 0; k < K; k++) {
            logW[k] = logW[k] - lse;
        }
        pushLoss(expectedSq);
    }

    private void pushLoss(double v) {
        if (lossCount < I) {
            lossSq[lossCount++] = v;
        } else {
            lossSq[lossHead] = v;
            lossHead = (lossHead + 1) % I;
        }
    }

    @Override
    public State state() {
        double[] chronological = new double[lossCount];
        int start = lossCount < I ? 0 : lossHead;
        for (int i = 0; i < lossCount; i++) {
            chronological[i] = lossSq[(start + i) % I];
        }
        return new State(coverage, scale, radii.clone(), logW.clone(), chronological);
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static FaciS restore(State state) {
        if (state.radii().length != K || state.logWeights().length != K || state.recentLosses().length > I) {
            throw new IllegalArgumentException("corrupt faci-s state");
        }
        FaciS f = new FaciS(state.coverage(), state.scale(), state.radii().clone(), state.logWeights().clone());
        for (double v : state.recentLosses()) {
            f.pushLoss(v);
        }
        return f;
    }
}
