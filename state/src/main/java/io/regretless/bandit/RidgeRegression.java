package io.regretless.bandit;

import io.regretless.linalg.CholeskyFactor;
import io.regretless.schemas.state.RidgeRegressionState;

/**
 * Online ridge regression, the reward model ("oracle") of every linear learner here:
 * A = λI + Σ x xᵀ, b = Σ y x, θ̂ = A⁻¹ b, the minimiser of Σ (y − θᵀx)² + λ‖θ‖²
 * (Hoerl &amp; Kennard 1970; as a bandit's reward model, Li et al. 2010, Algorithm 1).
 *
 * <p>A is held only as its Cholesky factor L (see {@link CholeskyFactor}); θ̂ is two triangular
 * solves away and is cached until the next update. {@link #variance} gives xᵀA⁻¹x = ‖L⁻¹x‖², the
 * width of LinUCB's confidence bound and the posterior variance of Thompson sampling.
 *
 * <p>The state is L, b and the observation count — never A — so {@link #toState()} and
 * {@link #fromState} round-trip bit for bit and a restored model predicts exactly as before.
 * Not thread-safe: queries reuse scratch vectors.
 */
public final class RidgeRegression {
    private final int dimension;
    private final double regularization;
    private final CholeskyFactor cholesky;
    private final double[] b;
    private final double[] theta;
    private final double[] scratch;
    private long observations;
    private boolean thetaStale;

    /** A model that has seen nothing: θ̂ = 0, A = λI. */
    public RidgeRegression(int dimension, double regularization) {
        this(dimension, regularization, CholeskyFactor.ofScaledIdentity(dimension, regularization),
            new double[dimension], 0);
    }

    private RidgeRegression(int dimension, double regularization, CholeskyFactor cholesky, double[] b,
                            long observations) {
        this.dimension = dimension;
        this.regularization = regularization;
        this.cholesky = cholesky;
        this.b = b;
        this.theta = new double[dimension];
        this.scratch = new double[dimension];
        this.observations = observations;
        this.thetaStale = true;
    }

    /**
     * Restores a model from its stored state, bit for bit.
     *
     * @throws IllegalStateException if the state is malformed (sizes, non-finite numbers, a
     *     factor that is not positive definite)
     */
    public static RidgeRegression fromState(RidgeRegressionState state) {
        int d = state.getDimension();
        double lambda = state.getRegularization();
        if (d < 1 || !(lambda > 0) || Double.isInfinite(lambda) || state.getObservations() < 0) {
            throw new IllegalStateException("malformed ridge regression state: dimension " + d
                + ", regularization " + lambda + ", observations " + state.getObservations());
        }
        double[] packed = LittleEndianDoubles.fromBytes(
            state.getCholesky(), CholeskyFactor.packedLength(d), "cholesky");
        double[] b = LittleEndianDoubles.fromBytes(state.getB(), d, "b");
        for (double v : b) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("ridge regression state holds a non-finite b: " + v);
            }
        }
        try {
            return new RidgeRegression(d, lambda, CholeskyFactor.ofPacked(d, packed), b, state.getObservations());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("malformed ridge regression state: " + e.getMessage(), e);
        }
    }

    /** The state to store: L packed row by row and b, as little-endian doubles. */
    public RidgeRegressionState toState() {
        return RidgeRegressionState.newBuilder()
            .setDimension(dimension)
            .setRegularization(regularization)
            .setObservations(observations)
            .setCholesky(LittleEndianDoubles.toBytes(cholesky.toPacked()))
            .setB(LittleEndianDoubles.toBytes(b))
            .build();
    }

    public int dimension() {
        return dimension;
    }

    public double regularization() {
        return regularization;
    }

    public long observations() {
        return observations;
    }

    /** Learns from one example: A += x xᵀ, b += y x. The caller has checked x and y are finite. */
    public void update(double[] x, double y) {
        cholesky.rankOneUpdate(x);
        for (int i = 0; i < dimension; i++) {
            b[i] += y * x[i];
        }
        observations++;
        thetaStale = true;
    }

    /**
     * Learns from one example of importance weight w &gt; 0: A += w x xᵀ, b += w y x (the minimiser of
     * Σ wᵢ(yᵢ − θᵀxᵢ)² + λ‖θ‖²). A weight of exactly 1 is {@link #update(double[], double)}, bit for bit.
     */
    public void update(double[] x, double y, double w) {
        if (w == 1.0) {
            update(x, y);
            return;
        }
        double root = StrictMath.sqrt(w);
        double[] scaled = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            scaled[i] = root * x[i];
        }
        cholesky.rankOneUpdate(scaled);
        for (int i = 0; i < dimension; i++) {
            b[i] += w * y * x[i];
        }
        observations++;
        thetaStale = true;
    }

    /** θ̂ᵀx. */
    public double predict(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + x.length);
        }
        return dot(theta(), x);
    }

    /** xᵀA⁻¹x = ‖L⁻¹x‖², which is ≥ 0 by construction. */
    public double variance(double[] x) {
        cholesky.solveLower(x, scratch);
        return dot(scratch, scratch);
    }

    /**
     * Writes z = L⁻¹x to {@code out}. For a standard normal ξ, θ̂ + v L⁻ᵀξ ~ N(θ̂, v²A⁻¹), so a
     * sampled parameter scores x as θ̂ᵀx + v zᵀξ: Thompson sampling needs z, not the sample of θ.
     */
    public void whiten(double[] x, double[] out) {
        cholesky.solveLower(x, out);
    }

    /** A copy of θ̂ = A⁻¹b. */
    public double[] coefficients() {
        return theta().clone();
    }

    /** The cached θ̂, refreshed after updates: L z = b, then Lᵀ θ̂ = z. */
    private double[] theta() {
        if (thetaStale) {
            cholesky.solveLower(b, theta);
            cholesky.solveUpper(theta, theta);
            thetaStale = false;
        }
        return theta;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }
}
