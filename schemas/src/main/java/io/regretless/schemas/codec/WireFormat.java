package io.regretless.schemas.codec;

import java.util.Locale;

/**
 * How a topic value is encoded. Both are read from every input topic, told apart by their first
 * bytes: single-object Avro starts with the marker {@code C3 01}, natural JSON with <code>{</code>
 * after optional whitespace and a UTF-8 byte-order mark. Neither can start like the other.
 */
public enum WireFormat {
    /** Avro single-object encoding: {@code C3 01}, the writer schema's CRC-64-AVRO fingerprint, the binary body. */
    AVRO,
    /** One JSON object in the record's natural shape (see {@link WireCodec}), UTF-8. */
    JSON;

    /** {@code avro} or {@code json}, in any case. */
    public static WireFormat parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (WireFormat format : values()) {
            if (format.wireName().equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "': expected avro or json");
    }

    /** The name used in settings and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format of {@code bytes} by their first bytes, or null when they start like neither. */
    public static WireFormat detect(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length >= 2 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01) {
            return AVRO;
        }
        int i = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '{' ? JSON : null;
    }
}
