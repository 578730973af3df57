package io.regretless.ops.report;

/** Records of one topic: decoded, unreadable, and dropped as a second copy of one already read. */
final class ReadTally {
    private long decoded;
    private long unreadable;
    private long duplicates;

    void decoded() {
        decoded++;
    }

    void unreadable() {
        unreadable++;
    }

    void duplicate() {
        duplicates++;
    }

    long decodedCount() {
        return decoded;
    }

    long unreadableCount() {
        return unreadable;
    }

    long duplicateCount() {
        return duplicates;
    }

    /** Records that fed the report: decoded and not duplicates. */
    long usedCount() {
        return decoded - duplicates;
    }
}
