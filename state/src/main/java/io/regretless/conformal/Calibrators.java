package io.regretless.conformal;

import java.util.Objects;

/**
 * Creates, warm-starts and restores {@link Calibrator}s.
 *
 * <p>Warm start follows the reference implementation (salesforce/online_conformal, {@code BasePredictor} and
 * each method's {@code __init__}): the calibration residuals are the last ⌈0.2·|train|⌉ residuals of the training
 * prefix with |z| ≥ 5 outliers removed (the caller's job; see {@link #calibrationSize} and
 * {@link #removeOutliers}), their absolute values
 * are the calibration scores, and each method consumes them as its own update would: SCP and NExCP store them;
 * FACI, SF-OGD, FACI-S and SAOCP replay {@code update} over them (the last three after fixing
 * S = √3 · max |score|); ACI stores them without moving α; the quantile tracker starts at their c-quantile.
 */
public final class Calibrators {
    private Calibrators() {
    }

    /** A calibrator with no calibration data (radius 0, or +∞ for ACI, until scores arrive). */
    public static Calibrator create(CalibratorKind kind, CalibratorConfig config) {
        return warmStart(kind, config, new double[0]);
    }

    /**
     * A calibrator warm-started on {@code calibrationScores} (already in score space: absolute residuals for
     * symmetric intervals, one-sided signed residuals for a side of an {@link AsymmetricCalibrator}).
     */
    public static Calibrator warmStart(CalibratorKind kind, CalibratorConfig config, double[] calibrationScores) {
        Objects.requireNonNull(config, "config");
        for (double s : calibrationScores) {
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("calibration score is NaN");
            }
        }
        return switch (kind) {
            case SCP, SCP_WINDOW -> SplitConformal.warmStarted(kind, config, calibrationScores);
            case NEXCP -> NExConformal.warmStarted(config, calibrationScores);
            case ACI -> AdaptiveConformal.warmStarted(config, calibrationScores);
            case FACI -> Faci.warmStarted(config, calibrationScores);
            case SF_OGD -> ScaleFreeOgd.warmStarted(config, calibrationScores);
            case FACI_S -> FaciS.warmStarted(config, calibrationScores);
            case SAOCP -> Saocp.warmStarted(config, calibrationScores);
            case QUANTILE_TRACKER -> QuantileTracker.warmStarted(config, calibrationScores);
            case DEFAULT -> DefaultCalibrator.warmStarted(config, calibrationScores);
            case MULTIVALID -> MultivalidCalibrator.warmStarted(config, calibrationScores);
        };
    }

    /** {@link #warmStart} on |r| of signed residuals r = y − ŷ, the symmetric-interval case. */
    public static Calibrator warmStartFromResiduals(CalibratorKind kind, CalibratorConfig config, double[] residuals) {
        double[] scores = new double[residuals.length];
        for (int i = 0; i < residuals.length; i++) {
            scores[i] = Math.abs(residuals[i]);
        }
        return warmStart(kind, config, scores);
    }

    /** The calibrator a state describes, behaving bit for bit like the one that gave it. */
    public static Calibrator restore(Calibrator.State state) {
        Objects.requireNonNull(state, "state");
        if (state instanceof SplitConformal.State s) {
            return SplitConformal.restore(s);
        } else if (state instanceof NExConformal.State s) {
            return NExConformal.restore(s);
        } else if (state instanceof AdaptiveConformal.State s) {
            return AdaptiveConformal.restore(s);
        } else if (state instanceof Faci.State s) {
            return Faci.restore(s);
        } else if (state instanceof ScaleFreeOgd.State s) {
            return ScaleFreeOgd.restore(s);
        } else if (state instanceof FaciS.State s) {
            return FaciS.restore(s);
        } else if (state instanceof Saocp.State s) {
            return Saocp.restore(s);
        } else if (state instanceof QuantileTracker.State s) {
            return QuantileTracker.restore(s);
        } else if (state instanceof DefaultCalibrator.State s) {
            return DefaultCalibrator.restore(s);
        } else if (state instanceof MultivalidCalibrator.State s) {
            return MultivalidCalibrator.restore(s);
        }
        throw new IllegalArgumentException("not a calibrator's state: " + state.getClass().getName());
    }

    /** The reference's calibration set size for a training prefix of {@code trainLength} points: ⌈0.2·n⌉. */
    public static int calibrationSize(int trainLength) {
        return (int) Math.ceil(0.2 * trainLength);
    }

    /**
     * The residuals of the calibration points without outliers, as the reference's
     * {@code Residuals.remove_outliers}: NaNs dropped, then every r with |r − mean| / std ≥ 5 (population std,
     * numpy's sums) removed. As in the reference, a set with std = 0 loses every residual (0/0 is not &lt; 5), so
     * a constant calibration set gives a cold start.
     */
    public static double[] removeOutliers(double[] residuals) {
        double[] r = java.util.Arrays.stream(residuals).filter(v -> !Double.isNaN(v)).toArray();
        int n = r.length;
        if (n == 0) {
            return r;
        }
        double mean = NumpyMath.pairwiseSum(r, 0, n) / n;
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double d = r[i] - mean;
            sq[i] = d * d;
        }
        double std = Math.sqrt(NumpyMath.pairwiseSum(sq, 0, n) / n);
        return java.util.Arrays.stream(r).filter(v -> Math.abs(v - mean) / std < 5).toArray();
    }
}
