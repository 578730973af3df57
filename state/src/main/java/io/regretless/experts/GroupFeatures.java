package io.regretless.experts;

/**
 * Appends one-hot group indicators to a feature vector: [x₁..x_d, 1[g₀], .., 1[g_{G−1}]]. This is
 * how the baseline of Acharya et al. (ICLR 2024, §5) and their reference code see the groups — the
 * indicators are ordinary features of a single regression, so they shift its intercept per group but
 * cannot change its slopes.
 */
public final class GroupFeatures {
    private GroupFeatures() {
    }

    /** d + G. */
    public static int dimension(int features, int groups) {
        return Math.addExact(features, groups);
    }

    /**
     * Writes x followed by the indicators of {@code caseGroups} into {@code out} (length d + G).
     *
     * @throws IllegalArgumentException for an unknown group or a wrong-length {@code out}
     */
    public static void withIndicators(double[] x, int[] caseGroups, int groups, double[] out) {
        if (out.length != x.length + groups) {
            throw new IllegalArgumentException("expected an output of length " + (x.length + groups) + ", got " + out.length);
        }
        for (int g : caseGroups) {
            if (g < 0 || g >= groups) {
                throw new IllegalArgumentException("unknown group " + g + " (there are " + groups + ")");
            }
        }
        System.arraycopy(x, 0, out, 0, x.length);
        java.util.Arrays.fill(out, x.length, out.length, 0.0);
        for (int g : caseGroups) {
            out[x.length + g] = 1.0;
        }
    }
}
