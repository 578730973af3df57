package io.regretless.schemas.codec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Well-formed JSON that is not a valid record of its type (a missing or unknown field, a value of
 * the wrong type, an integer out of range). The message names every offending field by its JSON
 * pointer, with the reason.
 */
public final class SchemaViolationException extends UnreadableRecordException {
    private static final int SHOWN = 5;
    private final transient List<JsonViolation> violations;

    public SchemaViolationException(String type, List<JsonViolation> violations) {
        super(message(type, violations));
        this.violations = List.copyOf(violations);
    }

    /** What was wrong, in document order; at least one. */
    public List<JsonViolation> violations() {
        return violations;
    }

    private static String message(String type, List<JsonViolation> violations) {
        String shown = violations.stream().limit(SHOWN).map(JsonViolation::toString).collect(Collectors.joining("; "));
        int more = violations.size() - SHOWN;
        return "JSON is not a valid " + type + ": " + shown + (more > 0 ? "; and " + more + " more" : "");
    }
}
