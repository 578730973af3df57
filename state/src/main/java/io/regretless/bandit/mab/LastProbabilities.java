package io.regretless.bandit.mab;

import java.util.Arrays;

/**
 * The last probabilities a Thompson sampler computed, for the state version and offered arms they
 * were computed for. Decisions far outnumber rewards when rewards arrive late, and between two
 * updates the same offer gets the same probabilities: computing them once saves the quadrature,
 * and returns the very same numbers, so caching changes no decision.
 */
final class LastProbabilities {
    private long version = -1;
    private String[] arms;
    private double[] probabilities;

    /** A copy of the cached probabilities, or null if they were computed for another version or offer. */
    double[] get(long currentVersion, String[] offered) {
        return currentVersion == version && Arrays.equals(arms, offered) ? probabilities.clone() : null;
    }

    void put(long currentVersion, String[] offered, double[] computed) {
        version = currentVersion;
        arms = offered.clone();
        probabilities = computed.clone();
    }
}
