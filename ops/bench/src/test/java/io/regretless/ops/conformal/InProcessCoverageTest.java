package io.regretless.ops.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.regretless.conformal.CalibratorKind;
import io.regretless.conformal.metrics.IntervalEvaluator;

/** The learners alone, on the shipped series: the adaptive calibrators hold their coverage. */
class InProcessCoverageTest {
    static final Set<CalibratorKind> ADAPTIVE = EnumSet.of(CalibratorKind.SAOCP, CalibratorKind.SF_OGD, CalibratorKind.FACI);

    @Test
    void saocpSfOgdAndFaciReachTheTargetOnBothSeriesWithTheNaiveForecaster() throws InterruptedException {
        ConformalOptions options = ConformalOptions.parse("series=seattle,co2", "forecasters=naive", "targets=0.9",
            "calibrators=saocp,sf-ogd,faci", "kafka=false", "repeats=0");
        ConformalReport report = ConformalBenchmark.run(null, options, null);
        System.out.print(report.table());
        assertEquals(6, report.rows().size());
        StringBuilder misses = new StringBuilder();
        for (ConformalReport.Row row : report.rows()) {
            assertTrue(ADAPTIVE.contains(row.cell().calibrator()));
            assertNull(row.kafka());
            double coverage = row.metrics().coverage();
            if (Math.abs(coverage - 0.9) > 0.02) {
                misses.append(row.cell().modelId()).append(" coverage ").append(coverage).append("; ");
            }
        }
        assertEquals("", misses.toString());
        assertFalse(report.identical(), "nothing to compare without Kafka");
        assertTrue(report.identityLine().contains("not compared"));
    }

    @Test
    void theWholeGridRunsInProcessWithItsScoredStepCounts() throws InterruptedException {
        ConformalReport report = ConformalBenchmark.run(null, ConformalOptions.parse("kafka=false", "repeats=1"), null);
        assertEquals(12 * CalibratorKind.values().length, report.rows().size());
        for (ConformalReport.Row row : report.rows()) {
            IntervalMetrics m = row.metrics();
            int expected = row.cell().series() == BenchSeries.SEATTLE ? 1169 : 593;
            assertEquals(expected, m.scored(), row.cell().modelId());
            assertTrue(m.coverage() > 0.5 && m.coverage() <= 1, row.cell().modelId());
            assertTrue(m.lce20() >= m.lce100(), row.cell().modelId() + ": a shorter window is never less local");
            assertTrue(row.inProcessLabelsPerSecond() > 0);
        }
    }

    /** The Kafka side's figures come from recorded steps; they must equal the evaluator's bit for bit. */
    @Test
    void figuresFromRecordedStepsEqualTheEvaluators() {
        Random random = new Random(7);
        for (int n : new int[] {1, 19, 20, 99, 100, 101, 1000}) {
            IntervalEvaluator evaluator = new IntervalEvaluator(0.9, n, 20, 100);
            boolean[] covered = new boolean[n];
            double[] widths = new double[n];
            for (int i = 0; i < n; i++) {
                double y = random.nextGaussian();
                double yhat = random.nextGaussian() * 0.1;
                double r = random.nextInt(50) == 0 ? Double.POSITIVE_INFINITY : Math.abs(random.nextGaussian()) * 1.7;
                double lower = InProcessRunner.lower(yhat, r);
                double upper = InProcessRunner.upper(yhat, r);
                covered[i] = evaluator.observe(y, lower, upper);
                widths[i] = upper - lower;
            }
            assertEquals(IntervalMetrics.of(evaluator), IntervalMetrics.of(0.9, covered, widths), "n = " + n);
        }
    }
}
