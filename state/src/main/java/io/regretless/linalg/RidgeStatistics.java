package io.regretless.linalg;

import java.util.Arrays;
import java.util.Objects;

/**
 * Online ridge regression from its sufficient statistics: A = λI + Σ w x xᵀ (kept only as its
 * Cholesky factor L, {@link CholeskyFactor}), b = Σ w y x, the number of rows and, if asked for
 * ({@link #withLabelSquares}), yᵀy = Σ w y² — O(d²)
 * per row, no rows stored (Hoerl &amp; Kennard 1970). Every ridge model here is one of these: the
 * reward model of the linear bandits (Li et al. 2010, Algorithm 1) and of the doubly robust
 * estimators, the groupwise learner's pooled and group models, and the comparator of groupwise regret.
 *
 * <ul>
 *   <li>{@link #coefficients()} θ = A⁻¹b, the minimiser of Σ(y − θᵀx)² + λ‖θ‖²; {@link #coefficients(double[],
 *       double[])} θ = A⁻¹(b + λθ₀), the minimiser of Σ(y − θᵀx)² + λ‖θ − θ₀‖², i.e. shrunk toward a target
 *       θ₀ (the posterior mean under the prior N(θ₀, (σ²/λ) I); mean-regularised multi-task learning,
 *       Evgeniou &amp; Pontil, KDD 2004, eq. 3–4).</li>
 *   <li>{@link #variance} xᵀA⁻¹x = ‖L⁻¹x‖², the width of LinUCB's bound and the posterior variance of
 *       Thompson sampling; {@link #whiten} z = L⁻¹x.</li>
 *   <li>{@link #hindsightLoss()} the square loss Σ(y − xᵀθ)² of θ = A⁻¹b on the rows seen: since
 *       θᵀb = θᵀAθ it is yᵀy − θᵀb − λ‖θ‖² (Acharya et al., ICLR 2024, §2, §5, the comparator of
 *       groupwise regret). With a tiny λ it exceeds the least-squares loss by O(λ²). Only statistics
 *       made {@link #withLabelSquares} keep yᵀy; the others hold NaN for it, so that a model restored from a
 *       stored form without yᵀy equals the one that was stored.</li>
 * </ul>
 *
 * <p>{@link #state()} and {@link #restore} round-trip L, b, yᵀy and the count bit for bit, so a restored
 * model computes exactly as before.
 * θ = A⁻¹b is two triangular solves away and cached until the next update. Not thread-safe: queries
 * reuse scratch vectors.
 */
public final class RidgeStatistics {
    /**
     * The statistics as plain values: L packed row by row ({@link CholeskyFactor#toPacked()}), b, yᵀy
     * (NaN where unknown) and the number of rows learned from. Equal when every number has the same
     * bits.
     */
    public record State(int dimension, double regularization, long observations, double labelSquares,
                        double[] cholesky, double[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof State other
                && dimension == other.dimension
                && Double.compare(regularization, other.regularization) == 0
                && observations == other.observations
                && Double.compare(labelSquares, other.labelSquares) == 0
                && Arrays.equals(cholesky, other.cholesky)
                && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dimension, regularization, observations, labelSquares, Arrays.hashCode(cholesky),
                Arrays.hashCode(b));
        }

