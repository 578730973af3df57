package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.codec.ConformalStateCodec;
import io.regretless.codec.PackedState;

/**
 * The default calibrator on Seattle's daily maximum temperature with a naive forecaster, whose scores take 36
 * values: lowering the radius to the score lattice changes no step's coverage and narrows every interval that fell
 * between two values; a state written before the lattice existed still restores and continues unsnapped.
 */
class DefaultCalibratorTest {

    private static double[] seattle() {
        return SeriesReplay.normalise(ConformalData.csv("series/seattle-weather.csv").doubles("temp_max"));
    }

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.8, 0.9, 0.95})
    void onALatticeTheSnappedRadiusCoversTheSameStepsWithNarrowerIntervals(double target) {
        double[] y = seattle();
        DefaultCalibrator c = (DefaultCalibrator) Calibrators.warmStartFromResiduals(CalibratorKind.DEFAULT,
            CalibratorConfig.of(target), SeriesReplay.calibrationResiduals(y));
        double snappedSum = 0;
        double plainSum = 0;
        int steps = 0;
        for (int t = SeriesReplay.trainLength(y.length); t < y.length; t++) {
            double yhat = y[t - 1];
            double plain = c.unsnappedRadius();
            double r = c.radius();
            assertTrue(r <= plain, "never wider");
            boolean covered = yhat - r <= y[t] && y[t] <= yhat + r;
            boolean coveredPlain = yhat - plain <= y[t] && y[t] <= yhat + plain;
            assertEquals(coveredPlain, covered, "step " + t + ": radius " + plain + " snapped to " + r);
            snappedSum += r;
            plainSum += plain;
            steps++;
            c.update(Math.abs(y[t] - yhat));
        }
        assertEquals(1169, steps);
        assertTrue(snappedSum < 0.97 * plainSum, "at least 3% narrower on average: " + snappedSum / plainSum);
    }

    @ParameterizedTest(name = "target {0}")
    @ValueSource(doubles = {0.8, 0.9})
    void aStateWithoutTheLatticeRestoresAndNeverSnaps(double target) {
        double[] y = seattle();
        DefaultCalibrator c = (DefaultCalibrator) Calibrators.warmStartFromResiduals(CalibratorKind.DEFAULT,
            CalibratorConfig.of(target), SeriesReplay.calibrationResiduals(y));
        int start = SeriesReplay.trainLength(y.length);
        for (int t = start; t < start + 200; t++) {
            c.radius();
            c.update(Math.abs(y[t] - y[t - 1]));
        }
        PackedState state = ConformalStateCodec.export(c);
        // the lattice is written last, two longs (scores seen, number of values) and the values: drop them
        long[] longs = state.longs();
        int values = (int) longs[longs.length - 1];
        assertTrue(values > 0, "Seattle's scores are on a lattice");
        PackedState former = new PackedState(state.kind(),
            Arrays.copyOf(state.doubles(), state.doubles().length - values), Arrays.copyOf(longs, longs.length - 2));
        DefaultCalibrator old = (DefaultCalibrator) ConformalStateCodec.restore(former);
        for (int t = start + 200; t < y.length; t++) {
            assertEquals(Double.doubleToRawLongBits(c.unsnappedRadius()), Double.doubleToRawLongBits(old.radius()),
                "step " + t);
            double s = Math.abs(y[t] - y[t - 1]);
            boolean sameFlag = (s > c.radius()) == (s > old.radius());
            assertTrue(sameFlag, "same coverage flag at step " + t);
            c.update(s);
            old.update(s);
        }
    }
}
