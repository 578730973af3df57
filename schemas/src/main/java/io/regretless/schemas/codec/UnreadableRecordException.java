package io.regretless.schemas.codec;

/** Bytes that are not a single-object-encoded record of a known writer schema. */
public final class UnreadableRecordException extends RuntimeException {
    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
