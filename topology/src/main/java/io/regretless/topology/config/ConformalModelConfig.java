package io.regretless.topology.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
 * @param groups      the groups predictions may name, at most {@link ConformalSeries#MAX_GROUPS}, each of 1 to
 *                    {@link ConformalSeries#MAX_GROUP_NAME_BYTES} UTF-8 bytes; empty: any (a series still accepts
 *                    at most {@link ConformalSeries#MAX_GROUPS})
 */
public record ConformalModelConfig(
        CalibratorKind calibrator, CalibratorConfig calibration, int warmup, int lceWindow, Duration labelWindow,
        List<String> groups) {

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
        groups = List.copyOf(groups);
        String problem = groupsProblem(groups);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** What is wrong with {@code groups} as a series' configured groups, or null. */
    static String groupsProblem(List<String> groups) {
        if (groups.size() > ConformalSeries.MAX_GROUPS) {
            return groups.size() + " groups; a series holds at most " + ConformalSeries.MAX_GROUPS;
        }
        for (String g : groups) {
            int bytes = g.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > ConformalSeries.MAX_GROUP_NAME_BYTES) {
                return "group '" + g + "' has " + bytes + " UTF-8 bytes; 1 to " + ConformalSeries.MAX_GROUP_NAME_BYTES
                    + " allowed";
            }
        }
        return null;
    }

    /** Whether predictions may name only the configured {@link #groups()}. */
    public boolean closedGroups() {
        return !groups.isEmpty();
    }

    /** The most bytes the series' stored state can take ({@link ConformalSeries#maxStateBytes}). */
    public long maxStateBytes() {
        return ConformalSeries.maxStateBytes(calibrator, calibration, warmup, lceWindow);
    }
}
