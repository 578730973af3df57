package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.regretless.codec.ConformalStateCodec;
import io.regretless.codec.PackedState;

/** Export → restore gives a calibrator whose later radii and states are identical bit for bit. */
class StateRoundTripTest {

    @ParameterizedTest
    @EnumSource(CalibratorKind.class)
    void restoredCalibratorContinuesBitForBit(CalibratorKind kind) {
        double[] scores = ConformalData.golden().doubles("score");
        // A small history bound and window so eviction is exercised too.
        CalibratorConfig config = CalibratorConfig.of(0.9).withExactHistory(150).withWindow(40);
        Calibrator original = Calibrators.warmStartFromResiduals(kind, config, ConformalData.goldenCalibration());
        for (int t = 0; t < 150; t++) {
            original.radius();
            original.update(scores[t]);
        }
        PackedState state = ConformalStateCodec.export(original);
        Calibrator restored = ConformalStateCodec.restore(state);
        assertEquals(state, ConformalStateCodec.export(restored), "re-export of a restored state");
        assertEquals(kind, restored.kind());
        for (int t = 150; t < scores.length; t++) {
            assertBitEqual(original.radius(), restored.radius(), kind + " radius at step " + t);
            original.update(scores[t]);
            restored.update(scores[t]);
        }
        assertEquals(ConformalStateCodec.export(original), ConformalStateCodec.export(restored));
    }

    @ParameterizedTest
    @EnumSource(CalibratorKind.class)
    void coldStartRoundTripsAndHandlesSignedScores(CalibratorKind kind) {
        Calibrator c = Calibrators.create(kind, CalibratorConfig.of(0.8));
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 300; t++) {
            Calibrator copy = ConformalStateCodec.restore(ConformalStateCodec.export(c));
            assertBitEqual(c.radius(), copy.radius(), kind + " at " + t);
            double s = random.nextDouble(-1, 2); // signed scores, as one side of an asymmetric pair sees
            c.update(s);
        }
    }

    @Test
    void infiniteAciRadiusSurvivesTheState() {
        Calibrator aci = Calibrators.warmStart(CalibratorKind.ACI, CalibratorConfig.of(0.9), new double[] {0.1, 0.2});
        assertEquals(Double.POSITIVE_INFINITY, aci.radius());
        Calibrator copy = ConformalStateCodec.restore(ConformalStateCodec.export(aci));
        assertEquals(Double.POSITIVE_INFINITY, copy.radius());
    }

    @Test
    void wrongOrCorruptStatesAreRejected() {
        PackedState ogd = ConformalStateCodec.export(
            Calibrators.create(CalibratorKind.SF_OGD, CalibratorConfig.of(0.9)));
        assertThrows(IllegalArgumentException.class, () -> ConformalStateCodec.restore(
                new PackedState("saocp", ogd.doubles(), ogd.longs())));
        assertThrows(IllegalArgumentException.class, () -> ConformalStateCodec.restore(
                new PackedState("sf-ogd", new double[] {0.9, 1.0}, new long[0])));
        assertThrows(IllegalArgumentException.class, () -> ConformalStateCodec.restore(
                new PackedState("no-such-kind", new double[0], new long[0])));
    }

    static void assertBitEqual(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> what + ": " + expected + " vs " + actual);
    }
}
