package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Marsaglia's polar method (Marsaglia &amp; Bray 1964), written out here
 * rather than taken from {@code RandomGenerator.nextGaussian()}: that algorithm may change between
 * JDK releases, and replayed decisions must not. {@link StrictMath#log} is used for the same reason.
 */
final class StandardNormal {
    private StandardNormal() {
    }

    /** Fills {@code out[0..n)} with independent N(0, 1) draws; both values of each pair are used. */
    static void fill(SplittableRandom random, double[] out, int n) {
        int i = 0;
        while (i < n) {
            double u;
            double v;
            double s;
            do {
                u = 2.0 * random.nextDouble() - 1.0;
                v = 2.0 * random.nextDouble() - 1.0;
                s = u * u + v * v;
            } while (s >= 1.0 || s == 0.0);
            double factor = Math.sqrt(-2.0 * StrictMath.log(s) / s);
            out[i++] = u * factor;
            if (i < n) {
                out[i++] = v * factor;
            }
        }
    }
}
