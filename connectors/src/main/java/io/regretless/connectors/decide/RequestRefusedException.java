package io.regretless.connectors.decide;

/**
 * A decision request that cannot be decided: why (a reason code, the same names the application
 * uses for dead letters, e.g. {@code TOO_MANY_FEATURES}), which field (a JSON pointer into the
 * request, e.g. {@code /actions/2/id}) and what was wrong with it.
 */
public final class RequestRefusedException extends IllegalArgumentException {
    private final String reason;
    private final String field;

    public RequestRefusedException(String reason, String field, String detail) {
        super(field + ": " + detail);
        this.reason = reason;
        this.field = field;
    }

    /** The reason code: INVALID_RECORD, NON_FINITE_NUMBER, TOO_MANY_FEATURES or TOO_MANY_ACTIONS. */
    public String reason() {
        return reason;
    }

    /** The offending field as a JSON pointer. */
    public String field() {
        return field;
    }
}
