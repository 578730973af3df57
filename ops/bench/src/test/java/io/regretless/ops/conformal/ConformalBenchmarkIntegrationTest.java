package io.regretless.ops.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.regretless.conformal.CalibratorKind;
import io.regretless.ops.broker.RealBroker;

/**
 * The benchmark on a real broker: predictions and labels go through the topology, intervals and
 * evaluation records come out, and the table computed from them is the in-process table, bit for bit.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConformalBenchmarkIntegrationTest {
    @RegisterExtension
    static final RealBroker KAFKA = new RealBroker();

    @Test
    void theKafkaTableIsTheInProcessTable() throws InterruptedException {
        ConformalOptions options = ConformalOptions.parse("series=seattle", "forecasters=naive", "targets=0.9",
            "calibrators=saocp,faci,aci", "points=300", "grouping=all", "warmupRun=false", "kafkaRepeats=1", "repeats=1",
            "timeoutSeconds=90");
        ConformalReport report = ConformalBenchmark.run(KAFKA.broker(), options, System.out);
        System.out.print(report.table());

        assertEquals(1, report.kafkaRuns().size());
        KafkaRun run = report.kafkaRuns().get(0);
        // 300 points: train 60, calibration 12 -> 252 labels per model, 240 of them scored.
        assertEquals(3 * 252, run.labels());
        assertEquals(3 * 252, run.intervals());
        assertEquals(3 * 240, run.evaluations());
        assertEquals(List.of(), run.inconsistencies());
        assertEquals(3, report.rows().size());
        for (ConformalReport.Row row : report.rows()) {
            assertNotNull(row.kafka(), row.cell().modelId());
            assertEquals(240, row.kafka().metrics().scored());
            assertEquals(row.inProcess().metrics(), row.kafka().metrics(), row.cell().modelId());
            assertTrue(row.identical(), row.cell().modelId());
            assertTrue(row.kafkaLabelsPerSecond() > 0);
        }
        assertTrue(report.identical(), report.table());
        assertTrue(report.table().contains("IDENTICAL"));
    }

    /** ACI at 0.95 on CO2 with the seasonal-naive forecaster issues unbounded intervals: null bounds on the wire. */
    @Test
    void unboundedIntervalsSurviveTheRoundTrip() throws InterruptedException {
        Cell cell = new Cell(CalibratorKind.ACI, BenchSeries.CO2, Forecaster.SEASONAL_NAIVE, 0.95);
        Replay replay = Replay.of(cell.series(), cell.forecaster(), 0);
        CellRun alone = InProcessRunner.run(cell, replay);
        assertTrue(Arrays.stream(alone.widths()).anyMatch(Double::isInfinite), "the replay must reach ACI's +inf radius");

        KafkaRun run = new KafkaRunner(KAFKA.broker(), ConformalOptions.parse("timeoutSeconds=90"))
            .run(List.of(cell), c -> replay);
        CellRun viaKafka = run.runs().get(cell.modelId());
        assertEquals(List.of(), run.inconsistencies());
        assertArrayEquals(alone.covered(), viaKafka.covered());
        assertArrayEquals(alone.widths(), viaKafka.widths(), 0.0);
        assertEquals(alone.metrics(), viaKafka.metrics());
        assertTrue(Double.isFinite(viaKafka.metrics().meanWidth()),
            "the mean width is over bounded intervals, as the reference computes it");
    }
}
