package io.regretless.experts;

/**
 * Checks an awake set given as the first {@code count} entries of an index array: every index in
 * [0, n) and no index twice. A repeated expert would be updated twice in one round, which the
 * sleeping-experts bounds do not allow; an out-of-range one is an unknown group or expert.
 * Uses a caller-owned marker array so the check allocates nothing.
 */
final class AwakeSets {
    private AwakeSets() {
    }

    /** @throws IllegalArgumentException naming the offending index */
    static void check(int[] awake, int count, int n, boolean[] mark) {
        if (count < 0 || count > awake.length) {
            throw new IllegalArgumentException("awake count " + count + " outside [0, " + awake.length + "]");
        }
        int k = 0;
        try {
            for (; k < count; k++) {
                int i = awake[k];
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("unknown expert " + i + " (there are " + n + ")");
                }
                if (mark[i]) {
                    throw new IllegalArgumentException("expert " + i + " is listed twice");
                }
                mark[i] = true;
            }
        } finally {
            for (int j = 0; j < k; j++) {
                int i = awake[j];
                if (i >= 0 && i < n) {
                    mark[i] = false;
                }
            }
        }
    }

    /** @throws IllegalArgumentException if an array is shorter than the awake count */
    static void checkLength(double[] values, int count, String what) {
        if (values.length < count) {
            throw new IllegalArgumentException(what + " holds " + values.length + " values for " + count + " awake experts");
        }
    }
}
