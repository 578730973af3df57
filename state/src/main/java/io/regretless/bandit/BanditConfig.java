package io.regretless.bandit;

import io.regretless.features.DeclaredFeatures;

/**
 * How one model learns and decides.
 *
 * @param kind           the algorithm
 * @param shared         one regression model over all actions' features (with action × context
 *                       crosses) instead of one model per action (disjoint)
 * @param dimension      d, the length of the feature vectors; state grows as d² per arm
 * @param regularization λ of the ridge regression, A = λI + Σ xxᵀ
 * @param exploration    α (LinUCB), v (linear and Gaussian Thompson), γ₀ (SquareCB), ε (epsilon-greedy)
 *                       or ξ (sliding-window UCB); unused by the other multi-armed learners
 * @param seed           seeds every random draw, together with the request id
 * @param maxArms        bound on per-action models of a disjoint or multi-armed learner
 * @param multiArmed     the multi-armed learners' own settings (discount, window, horizon)
 * @param features       feature names with coordinates of their own ({@link DeclaredFeatures#NONE}: every
 *                       name hashed); d must leave at least one coordinate for the others
 *
 * <p>A multi-armed learner ({@link LearnerKind#multiArmed()}) ignores features: {@code dimension}
 * and {@code regularization} then only configure the model's shadow policies, it cannot be
 * shared and it declares no features.
 */
public record BanditConfig(
        LearnerKind kind, boolean shared, int dimension, double regularization,
        double exploration, long seed, int maxArms, MultiArmedSettings multiArmed, DeclaredFeatures features) {

    /** A configuration with the multi-armed learners' default settings that hashes every feature name. */
    public BanditConfig(LearnerKind kind, boolean shared, int dimension, double regularization, double exploration,
                        long seed, int maxArms) {
        this(kind, shared, dimension, regularization, exploration, seed, maxArms, MultiArmedSettings.DEFAULTS,
            DeclaredFeatures.NONE);
    }

    /** A configuration that hashes every feature name into its d coordinates. */
    public BanditConfig(LearnerKind kind, boolean shared, int dimension, double regularization, double exploration,
                        long seed, int maxArms, MultiArmedSettings multiArmed) {
        this(kind, shared, dimension, regularization, exploration, seed, maxArms, multiArmed, DeclaredFeatures.NONE);
    }

    /** A configuration with the multi-armed learners' default settings. */
    public BanditConfig(LearnerKind kind, boolean shared, int dimension, double regularization, double exploration,
                        long seed, int maxArms, DeclaredFeatures features) {
        this(kind, shared, dimension, regularization, exploration, seed, maxArms, MultiArmedSettings.DEFAULTS, features);
    }

    public BanditConfig {
        if (kind == null) {
            throw new IllegalArgumentException("learner kind is required");
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(regularization > 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be finite and > 0, got " + regularization);
        }
        if (!(exploration >= 0) || Double.isInfinite(exploration)) {
            throw new IllegalArgumentException("exploration must be finite and >= 0, got " + exploration);
        }
        if (kind == LearnerKind.EPSILON_GREEDY && exploration > 1) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], got " + exploration);
        }
        if (maxArms < 1) {
            throw new IllegalArgumentException("maxArms must be >= 1, got " + maxArms);
        }
        if (multiArmed == null) {
            throw new IllegalArgumentException("multi-armed settings are required (MultiArmedSettings.DEFAULTS)");
        }
        if ((kind == LearnerKind.GAUSSIAN_THOMPSON || kind == LearnerKind.SLIDING_WINDOW_UCB) && exploration == 0) {
            throw new IllegalArgumentException(kind.shortName() + "'s exploration (" + kind.explorationName()
                + ") must be > 0");
        }
        if (kind.multiArmed() && shared) {
            throw new IllegalArgumentException(kind.shortName() + " learns one statistic per action and has no features"
                + " to share: it cannot be shared");
        }
        if (features == null) {
            throw new IllegalArgumentException("features are required (DeclaredFeatures.NONE for none)");
        }
        if (kind.multiArmed() && features.count() > 0) {
            throw new IllegalArgumentException(kind.shortName() + " reads no features: it cannot declare any");
        }
        if (dimension < features.minimumDimension()) {
            throw new IllegalArgumentException("dimension must be at least " + features.minimumDimension() + " with "
                + features.count() + " declared features (their coordinates, the bias's and at least one for names "
                + "not declared), got " + dimension);
        }
    }

    /** This configuration with other declared features. */
    public BanditConfig withFeatures(DeclaredFeatures features) {
        return new BanditConfig(kind, shared, dimension, regularization, exploration, seed, maxArms, multiArmed, features);
    }

    /** The name logged with each decision, e.g. {@code linucb-disjoint}, or {@code ucb1}. */
    public String learnerName() {
        return kind.multiArmed() ? kind.shortName() : kind.shortName() + (shared ? "-shared" : "-disjoint");
    }

    /**
     * The length of the feature vectors the learner reads: the dimension, or 0 for a multi-armed
     * learner, whose requests are not hashed and whose updates carry no features.
     */
    public int featureDimension() {
        return kind.multiArmed() ? 0 : dimension;
    }

    /** Bytes of state one ridge regression model takes: the packed Cholesky factor and b. */
    public long bytesPerArm() {
        return 8L * ((long) dimension * (dimension + 1) / 2 + dimension);
    }

    /**
     * Upper bound on this model's encoded state (arm ids not counted): the ridge models of a
     * linear learner; for a multi-armed one at most two longs or doubles per arm (a varint long
     * takes up to 10 bytes), and sw-ucb's window of an arm index and a reward per slot.
     */
    public long maxStateBytes() {
        if (kind.multiArmed()) {
            long window = kind == LearnerKind.SLIDING_WINDOW_UCB ? 18L * multiArmed.window() : 0;
            return 20L * maxArms + window;
        }
        return bytesPerArm() * (shared ? 1 : maxArms);
    }
}
