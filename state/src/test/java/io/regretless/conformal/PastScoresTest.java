package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.regretless.codec.ConformalStateCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every past score: exact (the reference's radii bit for bit) up to the limit, within ε of the level after. */
class PastScoresTest {

    /** With the default limit a run of the reference's length is exact: the same radii as an unbounded history. */
    @ParameterizedTest
    @EnumSource(value = CalibratorKind.class, names = {"SCP", "ACI", "FACI", "NEXCP"})
    void defaultSettingsKeepEveryScoreOfALongSeriesExactly(CalibratorKind kind) {
        SplittableRandom random = new SplittableRandom(4);
        Calibrator byDefault = Calibrators.create(kind, CalibratorConfig.of(0.9));
        Calibrator unbounded = Calibrators.create(kind, CalibratorConfig.of(0.9).withExactHistory(Integer.MAX_VALUE));
        for (int t = 0; t < 12_000; t++) {
            assertEquals(Double.doubleToRawLongBits(unbounded.radius()), Double.doubleToRawLongBits(byDefault.radius()),
                kind + " at step " + t);
            double s = Math.abs(random.nextGaussian()) * (t < 6_000 ? 1 : 2);
            byDefault.update(s);
            unbounded.update(s);
        }
    }

    @Test
    void pastTheLimitSplitConformalIsWithinEpsilonOfTheLevel() {
        int n = 30_000;
        Calibrator scp = Calibrators.create(CalibratorKind.SCP, CalibratorConfig.of(0.9).withExactHistory(2_000));
        SplittableRandom random = new SplittableRandom(8);
        double[] seen = new double[n];
        for (int t = 0; t < n; t++) {
            seen[t] = Math.abs(random.nextGaussian()) * (1 + t / 5_000.0);
            scp.update(seen[t]);
        }
        double[] sorted = seen.clone();
        Arrays.sort(sorted);
        int rank = Arrays.binarySearch(sorted, scp.radius()) + 1;
        assertTrue(rank > 0, "the radius is a past score");
        assertTrue(Math.abs(rank - Math.ceil(0.9 * n)) <= PastScores.SKETCH_EPSILON * n + 1, "rank " + rank);
        Calibrator restored = ConformalStateCodec.restore(ConformalStateCodec.export(scp));
        assertEquals(ConformalStateCodec.export(scp), ConformalStateCodec.export(restored));
        int bytes = ConformalStateCodec.export(scp).sizeBytes();
        assertTrue(bytes < 200_000, "summarised state " + bytes);
    }

    @Test
    void theSummaryTakesOverOnTheFirstScorePastTheLimit() {
        PastScores p = new PastScores(3);
        p.add(1);
        p.add(2);
        p.add(3);
        assertTrue(p.isExact());
        assertEquals(0.0, p.rankErrorBound());
        p.add(4);
        assertFalse(p.isExact());
        assertEquals(4, p.count());
        assertEquals(1.0, p.valueAtRank(1));
        assertEquals(4.0, p.valueAtRank(4));
    }
}
