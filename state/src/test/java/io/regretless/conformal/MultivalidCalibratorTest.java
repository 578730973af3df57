package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.regretless.codec.ConformalStateCodec;
import io.regretless.conformal.metrics.GroupCoverage;
import io.regretless.conformal.metrics.IntervalEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group-conditional coverage on the Seattle example: daily maximum temperature with a naive forecaster, each day in
 * two overlapping groups, its season (winter Dec–Feb, spring, summer, fall) and its weather (sun, rain, or
 * other = fog, drizzle and snow, which have 97, 26 and 10 test days: on 10 days a coverage within 0.02 of 0.95 is
 * not even possible). The multivalid calibrator covers every group within 0.02 of the target at 0.8, 0.9 and
 * 0.95; the default calibrator, which ignores the groups, is further off on some group (by up to 0.063).
 */
class MultivalidCalibratorTest {

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.8, 0.9, 0.95})
    void everyGroupOfTheSeattleExampleIsCoveredWithinTwoPoints(double target) {
        IntervalEvaluator multivalid = replay(CalibratorKind.MULTIVALID, target);
        IntervalEvaluator plain = replay(CalibratorKind.DEFAULT, target);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "Seattle temp_max, naive, target %.2f: group coverage%n%-16s %6s %11s %9s%n", target, "group", "days",
            "multivalid", "default"));
        double worstMultivalid = 0;
        double worstPlain = 0;
        for (GroupCoverage.Figure f : multivalid.groupCoverage()) {
            double other = coverageOf(plain, f.group());
            table.append(String.format(Locale.ROOT, "%-16s %6d %11.4f %9.4f%n", f.group(), f.scored(), f.coverage(), other));
            worstMultivalid = Math.max(worstMultivalid, Math.abs(f.coverage() - target));
            worstPlain = Math.max(worstPlain, Math.abs(other - target));
        }
        table.append(String.format(Locale.ROOT, "overall %.4f / %.4f, mean width %.4f / %.4f, worst group |coverage - "
                + "target| %.4f / %.4f%n", multivalid.coverage(), plain.coverage(), multivalid.meanWidth(),
            plain.meanWidth(), worstMultivalid, worstPlain));
        System.out.print(table);
        assertEquals(7, multivalid.groupCoverage().size(), table.toString());
        assertTrue(worstMultivalid <= 0.02, table.toString());
        assertTrue(worstPlain > worstMultivalid, "the groups matter: without them some group is off by more\n" + table);
    }

    @Test
    void restoredCalibratorContinuesBitForBitWithItsGroups() {
        Calibrator live = Calibrators.create(CalibratorKind.MULTIVALID, CalibratorConfig.of(0.9));
        SplittableRandom random = new SplittableRandom(2);
        List<List<String>> families = List.of(List.of("a", "x"), List.of("b", "x"), List.of("a", "y"), List.of());
        for (int t = 0; t < 300; t++) {
            List<String> g = families.get(t % families.size());
            if (t == 150) {
                live = roundTrip(live);
            }
            Calibrator copy = roundTrip(live);
            assertEquals(Double.doubleToRawLongBits(live.radius(g)), Double.doubleToRawLongBits(copy.radius(g)));
            double s = Math.abs(random.nextGaussian()) * (g.contains("a") ? 2 : 1);
            live.update(s, g);
        }
        assertEquals(List.of("a", "x", "b", "y"), ((MultivalidCalibrator) live).groups());
    }

    @Test
    void asManyGroupsAsAllowedLearnAndRestoreBitForBit() {
        Calibrator live = Calibrators.create(CalibratorKind.MULTIVALID, CalibratorConfig.of(0.9));
        SplittableRandom random = new SplittableRandom(4);
        int own = MultivalidCalibrator.MAX_GROUPS - 3;
        for (int t = 0; t < 20 * own; t++) {
            live.update(Math.abs(random.nextGaussian()) * (1 + t % own / 16), List.of("g" + t % own, "h" + t % 3));
        }
        Calibrator copy = roundTrip(live);
        assertEquals(MultivalidCalibrator.MAX_GROUPS, ((MultivalidCalibrator) copy).groups().size());
        for (int t = 0; t < own; t++) {
            List<String> g = List.of("g" + t, "h" + t % 3);
            assertEquals(Double.doubleToRawLongBits(live.radius(g)), Double.doubleToRawLongBits(copy.radius(g)));
        }
        assertTrue(live.radius(List.of("g60")) > live.radius(List.of("g0")), "groups with larger scores get wider");
    }

    private static Calibrator roundTrip(Calibrator c) {
        return ConformalStateCodec.restore(ConformalStateCodec.export(c));
    }

    private static double coverageOf(IntervalEvaluator e, String group) {
        for (GroupCoverage.Figure f : e.groupCoverage()) {
            if (f.group().equals(group)) {
                return f.coverage();
            }
        }
        return Double.NaN;
    }

    static IntervalEvaluator replay(CalibratorKind kind, double target) {
        ConformalData.Table seattle = ConformalData.csv("series/seattle-weather.csv");
        double[] y = SeriesReplay.normalise(seattle.doubles("temp_max"));
        int weatherColumn = seattle.column("weather");
        int dateColumn = seattle.column("date");
        Calibrator c = Calibrators.warmStartFromResiduals(kind, CalibratorConfig.of(target),
            SeriesReplay.calibrationResiduals(y));
        IntervalEvaluator ev = new IntervalEvaluator(target, y.length, 100);
        for (int t = SeriesReplay.trainLength(y.length); t < y.length; t++) {
            String[] row = seattle.rows().get(t);
            List<String> groups = List.of("season:" + season(row[dateColumn]), "weather:" + weather(row[weatherColumn]));
            double yhat = y[t - 1];
            double r = c.radius(groups);
            ev.observe(y[t], yhat - r, yhat + r, groups);
            c.update(Math.abs(y[t] - yhat), groups);
        }
        return ev;
    }

    static String season(String isoDate) {
        int month = Integer.parseInt(isoDate.substring(5, 7));
        return switch (month) {
            case 12, 1, 2 -> "winter";
            case 3, 4, 5 -> "spring";
            case 6, 7, 8 -> "summer";
            default -> "fall";
        };
    }

    static String weather(String type) {
        return type.equals("sun") || type.equals("rain") ? type : "other";
    }
}
