package io.regretless.schemas.codec;

/**
 * Bytes that are not a record of the expected type: neither single-object Avro of a known writer
 * schema nor well-formed JSON, or truncated or corrupt. {@link SchemaViolationException} is the
 * case of well-formed JSON that does not fit the type's schema.
 */
public class UnreadableRecordException extends RuntimeException {
    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
