package io.regretless.conformal;

/**
 * Asymmetric intervals from two one-sided calibrators over signed residuals r = y − ŷ: the upper side calibrates
 * the score r, the lower side the score −r, each at coverage 1 − α/2, and the interval is
 * [ŷ − lowerRadius, ŷ + upperRadius]. By the union bound the two-sided coverage is at least 1 − α; when the errors
 * are skewed the interval follows the skew instead of being as wide as the worse side on both.
 *
 * <p>The wrapped calibrators are the ordinary ones (scores may be negative here, so a side's radius can be
 * negative when the forecaster is biased; SF-OGD and SAOCP clip their radius at 0 as in the reference). State is
 * the two sides' states.
 */
public final class AsymmetricCalibrator {
    private final Calibrator lower;
    private final Calibrator upper;

    public AsymmetricCalibrator(Calibrator lower, Calibrator upper) {
        if (lower.kind() != upper.kind() || lower.coverage() != upper.coverage()) {
            throw new IllegalArgumentException("the two sides must be of the same kind and coverage");
        }
        this.lower = lower;
        this.upper = upper;
    }

    /** Each side's coverage for an overall target c: 1 − (1 − c)/2. */
    public static double sideCoverage(double coverage) {
        return 1 - (1 - coverage) / 2;
    }

    /**
     * Two sides warm-started on signed calibration residuals r = y − ŷ; {@code config.coverage()} is the overall
     * two-sided target.
     */
    public static AsymmetricCalibrator warmStart(CalibratorKind kind, CalibratorConfig config, double[] residuals) {
        CalibratorConfig side = config.withCoverage(sideCoverage(config.coverage()));
        double[] negated = new double[residuals.length];
        for (int i = 0; i < residuals.length; i++) {
            negated[i] = -residuals[i];
        }
        return new AsymmetricCalibrator(Calibrators.warmStart(kind, side, negated),
                Calibrators.warmStart(kind, side, residuals));
    }

    public static AsymmetricCalibrator restore(Calibrator.State lowerState, Calibrator.State upperState) {
        return new AsymmetricCalibrator(Calibrators.restore(lowerState), Calibrators.restore(upperState));
    }

    public double lowerRadius() {
        return lower.radius();
    }

    public double upperRadius() {
        return upper.radius();
    }

    /** Observes the signed residual y − ŷ of the step last predicted. */
    public void update(double residual) {
        lower.update(-residual);
        upper.update(residual);
    }

    public Calibrator lower() {
        return lower;
    }

    public Calibrator upper() {
        return upper;
    }

    public Calibrator.State lowerState() {
        return lower.state();
    }

    public Calibrator.State upperState() {
        return upper.state();
    }
}
