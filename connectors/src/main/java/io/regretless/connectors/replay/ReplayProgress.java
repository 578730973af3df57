package io.regretless.connectors.replay;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a running replay.
 *
 * @param done     decisions received and rewarded so far, over all models
 * @param total    decisions the run will make: passes × rows × models
 * @param averages per model id (in run order), the progressive reward so far: cumulative reward /
 *                 decisions; NaN before the model's first decision
 * @param elapsed  wall time since the run started
 */
public record ReplayProgress(long done, long total, Map<String, Double> averages, Duration elapsed) {

    public ReplayProgress {
        averages = Collections.unmodifiableMap(new LinkedHashMap<>(averages));
    }

    /** done / total, in [0, 1]. */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
