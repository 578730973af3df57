package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ConformalSeriesCodec;

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

    @Test
    void groupsAreAcceptedUpToTheBoundAndSurviveStorage() {
        ConformalSeries series = ConformalSeries.create(CalibratorKind.MULTIVALID, CONFIG, 2, 10);
        List<String> many = new ArrayList<>();
        for (int g = 0; g < ConformalSeries.MAX_GROUPS - 1; g++) {
            many.add("g" + g);
        }
        assertTrue(series.accept(many));
        assertFalse(series.accept(List.of("g0", "g1")), "known groups change nothing");
        String longest = "é".repeat(ConformalSeries.MAX_GROUP_NAME_BYTES / 2);
        assertThrows(IllegalArgumentException.class, () -> series.accept(List.of(longest + "x")));
        assertThrows(IllegalArgumentException.class, () -> series.accept(List.of("")));
        assertEquals(List.of("late", "later"), series.unacceptedGroups(List.of("g3", "late", "later", "late")));
        assertThrows(IllegalArgumentException.class, () -> series.accept(List.of("late", "later")),
            "one over the bound refuses both");
        assertEquals(ConformalSeries.MAX_GROUPS - 1, series.groups().size());
        assertThrows(IllegalArgumentException.class,
            () -> series.observe(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, List.of("late", "later")));
        assertEquals(0, series.version(), "a refused observation learns nothing");
        assertTrue(series.accept(List.of(longest)));

        ConformalSeries restored = ConformalSeriesCodec.decode(ConformalSeriesCodec.encode(series, "m"),
            CalibratorKind.MULTIVALID, CONFIG, 2, 10);
        assertEquals(series.groups(), restored.groups());
        assertEquals(longest, restored.groups().get(ConformalSeries.MAX_GROUPS - 1));
        assertThrows(IllegalArgumentException.class, () -> restored.accept(List.of("late")));
    }

    @Test
    void theStateBoundHoldsWithEveryGroupAtItsLongestName() {
        CalibratorConfig config = CalibratorConfig.of(0.9).withExactHistory(64);
        ConformalSeries series = ConformalSeries.create(CalibratorKind.MULTIVALID, config, 2, 10);
        List<String> names = new ArrayList<>();
        for (int g = 0; g < ConformalSeries.MAX_GROUPS; g++) {
            names.add(String.format("%0" + ConformalSeries.MAX_GROUP_NAME_BYTES + "d", g));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int t = 0; t < 2_000; t++) {
            double r = series.radius(List.of(names.get(t % names.size())));
            double yhat = random.nextDouble();
            series.observe(yhat, yhat - r, yhat + r, yhat + random.nextGaussian(),
                List.of(names.get(t % names.size()), names.get((7 * t + 3) % names.size())));
        }
        long bound = ConformalSeries.maxStateBytes(CalibratorKind.MULTIVALID, config, 2, 10);
        int stored = ConformalSeriesCodec.encode(series, "m").length;
        assertTrue(stored <= bound, stored + " bytes stored, bound " + bound);
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
