package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import io.regretless.codec.ConformalStateCodec;
import org.junit.jupiter.api.Test;

/** Method-specific rules beyond the golden file. */
class CalibratorBehaviourTest {

    @Test
    void aciIsInfiniteWhenTheRankExceedsTheHistoryAndZeroWhenAlphaReachesOne() {
        CalibratorConfig config = CalibratorConfig.of(0.9).withAciGamma(0.5);
        AdaptiveConformal aci = AdaptiveConformal.warmStarted(config, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        // ⌈0.9 · 10⌉ = 9 ≤ 9 scores: the 9th smallest.
        assertEquals(9.0, aci.radius());
        aci.update(100); // a miss: α ← 0.1 + 0.5 (0.1 − 1) = −0.35
        assertEquals(0.1 + 0.5 * (0.1 - 1), aci.alphaT(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, aci.radius());
        for (int i = 0; i < 28; i++) {
            aci.update(0); // covered: α grows by γα = 0.05 each step, from −0.35 past 1
        }
        assertTrue(aci.alphaT() >= 1);
        assertEquals(0.0, aci.radius());
    }

    @Test
    void slidingWindowSplitConformalForgets() {
        Calibrator w = Calibrators.create(CalibratorKind.SCP_WINDOW, CalibratorConfig.of(0.9).withWindow(10));
        Calibrator all = Calibrators.create(CalibratorKind.SCP, CalibratorConfig.of(0.9));
        for (int i = 0; i < 100; i++) {
            w.update(10);
            all.update(10);
        }
        for (int i = 0; i < 10; i++) {
            w.update(1);
            all.update(1);
        }
        assertEquals(1.0, w.radius());
        assertEquals(10.0, all.radius());
    }

    @Test
    void saocpLifetimesAndPriorFollowTheGeometricCovering() {
        assertEquals(8, SaocpExperts.lifetimeFor(1, 8));
        assertEquals(16, SaocpExperts.lifetimeFor(2, 8));
        assertEquals(16, SaocpExperts.lifetimeFor(6, 8));
        assertEquals(64, SaocpExperts.lifetimeFor(24, 8));
        assertEquals(1.0, Saocp.prior(1));
        assertEquals(1.0 / (16 * 3), Saocp.prior(4));
        assertEquals(1.0 / (49 * 3), Saocp.prior(7));
    }

    @Test
    void saocpKeepsLogarithmicallyManyExperts() {
        Saocp s = Saocp.warmStarted(CalibratorConfig.of(0.9), new double[] {1.0});
        SplittableRandom random = new SplittableRandom(5);
        int max = 0;
        for (int t = 0; t < 20_000; t++) {
            s.update(random.nextDouble());
            max = Math.max(max, s.expertCount());
        }
        // g = 8: an expert started at t lives 8·2^u steps, so about 4 per dyadic level are alive.
        assertTrue(max <= 8 * (1 + 15), "experts alive: " + max);
        assertTrue(ConformalStateCodec.export(s).sizeBytes() < 8 * 7 * 8 * 16 + 100);
    }

    @Test
    void warmStartScaleIsRootThreeTimesTheLargestAbsoluteResidual() {
        ScaleFreeOgd o = (ScaleFreeOgd) Calibrators.warmStartFromResiduals(CalibratorKind.SF_OGD,
                CalibratorConfig.of(0.9), new double[] {0.5, -2.0, 1.0});
        assertEquals(2.0 * Math.sqrt(3), o.scale());
        ScaleFreeOgd configured = (ScaleFreeOgd) Calibrators.warmStart(CalibratorKind.SF_OGD,
                CalibratorConfig.of(0.9).withScale(7.0), new double[] {0.5});
        assertEquals(7.0, configured.scale());
        assertEquals(1.0, ((ScaleFreeOgd) Calibrators.create(CalibratorKind.SF_OGD, CalibratorConfig.of(0.9))).scale());
    }

    @Test
    void everyCalibratorIsDeterministic() {
        double[] scores = ConformalData.golden().doubles("score");
        for (CalibratorKind kind : CalibratorKind.values()) {
            double[] calibration = ConformalData.goldenCalibration();
            Calibrator a = Calibrators.warmStartFromResiduals(kind, CalibratorConfig.of(0.8), calibration);
            Calibrator b = Calibrators.warmStartFromResiduals(kind, CalibratorConfig.of(0.8), calibration);
            for (double s : scores) {
                StateRoundTripTest.assertBitEqual(a.radius(), b.radius(), kind.wireName());
                a.update(s);
                b.update(s);
            }
        }
    }
}
