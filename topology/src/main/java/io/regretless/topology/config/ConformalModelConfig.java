package io.regretless.topology.config;

import java.time.Duration;

import io.regretless.conformal.CalibratorConfig;
import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.ConformalSeries;

/**
 * Everything configured per conformal series (model id).
 *
 * @param calibrator  the method: default, multivalid, scp, scp-window, nexcp, aci, faci, sf-ogd, faci-s, saocp,
 *                    quantile-tracker
 * @param calibration target coverage and the method's parameters
 * @param warmup      labels whose residuals warm-start the calibrator; intervals are unbounded until then
 * @param lceWindow   k of the local coverage error published with each evaluation
 * @param labelWindow how long (stream time) a prediction waits for its label before it is dropped unlearned
 */
public record ConformalModelConfig(
        CalibratorKind calibrator, CalibratorConfig calibration, int warmup, int lceWindow, Duration labelWindow) {

    public ConformalModelConfig {
        if (calibrator == null || calibration == null) {
            throw new IllegalArgumentException("calibrator and calibration are required");
        }
        if (warmup < 1 || lceWindow < 1) {
            throw new IllegalArgumentException("warmup and lce.window must be >= 1");
        }
        if (labelWindow == null || labelWindow.isNegative() || labelWindow.isZero()) {
            throw new IllegalArgumentException("label window must be positive, got " + labelWindow);
        }
    }

    /** The most bytes the series' stored state can take ({@link ConformalSeries#maxStateBytes}). */
    public long maxStateBytes() {
        return ConformalSeries.maxStateBytes(calibrator, calibration, warmup, lceWindow);
    }
}
