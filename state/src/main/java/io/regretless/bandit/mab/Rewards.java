package io.regretless.bandit.mab;

/** The reward ranges the learners' guarantees are stated for, checked before anything changes. */
final class Rewards {
    /** Largest magnitude of an unbounded learner's reward, as for the contextual learners. */
    static final double MAX_MAGNITUDE = 1e100;

    private Rewards() {
    }

    static void requireUnit(double reward, String armId) {
        if (!(reward >= 0 && reward <= 1)) {
            throw new IllegalArgumentException("reward for arm '" + armId + "' must be in [0, 1], got " + reward);
        }
    }

    static void requireFinite(double reward, String armId) {
        if (!(Math.abs(reward) <= MAX_MAGNITUDE)) {
            throw new IllegalArgumentException("reward for arm '" + armId + "' is not finite or beyond +-"
                + MAX_MAGNITUDE + ": " + reward);
        }
    }

    static void requireArm(String armId) {
        if (armId == null || armId.isEmpty()) {
            throw new IllegalArgumentException("an update needs a non-empty arm id");
        }
    }
}
