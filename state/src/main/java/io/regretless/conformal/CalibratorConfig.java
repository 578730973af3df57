package io.regretless.conformal;

/**
 * Settings of a calibrator. Defaults ({@link #of(double)}) are the reference implementation's and the paper's.
 *
 * @param coverage target coverage c in (0, 1)
 * @param exactHistory how many scores SCP, ACI and FACI keep exactly. They use every past score, as the reference
 *     does: up to this many exactly (bit for bit the reference's radii), beyond it in a {@link GreenwaldKhanna}
 *     summary whose order statistics are within ε = {@link PastScores#SKETCH_EPSILON} of the requested level (see
 *     {@link PastScores}). NExCP keeps the newest this many: the weight of the older ones, γ^exactHistory of the
 *     total, is below 1e-17 for c ≤ 0.99 at the default. State: 8 bytes per exact score. Default 16,384 (128 KB).
 * @param window the sliding window of {@link CalibratorKind#SCP_WINDOW}; default 100
 * @param aciGamma ACI's step size γ; default 0.005
 * @param trackerLearningRate the quantile tracker's learning rate; default 0.1
 * @param trackerWindow the number of recent scores whose range scales the tracker's learning rate; default 100
 * @param saocpLifetime SAOCP's lifetime multiplier g (an expert started at t lives g·2^u steps); default 8
 * @param scale the scale S of SF-OGD, FACI-S and SAOCP; NaN (default) derives it at warm start as
 *     √3 · max |calibration score| (1 without calibration scores), as the reference's {@code max_scale=None} does
 */
public record CalibratorConfig(double coverage, int exactHistory, int window, double aciGamma,
                               double trackerLearningRate, int trackerWindow, int saocpLifetime, double scale) {

    public static final int DEFAULT_EXACT_HISTORY = 16_384;

    public CalibratorConfig {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1), got " + coverage);
        }
        if (exactHistory < 1 || window < 1 || trackerWindow < 1 || saocpLifetime < 1) {
            throw new IllegalArgumentException("exactHistory, window, trackerWindow and saocpLifetime must be positive");
        }
        if (!(aciGamma > 0) || !(trackerLearningRate > 0) || Double.isInfinite(aciGamma)) {
            throw new IllegalArgumentException("aciGamma and trackerLearningRate must be positive");
        }
        if (!Double.isNaN(scale) && !(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale must be positive and finite, or NaN to derive it, got " + scale);
        }
    }

    public static CalibratorConfig of(double coverage) {
        return new CalibratorConfig(coverage, DEFAULT_EXACT_HISTORY, 100, 0.005, 0.1, 100, 8, Double.NaN);
    }

    public CalibratorConfig withCoverage(double c) {
        return new CalibratorConfig(c, exactHistory, window, aciGamma,
                trackerLearningRate, trackerWindow, saocpLifetime, scale);
    }

    public CalibratorConfig withExactHistory(int n) {
        return new CalibratorConfig(coverage, n, window, aciGamma,
                trackerLearningRate, trackerWindow, saocpLifetime, scale);
    }

    public CalibratorConfig withWindow(int n) {
        return new CalibratorConfig(coverage, exactHistory, n, aciGamma,
                trackerLearningRate, trackerWindow, saocpLifetime, scale);
    }

    public CalibratorConfig withAciGamma(double g) {
        return new CalibratorConfig(coverage, exactHistory, window, g,
                trackerLearningRate, trackerWindow, saocpLifetime, scale);
    }

    public CalibratorConfig withTracker(double learningRate, int scoreWindow) {
        return new CalibratorConfig(coverage, exactHistory, window, aciGamma,
                learningRate, scoreWindow, saocpLifetime, scale);
    }

    public CalibratorConfig withSaocpLifetime(int g) {
        return new CalibratorConfig(coverage, exactHistory, window, aciGamma,
                trackerLearningRate, trackerWindow, g, scale);
    }

    public CalibratorConfig withScale(double s) {
        return new CalibratorConfig(coverage, exactHistory, window, aciGamma,
                trackerLearningRate, trackerWindow, saocpLifetime, s);
    }

    /**
     * The scale of SF-OGD, FACI-S and SAOCP: the configured one, else √3 · max |score| of the calibration scores,
     * else 1 (also when every calibration score is 0, where the reference would divide by zero).
     */
    double resolveScale(double[] calibrationScores) {
        if (!Double.isNaN(scale)) {
            return scale;
        }
        double max = 0.0;
        for (double s : calibrationScores) {
            max = Math.max(max, Math.abs(s));
        }
        return max > 0 ? max * Math.sqrt(3) : 1.0;
    }
}
