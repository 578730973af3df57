package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * Draws an index from a probability vector by inversion of its cumulative distribution, with one
 * {@code nextDouble()}. An index of probability 0 is never drawn, even when rounding leaves the
 * cumulative sum a little below 1 (then the last index of positive probability is drawn).
 */
public final class Categorical {
    private Categorical() {
    }

    public static int sample(double[] probabilities, SplittableRandom random) {
        double u = random.nextDouble();
        double cumulative = 0.0;
        int lastPositive = -1;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (p > 0) {
                lastPositive = i;
                cumulative += p;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        if (lastPositive < 0) {
            throw new IllegalArgumentException("no action has positive probability");
        }
        return lastPositive;
    }
}
