package io.regretless.bandit.mab;

import io.regretless.bandit.Choice;

/** The choice of a deterministic index rule: probability 1 on the first largest index. */
final class Deterministic {
    private Deterministic() {
    }

    /** The first offered arm of largest index (NaN is never largest), with probability 1. */
    static Choice first(double[] indices) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < indices.length; a++) {
            if (indices[a] > max || best < 0 && indices[a] == max) {
                max = indices[a];
                best = a;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no comparable index among " + indices.length + " arms");
        }
        double[] probabilities = new double[indices.length];
        probabilities[best] = 1.0;
        return new Choice(best, probabilities);
    }
}
