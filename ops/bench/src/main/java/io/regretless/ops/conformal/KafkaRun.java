package io.regretless.ops.conformal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one application run on Kafka produced.
 *
 * @param cells           the rows whose models the run held
 * @param runs            per model id, the row's steps and figures computed from the consumed records
 * @param labels          labels processed (warm-up included)
 * @param intervals       interval records consumed
 * @param evaluations     evaluation records consumed
 * @param processing      from the first input record sent (the application already running) to the
 *                        last output record consumed
 * @param inconsistencies records that contradict the replay or the computed figures (wrong version,
 *                        calibrator, timestamp, or a final evaluation record whose running figures
 *                        differ from the figures computed from the records); empty when all agree
 */
public record KafkaRun(List<Cell> cells, Map<String, CellRun> runs, long labels, long intervals, long evaluations,
                       Duration processing, List<String> inconsistencies) {

    public double labelsPerSecond() {
        return labels / Math.max(1e-9, processing.toNanos() / 1e9);
    }
}
