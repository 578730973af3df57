package io.regretless.experts;

import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;
import io.regretless.linalg.CholeskyFactor;

/**
 * The square loss of the best linear fit in hindsight on a stream of rows, from sufficient statistics
 * only: A = λI + XᵀX (kept as its Cholesky factor, {@link CholeskyFactor}), b = Xᵀy and yᵀy — O(d²)
 * per row, no rows stored. The comparator of groupwise regret in Acharya et al. (ICLR 2024, §2, §5).
 *
 * <p>With θ = A⁻¹b the ridge solution, its square loss Σ(y − xᵀθ)² = yᵀy − 2θᵀb + θᵀXᵀXθ simplifies,
 * because θᵀb = θᵀAθ, to yᵀy − θᵀb − λ‖θ‖². A tiny λ (default 1e-6) makes A positive definite when
 * XᵀX is singular — always, with group indicators as features, since within a group its own indicator
 * is constant and the others are 0 — and then θ → the minimum-norm least-squares solution and the loss
 * exceeds the exact least-squares loss by O(λ²). The fit is not clipped to the label range (the
 * reference code clips it to [0, 1], which can only lower the comparator's loss).
 */
final class HindsightLeastSquares {
    static final double DEFAULT_REGULARIZATION = 1e-6;

    private final int dimension;
    private final double regularization;
    private final CholeskyFactor cholesky;
    private final double[] b;
    private double labelSquares;

    HindsightLeastSquares(int dimension, double regularization) {
        this(dimension, regularization, CholeskyFactor.ofScaledIdentity(dimension, regularization),
            new double[dimension], 0.0);
    }

    private HindsightLeastSquares(int dimension, double regularization, CholeskyFactor cholesky, double[] b,
                                  double labelSquares) {
        this.dimension = dimension;
        this.regularization = regularization;
        this.cholesky = cholesky;
        this.b = b;
        this.labelSquares = labelSquares;
    }

    int dimension() {
        return dimension;
    }

    double regularization() {
        return regularization;
    }

    /** Adds one row; the caller has checked x and y. */
    void add(double[] x, double y) {
        cholesky.rankOneUpdate(x);
        for (int i = 0; i < dimension; i++) {
            b[i] += y * x[i];
        }
        labelSquares += y * y;
    }

    /** The fitted θ = A⁻¹b (a new array). */
    double[] coefficients() {
        double[] theta = new double[dimension];
        cholesky.solveLower(b, theta);
        cholesky.solveUpper(theta, theta);
        return theta;
    }

    /** Σ(y − xᵀθ)² over the rows added, ≥ 0. O(d²). */
    double loss() {
        double[] theta = coefficients();
        double fit = 0.0;
        double norm = 0.0;
        for (int i = 0; i < dimension; i++) {
            fit += theta[i] * b[i];
            norm += theta[i] * theta[i];
        }
        // A sum of squares cannot be negative; rounding in the cancellation can make it a hair below 0.
        return Math.max(0.0, labelSquares - fit - regularization * norm);
    }

    void writeTo(StateWriter w) {
        double[] packed = cholesky.toPacked();
        w.putLong(dimension).putDouble(regularization).putDouble(labelSquares);
        w.putDoubles(packed, packed.length).putDoubles(b, dimension);
    }

    static HindsightLeastSquares readFrom(StateReader r) {
        int d = r.getSize();
        double lambda = r.getDouble();
        double yy = r.getDouble();
        double[] packed = r.getDoubles();
        double[] b = r.getDoubles();
        if (d < 1 || !(lambda > 0) || !Double.isFinite(lambda) || !(yy >= 0) || !Double.isFinite(yy) || b.length != d) {
            throw new IllegalArgumentException("corrupt least-squares statistics: d=" + d + ", λ=" + lambda + ", yᵀy=" + yy);
        }
        for (double v : b) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("corrupt least-squares statistics: b holds " + v);
            }
        }
        return new HindsightLeastSquares(d, lambda, CholeskyFactor.ofPacked(d, packed), b, yy);
    }
}
