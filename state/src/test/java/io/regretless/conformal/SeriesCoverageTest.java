package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.regretless.conformal.metrics.IntervalEvaluator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On both shared real series, naive forecaster, target 0.9: SAOCP, SF-OGD and FACI end within 0.02 of the
 * target. Prints the table for every method (coverage, mean width, median half-width, LCE_20, LCE_100).
 */
class SeriesCoverageTest {
    static final double TARGET = 0.9;
    static final Set<CalibratorKind> MUST_HOLD =
            EnumSet.of(CalibratorKind.SAOCP, CalibratorKind.SF_OGD, CalibratorKind.FACI);

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({"series/seattle-weather.csv, temp_max", "series/co2-concentration.csv, CO2"})
    void adaptiveMethodsReachTheTarget(String file, String column) {
        double[] y = SeriesReplay.normalise(ConformalData.csv(file).doubles(column));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%s %s, naive, target %.2f, %d test steps%n%-17s %8s %10s %10s %8s %8s%n", file, column, TARGET,
                y.length - SeriesReplay.trainLength(y.length), "method", "coverage", "meanWidth", "medHalfW",
                "LCE20", "LCE100"));
        StringBuilder failures = new StringBuilder();
        for (CalibratorKind kind : CalibratorKind.values()) {
            IntervalEvaluator ev = SeriesReplay.run(y, kind, TARGET);
            table.append(String.format(Locale.ROOT, "%-17s %8.4f %10.4f %10.4f %8.3f %8.3f%n", kind.wireName(),
                    ev.coverage(), ev.meanWidth(), ev.medianHalfWidth(), ev.lce(20), ev.lce(100)));
            if (MUST_HOLD.contains(kind) && Math.abs(ev.coverage() - TARGET) > 0.02) {
                failures.append(kind).append(" coverage ").append(ev.coverage()).append("; ");
            }
        }
        System.out.print(table);
        assertEquals("", failures.toString(), table.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"series/seattle-weather.csv, temp_max"})
    void theProtocolReproducesTheGoldenCalibrationAndSteps(String file, String column) {
        double[] y = SeriesReplay.normalise(ConformalData.csv(file).doubles(column));
        assertArrayEquals(ConformalData.goldenCalibration(), SeriesReplay.calibrationResiduals(y), 0.0);
        double[] goldenY = ConformalData.golden().doubles("y");
        int start = SeriesReplay.trainLength(y.length);
        for (int t = 0; t < goldenY.length; t++) {
            assertEquals(goldenY[t], y[start + t], 0.0);
        }
    }
}
