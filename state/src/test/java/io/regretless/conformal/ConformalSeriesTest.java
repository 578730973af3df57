package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Warm-up, scoring and bit-exact storage of one calibrated series. */
class ConformalSeriesTest {
    static final CalibratorConfig CONFIG = CalibratorConfig.of(0.9);

    @ParameterizedTest
    @EnumSource(CalibratorKind.class)
    void storedAndRestoredSeriesContinuesBitForBit(CalibratorKind kind) {
        ConformalSeries live = ConformalSeries.create(kind, CONFIG, 20, 10);
        SplittableRandom noise = new SplittableRandom(3);
        for (int t = 0; t < 15; t++) {
            step(live, noise);
        }
        ConformalSeries warming = roundTrip(live, kind);
        assertFalse(warming.isWarm());
        assertArrayEquals(live.warmupResiduals(), warming.warmupResiduals());
        for (int t = 0; t < 100; t++) {
            long seed = noise.nextLong();
            step(live, new SplittableRandom(seed));
            step(warming, new SplittableRandom(seed));
        }
        assertArrayEquals(ConformalSeriesCodec.encode(live, "m"), ConformalSeriesCodec.encode(warming, "m"),
            "a series restored while warming up ends where the uninterrupted one does");
        ConformalSeries restored = roundTrip(live, kind);
        for (int t = 0; t < 100; t++) {
            long seed = noise.nextLong();
            Boolean a = step(live, new SplittableRandom(seed));
            Boolean b = step(restored, new SplittableRandom(seed));
            assertEquals(a, b);
            assertEquals(Double.doubleToRawLongBits(live.radius()), Double.doubleToRawLongBits(restored.radius()));
        }
        assertArrayEquals(ConformalSeriesCodec.encode(live, "m"), ConformalSeriesCodec.encode(restored, "m"));
        assertEquals(215, restored.version());
        assertEquals(195, restored.evaluator().count());
    }

    @Test
    void warmUpLabelsAreNotScoredAndIntervalsAreUnboundedUntilWarm() {
        ConformalSeries series = ConformalSeries.create(CalibratorKind.SAOCP, CONFIG, 5, 10);
        for (int t = 0; t < 5; t++) {
            assertEquals(Double.POSITIVE_INFINITY, series.radius());
            assertNull(series.observe(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.1 * t));
        }
        assertTrue(series.isWarm());
        assertTrue(Double.isFinite(series.radius()) && series.radius() > 0, "radius " + series.radius());
        assertEquals(0, series.warmupResiduals().length);
        assertTrue(series.observe(1.0, 0.5, 1.5, 1.2));
        assertFalse(series.observe(1.0, 0.5, 1.5, 1.7));
        assertEquals(0.5, series.evaluator().coverage());
    }

    @Test
    void aStateOfAnotherCalibratorIsRefused() {
        ConformalSeries aci = ConformalSeries.create(CalibratorKind.ACI, CONFIG, 2, 10);
        aci.observe(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
        aci.observe(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 2);
        byte[] bytes = ConformalSeriesCodec.encode(aci, "m");
        assertThrows(IllegalStateException.class,
            () -> ConformalSeriesCodec.decode(bytes, CalibratorKind.SAOCP, CONFIG, 2, 10));
    }

    private static Boolean step(ConformalSeries series, SplittableRandom random) {
        double yhat = random.nextDouble();
        double r = series.radius();
        double y = yhat + (random.nextDouble() - 0.5) * (random.nextDouble() < 0.1 ? 4 : 1);
        return series.observe(yhat, yhat - r, yhat + r, y);
    }

    private static ConformalSeries roundTrip(ConformalSeries series, CalibratorKind kind) {
        return ConformalSeriesCodec.decode(ConformalSeriesCodec.encode(series, "m"), kind, CONFIG, 20, 10);
    }
}
