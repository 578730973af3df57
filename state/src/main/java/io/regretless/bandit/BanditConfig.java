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
 * @param exploration    α (LinUCB), v (Thompson), γ₀ (SquareCB) or ε (epsilon-greedy)
 * @param seed           seeds every random draw, together with the request id
 * @param maxArms        bound on per-action models of a disjoint learner
 * @param features       feature names with coordinates of their own ({@link DeclaredFeatures#NONE}: every
 *                       name hashed); d must leave at least one coordinate for the others
 */
public record BanditConfig(
        LearnerKind kind, boolean shared, int dimension, double regularization,
        double exploration, long seed, int maxArms, DeclaredFeatures features) {

    /** A model that hashes every feature name into its d coordinates. */
    public BanditConfig(LearnerKind kind, boolean shared, int dimension, double regularization, double exploration,
                        long seed, int maxArms) {
        this(kind, shared, dimension, regularization, exploration, seed, maxArms, DeclaredFeatures.NONE);
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
        if (features == null) {
            throw new IllegalArgumentException("features are required (DeclaredFeatures.NONE for none)");
        }
        if (dimension < features.minimumDimension()) {
            throw new IllegalArgumentException("dimension must be at least " + features.minimumDimension() + " with "
                + features.count() + " declared features (their coordinates, the bias's and at least one for names "
                + "not declared), got " + dimension);
        }
    }

    /** This configuration with other declared features. */
    public BanditConfig withFeatures(DeclaredFeatures features) {
        return new BanditConfig(kind, shared, dimension, regularization, exploration, seed, maxArms, features);
    }

    /** The name logged with each decision, e.g. {@code linucb-disjoint}. */
    public String learnerName() {
        return kind.shortName() + (shared ? "-shared" : "-disjoint");
    }

    /** Bytes of state one arm's regression model takes: the packed Cholesky factor and b. */
    public long bytesPerArm() {
        return 8L * ((long) dimension * (dimension + 1) / 2 + dimension);
    }

    /** Upper bound on this model's encoded state. */
    public long maxStateBytes() {
        return bytesPerArm() * (shared ? 1 : maxArms);
    }
}
