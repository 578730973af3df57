package io.regretless.topology.deadletter;

import java.util.Map;

/**
 * What an input record of every part must satisfy before it is used: an id, finite numbers, a
 * configured model. A violation is an {@link InvalidRecordException} with its dead-letter reason.
 */
public final class RecordRules {
    private RecordRules() {
    }

    /** Refuses an empty id ({@code INVALID_RECORD}). */
    public static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD, "id must not be empty");
        }
    }

    /** Refuses NaN and infinities ({@code NON_FINITE_NUMBER}); {@code what} names the value. */
    public static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new InvalidRecordException(DeadLetterReason.NON_FINITE_NUMBER, what + " is " + value);
        }
    }

    /**
     * The configuration of {@code modelId}, or {@code UNKNOWN_MODEL} listing the configured ones.
     *
     * @param named how the refusal names the model, e.g. "conformal model"
     */
    public static <C> C configured(Map<String, C> configs, String modelId, String named) {
        C config = configs.get(modelId);
        if (config == null) {
            throw new InvalidRecordException(DeadLetterReason.UNKNOWN_MODEL,
                named + " '" + modelId + "' is not configured; configured: " + configs.keySet());
        }
        return config;
    }
}
