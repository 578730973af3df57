package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Axis ticks are round, cover the data, are neither too few nor too many, and their labels say their values. */
class ReportAxisTicksTest {

    @Test
    void ticksAreRoundAndCoverEveryRange() {
        Random random = new Random(7);
        for (int trial = 0; trial < 5_000; trial++) {
            double scale = Math.pow(10, random.nextInt(18) - 9);
            double a = (random.nextDouble() * 2 - 1) * scale * (random.nextBoolean() ? 1 : 1000);
            double b = a + random.nextDouble() * scale;
            AxisTicks ticks = AxisTicks.covering(a, b);
            String where = "[" + a + ", " + b + "] -> " + ticks;
            assertTrue(List.of(1, 2, 5).contains(ticks.mantissa()), where);
            assertTrue(ticks.first() <= a + ticks.step() * 1e-6 && ticks.last() >= b - ticks.step() * 1e-6, where);
            assertTrue(ticks.first() > a - ticks.step() && ticks.last() < b + ticks.step(),
                "no empty interval at an end: " + where);
            assertTrue(ticks.count() >= 2 && ticks.count() <= 8, where);
            if (b - a > 0) {
                assertTrue(ticks.count() >= 3, where);
            }
            Set<String> labels = new HashSet<>();
            for (int i = 0; i < ticks.count(); i++) {
                double shown = ReportPage.number(ticks.label(i));
                assertEquals(ticks.value(i), shown, ticks.step() * 1e-9, where + " label " + ticks.label(i));
                assertTrue(labels.add(ticks.label(i)), "labels are distinct: " + where);
            }
        }
    }

    @Test
    void familiarRangesGetFamiliarTicks() {
        assertLabels(0, 1, "0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertLabels(0, 600, "0", "200", "400", "600");
        assertLabels(0.85, 0.93, "0.84", "0.86", "0.88", "0.90", "0.92", "0.94");
        assertLabels(0, 100_000, "0", "20k", "40k", "60k", "80k", "100k");
        assertLabels(-3.2, 1.1, "-4", "-3", "-2", "-1", "0", "1", "2");
        assertLabels(0.9, 0.9, "0.80", "0.85", "0.90", "0.95", "1.00");
    }

    private static void assertLabels(double min, double max, String... expected) {
        AxisTicks ticks = AxisTicks.covering(min, max);
        String[] labels = new String[ticks.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ticks.label(i);
        }
        assertEquals(List.of(expected), List.of(labels), "[" + min + ", " + max + "]");
    }
}
