package io.regretless.topology.deadletter;

/** Why a record was refused. The names are stable codes: dashboards and alerts key on them. */
public enum DeadLetterReason {
    /** The bytes are neither single-object Avro of a known writer schema nor well-formed JSON (the detail says where parsing stopped). */
    UNREADABLE,
    /** A feature, reward, propensity, prediction or label is NaN or infinite. */
    NON_FINITE_NUMBER,
    /** The record names a model id that is not configured. */
    UNKNOWN_MODEL,
    /** More features than the model's max.features (bandits) or dimension (sleeping experts). */
    TOO_MANY_FEATURES,
    /** More candidate actions than max.actions, or more distinct arms than max.arms. */
    TOO_MANY_ACTIONS,
    /**
     * Well-formed but not a valid record: JSON that does not fit the event's JSON Schema (a missing,
     * unknown or mistyped field, named by JSON pointer), or inconsistent values (no actions,
     * duplicate action ids, an empty id, a propensity outside (0, 1]).
     */
    INVALID_RECORD,
    /** A request, prediction or case id that was already answered and is still remembered (waiting, or closed within the last window). */
    DUPLICATE_REQUEST,
    /** A reward (or label) for a request (or prediction) this application never saw, or whose record has expired. */
    UNKNOWN_REQUEST,
    /** A reward after its decision's attribution window closed. */
    LATE_REWARD,
    /** A second reward for a request whose reward was already joined. */
    DUPLICATE_REWARD,
    /** A label after its prediction's label window closed. */
    LATE_LABEL,
    /** A second label for a prediction that already has one. */
    DUPLICATE_LABEL,
    /** A sleeping-experts case, or a prediction of a conformal series that lists its groups, names a group its model is not configured with. */
    UNKNOWN_GROUP,
    /** A sleeping-experts case (advice mode) names an expert its model is not configured with. */
    UNKNOWN_EXPERT,
    /**
     * The model's stored state contradicts its configuration (another learner, dimension or
     * sharing): its records are refused until the model is reset ({@code models reset <id>}) or
     * the configuration gets a new model id. The other models go on.
     */
    MODEL_STATE_CONFLICT,
    /** Processing failed unexpectedly; the detail holds the exception. */
    PROCESSING_ERROR
}
