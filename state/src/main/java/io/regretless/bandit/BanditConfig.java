package io.regretless.bandit;

/**
 * How one model learns and decides.
 *
 * @param kind           the algorithm
 * @param shared         one regression model over all actions' features (with action × context
 *                       crosses) instead of one model per action (disjoint)
 * @param dimension      d, the hashed feature dimension; state grows as d² per arm
 * @param regularization λ of the ridge regression, A = λI + Σ xxᵀ
 * @param exploration    α (LinUCB), v (Thompson), γ₀ (SquareCB) or ε (epsilon-greedy)
 * @param seed           seeds every random draw, together with the request id
 * @param maxArms        bound on per-action models of a disjoint learner
 */
public record BanditConfig(
        LearnerKind kind, boolean shared, int dimension, double regularization,
        double exploration, long seed, int maxArms) {

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
