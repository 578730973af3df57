package io.regretless.topology.config;

import java.time.Duration;

import io.regretless.bandit.BanditConfig;

/**
 * Everything configured per model id: how it learns, how long a decision waits for its reward,
 * the reward assumed when none arrives, and the bounds that keep one request (and so the state)
 * small. Requests beyond the bounds are dead-lettered, never truncated.
 *
 * @param bandit            the learner and its exploration
 * @param attributionWindow how long after a decision its reward is accepted (stream time)
 * @param defaultReward     the reward learned when the window closes without one
 * @param maxFeatures       bound on context plus action features of one request
 * @param maxActions        bound on candidate actions of one request
 * @param rewardWait        how long a reward read before its decision waits for it (stream time)
 * @param shadows           shadow policies evaluated on the model's feedback ({@link ShadowConfig#NONE} for none)
 */
public record ModelConfig(
        BanditConfig bandit, Duration attributionWindow, double defaultReward, int maxFeatures, int maxActions,
        Duration rewardWait, ShadowConfig shadows) {

    /** A model without shadow policies that waits 10 s for a decision a reward was read before. */
    public ModelConfig(BanditConfig bandit, Duration attributionWindow, double defaultReward, int maxFeatures,
                       int maxActions) {
        this(bandit, attributionWindow, defaultReward, maxFeatures, maxActions, Duration.ofSeconds(10), ShadowConfig.NONE);
    }

    public ModelConfig {
        if (bandit == null) {
            throw new IllegalArgumentException("bandit config is required");
        }
        if (attributionWindow == null || attributionWindow.isNegative() || attributionWindow.isZero()) {
            throw new IllegalArgumentException("attribution window must be positive, got " + attributionWindow);
        }
        if (!Double.isFinite(defaultReward)) {
            throw new IllegalArgumentException("default reward must be finite, got " + defaultReward);
        }
        if (rewardWait == null || rewardWait.isNegative()) {
            throw new IllegalArgumentException("reward wait must be >= 0, got " + rewardWait);
        }
        if (maxFeatures < 1 || maxActions < 1) {
            throw new IllegalArgumentException("max features and max actions must be >= 1");
        }
        if (shadows == null) {
            throw new IllegalArgumentException("shadows are required (ShadowConfig.NONE for none)");
        }
        if (shadows.enabled()) {
            shadows.setup(bandit);
        }
    }
}
