package io.regretless.schemas.codec;

/**
 * Why a JSON value was refused, and where: {@code pointer} is the RFC 6901 JSON pointer of the
 * offending field ({@code /actions/0/id}; empty for the whole document).
 */
public record JsonViolation(String pointer, String reason) {
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(the document)" : pointer) + ": " + reason;
    }

    /** {@code parent} extended by one object member or array index, escaped as RFC 6901 says. */
    static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
