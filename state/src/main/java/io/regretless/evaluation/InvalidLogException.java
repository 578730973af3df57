package io.regretless.evaluation;

/**
 * A logged decision an estimator must not use: why (a reason code, the names the application uses
 * for dead letters: {@code INVALID_RECORD} or {@code NON_FINITE_NUMBER}), which field (a JSON
 * pointer into the record, e.g. {@code /decision/propensity}) and what is wrong with it.
 */
public final class InvalidLogException extends IllegalArgumentException {
    private final String reason;
    private final String field;

    public InvalidLogException(String reason, String field, String detail) {
        super(field + ": " + detail);
        this.reason = reason;
        this.field = field;
    }

    /** {@code INVALID_RECORD} or {@code NON_FINITE_NUMBER}. */
    public String reason() {
        return reason;
    }

    /** The offending field as a JSON pointer. */
    public String field() {
        return field;
    }
}
