package io.regretless.bandit;

/**
 * Refuses numbers a model cannot use. A single NaN or infinity would enter A and b for good and
 * poison every later decision, and so would a finite value whose square or product overflows;
 * worse, stored state holding one could never be restored. So they are stopped at the door.
 */
public final class FeatureChecks {
    /** Largest magnitude of a feature or reward: squares and products stay far from overflow. */
    public static final double MAX_MAGNITUDE = 1e100;

    private FeatureChecks() {
    }

    static void requireFeatures(double[] features, int dimension, String actionId) {
        if (features == null || features.length != dimension) {
            throw new IllegalArgumentException("action '" + actionId + "' needs " + dimension + " features, got "
                + (features == null ? "none" : features.length));
        }
        for (double v : features) {
            if (!(Math.abs(v) <= MAX_MAGNITUDE)) {
                throw new IllegalArgumentException("action '" + actionId + "' has a feature that is not finite "
                    + "or beyond +-" + MAX_MAGNITUDE + ": " + v);
            }
        }
    }

    static void requireReward(double reward, String actionId) {
        if (!(Math.abs(reward) <= MAX_MAGNITUDE)) {
            throw new IllegalArgumentException("reward for action '" + actionId + "' is not finite or beyond +-"
                + MAX_MAGNITUDE + ": " + reward);
        }
    }

    static void requireWeight(double weight, String actionId) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the weight of a learning update for '" + actionId
                + "' must be finite and > 0, got " + weight);
        }
    }

    static void requireCandidates(Candidates candidates, int dimension) {
        for (int a = 0; a < candidates.size(); a++) {
            requireFeatures(candidates.features()[a], dimension, candidates.actionIds()[a]);
        }
    }
}
