package io.regretless.topology.conformal;

import java.util.Map;

import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;

/** What every prediction request and label must satisfy; violations carry their dead-letter reason. */
final class ConformalChecks {
    private ConformalChecks() {
    }

    static ConformalModelConfig model(Map<String, ConformalModelConfig> configs, String modelId) {
        ConformalModelConfig config = configs.get(modelId);
        if (config == null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_MODEL,
                "conformal model '" + modelId + "' is not configured; configured: " + configs.keySet());
        }
        return config;
    }

    static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "id must not be empty");
        }
    }

    static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new InvalidRecordException(DeadLetterReason.NON_FINITE_NUMBER, what + " is " + value);
        }
    }
}
