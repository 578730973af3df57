package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every calibrator reproduces the golden per-step radii (a faithful port of salesforce/online_conformal on
 * Seattle temp_max with a naive forecaster, target 0.9) to 1e-9: warm start on the golden calibration residuals,
 * then per step read the radius and update with |y − ŷ|.
 */
class GoldenRadiiTest {
    static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SCP, SCP",
        "NEXCP, NExCP",
        "ACI, ACI_g0.005",
        "FACI, FACI",
        "SF_OGD, SFOGD",
        "FACI_S, FACIS",
        "SAOCP, SAOCP",
        "QUANTILE_TRACKER, QT_lr0.1",
    })
    void matchesTheGoldenRadii(CalibratorKind kind, String column) {
        ConformalData.Table golden = ConformalData.golden();
        double[] y = golden.doubles("y");
        double[] yhat = golden.doubles("yhat");
        double[] score = golden.doubles("score");
        double[] expected = golden.doubles(column);
        assertEquals(400, expected.length);

        Calibrator c = Calibrators.warmStartFromResiduals(kind, CalibratorConfig.of(0.9),
                ConformalData.goldenCalibration());
        double maxDiff = 0;
        for (int t = 0; t < expected.length; t++) {
            double r = c.radius();
            double diff = r == expected[t] ? 0 : Math.abs(r - expected[t]);
            maxDiff = Math.max(maxDiff, diff);
            int step = t;
            assertTrue(diff <= TOLERANCE, () -> kind + " differs at step " + step + ": " + r + " vs " + expected[step]);
            double s = Math.abs(y[t] - yhat[t]);
            assertEquals(score[t], s, 0.0, "score column");
            c.update(s);
        }
        System.out.printf(Locale.ROOT, "golden %-16s max |Δradius| = %.3g%n", kind.wireName(), maxDiff);
    }
}
