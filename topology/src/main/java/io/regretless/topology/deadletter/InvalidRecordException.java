package io.regretless.topology.deadletter;

/** A record that must go to the dead-letter topic, with its reason and a human-readable detail. */
public final class InvalidRecordException extends RuntimeException {
    private final DeadLetterReason reason;

    public InvalidRecordException(DeadLetterReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
