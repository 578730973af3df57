package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AsymmetricCalibratorTest {

    /** Right-skewed errors y − ŷ = Exp(1) − 0.3: the upper side grows wider, and two-sided coverage holds. */
    @ParameterizedTest
    @EnumSource(value = CalibratorKind.class, names = {"SCP", "SAOCP", "SF_OGD", "FACI", "ACI"})
    void followsSkewedErrorsAndCovers(CalibratorKind kind) {
        SplittableRandom random = new SplittableRandom(9);
        double[] calibration = new double[200];
        for (int i = 0; i < calibration.length; i++) {
            calibration[i] = -Math.log(1 - random.nextDouble()) - 0.3;
        }
        AsymmetricCalibrator pair = AsymmetricCalibrator.warmStart(kind, CalibratorConfig.of(0.8), calibration);
        assertEquals(0.9, pair.upper().coverage(), 1e-12);
        int covered = 0;
        int n = 4000;
        for (int t = 0; t < n; t++) {
            double residual = -Math.log(1 - random.nextDouble()) - 0.3;
            if (-pair.lowerRadius() <= residual && residual <= pair.upperRadius()) {
                covered++;
            }
            pair.update(residual);
        }
        double coverage = (double) covered / n;
        assertTrue(Math.abs(coverage - 0.8) < 0.03, kind + " coverage " + coverage);
        assertTrue(pair.upperRadius() > 3 * pair.lowerRadius(),
                kind + " radii " + pair.lowerRadius() + ", " + pair.upperRadius());

        AsymmetricCalibrator copy = AsymmetricCalibrator.restore(pair.lowerState(), pair.upperState());
        StateRoundTripTest.assertBitEqual(pair.upperRadius(), copy.upperRadius(), "upper");
        StateRoundTripTest.assertBitEqual(pair.lowerRadius(), copy.lowerRadius(), "lower");
    }
}