        @Override
        public String toString() {
            return "RidgeStatistics.State[d=" + dimension + ", λ=" + regularization + ", observations " + observations
                + ", yᵀy=" + labelSquares + "]";
        }
    }

    private final int dimension;
    private final double regularization;
    private final CholeskyFactor cholesky;
    private final double[] b;
    private final double[] theta;
    private final double[] scratch;
    private double labelSquares;
    private long observations;
    private boolean thetaStale;

    /**
     * Nothing learned yet: A = λI, b = 0, so θ = 0 (or θ₀); yᵀy is not kept (NaN).
     *
     * @throws IllegalArgumentException for a dimension below 1 or a λ that is not finite and &gt; 0
     */
    public RidgeStatistics(int dimension, double regularization) {
        this(dimension, regularization, CholeskyFactor.ofScaledIdentity(dimension, regularization),
            new double[dimension], Double.NaN, 0L);
    }

    /**
     * Nothing learned yet, keeping yᵀy (from 0) for {@link #hindsightLoss()}.
     *
     * @throws IllegalArgumentException for a dimension below 1 or a λ that is not finite and &gt; 0
     */
    public static RidgeStatistics withLabelSquares(int dimension, double regularization) {
        return new RidgeStatistics(dimension, regularization, CholeskyFactor.ofScaledIdentity(dimension, regularization),
            new double[dimension], 0.0, 0L);
    }

    private RidgeStatistics(int dimension, double regularization, CholeskyFactor cholesky, double[] b,
                            double labelSquares, long observations) {
        this.dimension = dimension;
        this.regularization = regularization;
        this.cholesky = cholesky;
        this.b = b;
        this.theta = new double[dimension];
        this.scratch = new double[dimension];
        this.labelSquares = labelSquares;
        this.observations = observations;
        this.thetaStale = true;
    }

    /**
     * Statistics from stored values, bit for bit (the arrays are copied).
     *
     * @throws IllegalArgumentException if the values do not form valid statistics (sizes, non-finite
     *     numbers, a negative count or yᵀy, a factor that is not positive definite)
     */
    public static RidgeStatistics restore(State state) {
        int d = state.dimension();
        double lambda = state.regularization();
        double yy = state.labelSquares();
        if (d < 1 || !(lambda > 0) || Double.isInfinite(lambda) || state.observations() < 0
                || yy < 0 || Double.isInfinite(yy) || state.b().length != d) {
            throw new IllegalArgumentException("corrupt ridge statistics: d=" + d + ", λ=" + lambda + ", observations "
                + state.observations() + ", yᵀy=" + yy + ", " + state.b().length + " b values");
        }
        for (double v : state.b()) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("corrupt ridge statistics: b holds " + v);
            }
        }
        return new RidgeStatistics(d, lambda, CholeskyFactor.ofPacked(d, state.cholesky()), state.b().clone(), yy,
            state.observations());
    }

    /** A copy of the statistics. */
    public State state() {
        return new State(dimension, regularization, observations, labelSquares, cholesky.toPacked(), b.clone());
    }

    public int dimension() {
        return dimension;
    }

    /** λ. */
    public double regularization() {
        return regularization;
    }

    /** Rows learned from. */
    public long observations() {
        return observations;
    }

    /** Learns from one row: A += x xᵀ, b += y x, yᵀy += y² (if kept). The caller has checked x and y are finite. */
    public void update(double[] x, double y) {
        cholesky.rankOneUpdate(x);
        for (int i = 0; i < dimension; i++) {
            b[i] += y * x[i];
        }
        labelSquares += y * y;
        observations++;
        thetaStale = true;
    }

    /**
     * Learns from one row of importance weight w &gt; 0: A += w x xᵀ, b += w y x, yᵀy += w y² (the minimiser
     * of Σ wᵢ(yᵢ − θᵀxᵢ)² + λ‖θ‖²). A weight of exactly 1 is {@link #update(double[], double)}, bit for bit.
     */
    public void update(double[] x, double y, double w) {
        if (w == 1.0) {
            update(x, y);
            return;
        }
        double root = StrictMath.sqrt(w);
        for (int i = 0; i < dimension; i++) {
            scratch[i] = root * x[i];
        }
        cholesky.rankOneUpdate(scratch);
        for (int i = 0; i < dimension; i++) {
            b[i] += w * y * x[i];
        }
        labelSquares += w * y * y;
        observations++;
        thetaStale = true;
    }

    /** θᵀx with θ = A⁻¹b. */
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
     * Writes z = L⁻¹x to {@code out}. For a standard normal ξ, θ + v L⁻ᵀξ ~ N(θ, v²A⁻¹), so a sampled
     * parameter scores x as θᵀx + v zᵀξ: Thompson sampling needs z, not the sample of θ.
     */
    public void whiten(double[] x, double[] out) {
        cholesky.solveLower(x, out);
    }

    /** A copy of θ = A⁻¹b. */
    public double[] coefficients() {
        return theta().clone();
    }

    /**
     * Writes θ = A⁻¹(b + λθ₀) to {@code out} (length d); {@code target} null stands for θ₀ = 0. Two
     * triangular solves, O(d²).
     */
    public void coefficients(double[] target, double[] out) {
        if (target == null) {
            System.arraycopy(b, 0, out, 0, dimension);
        } else {
            for (int i = 0; i < dimension; i++) {
                out[i] = b[i] + regularization * target[i];
            }
        }
        cholesky.solveLower(out, out);
        cholesky.solveUpper(out, out);
    }

    /** Σ(y − xᵀθ)² over the rows learned from, θ = A⁻¹b, ≥ 0; NaN unless yᵀy is kept. O(d²). */
    public double hindsightLoss() {
        double[] fitted = theta();
        double fit = 0.0;
        double norm = 0.0;
        for (int i = 0; i < dimension; i++) {
            fit += fitted[i] * b[i];
            norm += fitted[i] * fitted[i];
        }
        // A sum of squares cannot be negative; rounding in the cancellation can make it a hair below 0.
        return Math.max(0.0, labelSquares - fit - regularization * norm);
    }

    /** The cached θ, refreshed after updates: L z = b, then Lᵀ θ = z. */
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
