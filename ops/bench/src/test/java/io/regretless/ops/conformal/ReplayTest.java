package io.regretless.ops.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.Calibrators;

/** The replays follow the golden protocol, and the options and model ids are what the benchmark promises. */
class ReplayTest {

    @Test
    void seattleNaiveReproducesTheGoldenCalibrationSetAndTestSteps() throws Exception {
        Replay replay = Replay.of(BenchSeries.SEATTLE, Forecaster.NAIVE, 0);
        double[] residuals = new double[replay.warmup()];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = replay.y()[i] - replay.yhat()[i];
        }
        assertArrayEquals(column("golden_seattle_naive_calib.csv", "calib_signed_residual"),
            Calibrators.removeOutliers(residuals), 0.0);
        double[] goldenY = column("golden_seattle_naive_cov90.csv", "y");
        double[] goldenYhat = column("golden_seattle_naive_cov90.csv", "yhat");
        for (int t = 0; t < goldenY.length; t++) {
            assertEquals(goldenY[t], replay.y()[replay.warmup() + t], 0.0, "y at test step " + t);
            assertEquals(goldenYhat[t], replay.yhat()[replay.warmup() + t], 0.0, "yhat at test step " + t);
        }
    }

    @Test
    void streamsTheCalibrationStepsThenEveryLaterPoint() {
        // Seattle: N = 1461, train = 292, calibration = 59 -> streamed from index 233.
        Replay seattle = Replay.of(BenchSeries.SEATTLE, Forecaster.SEASONAL_NAIVE, 0);
        assertEquals(233, seattle.start());
        assertEquals(59, seattle.warmup());
        assertEquals(1461 - 233, seattle.steps());
        assertEquals(1461 - 292, seattle.scored());
        // CO2: N = 741, train = 148, calibration = 30; seasonal naive looks 12 months back.
        Replay co2 = Replay.of(BenchSeries.CO2, Forecaster.SEASONAL_NAIVE, 0);
        assertEquals(118, co2.start());
        assertEquals(30, co2.warmup());
        assertEquals(623, co2.steps());
        double[] all = BenchSeries.normalise(BenchSeries.CO2.raw());
        assertEquals(all[118], co2.y()[0], 0.0);
        assertEquals(all[118 - 12], co2.yhat()[0], 0.0);
        assertEquals(all[740 - 12], co2.yhat()[622], 0.0);
        // A prefix is normalised and split on its own.
        Replay short300 = Replay.of(BenchSeries.SEATTLE, Forecaster.NAIVE, 300);
        assertEquals(12, short300.warmup());
        assertEquals(240, short300.scored());
        double min = Arrays.stream(short300.y()).min().orElseThrow();
        double max = Arrays.stream(short300.y()).max().orElseThrow();
        assertTrue(min >= 0 && max <= 1);
    }

    @Test
    void tooShortASeriesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Replay.of(BenchSeries.CO2, Forecaster.SEASONAL_NAIVE, 40));
    }

    @Test
    void modelIdsNameSeriesForecasterTargetAndCalibrator() {
        assertEquals("seattle-naive-90-saocp",
            new Cell(CalibratorKind.SAOCP, BenchSeries.SEATTLE, Forecaster.NAIVE, 0.9).modelId());
        assertEquals("co2-seasonal-95-faci-s",
            new Cell(CalibratorKind.FACI_S, BenchSeries.CO2, Forecaster.SEASONAL_NAIVE, 0.95).modelId());
        assertEquals("co2-naive-80-quantile-tracker",
            new Cell(CalibratorKind.QUANTILE_TRACKER, BenchSeries.CO2, Forecaster.NAIVE, 0.8).modelId());
    }

    @Test
    void optionsDefaultToTheWholeGridAndParseSubsets() {
        ConformalOptions all = ConformalOptions.defaults();
        assertEquals(12 * CalibratorKind.values().length, all.cells().size());
        assertEquals(CalibratorKind.SCP, all.cells().get(0).calibrator());
        assertEquals(List.of(0.8, 0.9, 0.95), all.targets());

        ConformalOptions some = ConformalOptions.parse("series=seattle", "forecasters=seasonal-naive", "targets=0.9",
            "calibrators=saocp,SF_OGD,faci", "points=300", "kafka=false", "grouping=all", "--repeats=2");
        assertEquals(List.of(BenchSeries.SEATTLE), some.series());
        assertEquals(List.of(Forecaster.SEASONAL_NAIVE), some.forecasters());
        assertEquals(List.of(CalibratorKind.SAOCP, CalibratorKind.SF_OGD, CalibratorKind.FACI), some.calibrators());
        assertEquals(3, some.cells().size());
        assertEquals(300, some.points());
        assertEquals(2, some.repeats());
        assertEquals(3, some.kafkaRepeats());
        assertEquals(ConformalOptions.Grouping.ALL, some.grouping());
        assertEquals(false, some.kafka());
        assertEquals(some, ConformalOptions.parse(some.describe().split(" ")));

        assertThrows(IllegalArgumentException.class, () -> ConformalOptions.parse("colour=red"));
        assertThrows(IllegalArgumentException.class, () -> ConformalOptions.parse("targets=1.5"));
        assertThrows(IllegalArgumentException.class, () -> ConformalOptions.parse("series=oslo"));
        assertThrows(IllegalArgumentException.class, () -> ConformalOptions.parse("points"));
    }

    /** A column of a golden file of the repository's {@code data/conformal-golden}, on the test class path. */
    static double[] column(String file, String name) throws IOException, URISyntaxException {
        URL url = ReplayTest.class.getResource("/data/conformal-golden/" + file);
        if (url == null) {
            fail("data file missing from the test class path: /data/conformal-golden/" + file);
        }
        List<String> lines = Files.readAllLines(Path.of(url.toURI()));
        int c = Arrays.asList(lines.get(0).split(",")).indexOf(name);
        return lines.stream().skip(1).filter(l -> !l.isBlank()).mapToDouble(l -> Double.parseDouble(l.split(",")[c]))
            .toArray();
    }
}
