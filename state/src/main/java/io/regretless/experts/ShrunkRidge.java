package io.regretless.experts;

import io.regretless.conformal.StateReader;
import io.regretless.conformal.StateWriter;
import io.regretless.linalg.CholeskyFactor;

/**
 * Online ridge regression shrunk toward a target θ₀ instead of toward 0: after the rows (x_s, y_s),
 * θ = argmin Σ_s (y_s − x_sᵀθ)² + λ‖θ − θ₀‖² = (λI + XᵀX)⁻¹(Xᵀy + λθ₀), the posterior mean of
 * Bayesian linear regression under the prior N(θ₀, (σ²/λ) I). With θ₀ the pooled model's θ this is
 * the group model of mean-regularised multi-task learning (Evgeniou &amp; Pontil, "Regularized
 * multi-task learning", KDD 2004, eq. 3–4: θ_g = θ₀ + v_g with λ‖v_g‖² charged): the group's deviation
 * from the pooled solution is a ridge regression on the group's own rows.
 *
 * <p>Only the sufficient statistics are kept (A = λI + XᵀX as its Cholesky factor, b = Xᵀy), and the
 * target is supplied when θ is asked for, so a group model always shrinks toward the pooled model's
 * <em>current</em> θ — exactly, never toward residuals of an older pooled fit. With θ₀ = 0 the
 * arithmetic is that of {@link io.regretless.bandit.RidgeRegression}, bit for bit.
 *
 * <p>State d(d + 1)/2 + d + 3 numbers. Not thread-safe.
 */
final class ShrunkRidge {
    private final int dimension;
    private final double shrinkage;
    private final CholeskyFactor cholesky;
    private final double[] b;
    private long observations;

    /** Nothing learned yet: A = λI, b = 0, so θ = θ₀. */
    ShrunkRidge(int dimension, double shrinkage) {
        this(dimension, checkShrinkage(shrinkage), CholeskyFactor.ofScaledIdentity(dimension, shrinkage),
            new double[dimension], 0L);
    }

    private ShrunkRidge(int dimension, double shrinkage, CholeskyFactor cholesky, double[] b, long observations) {
        this.dimension = dimension;
        this.shrinkage = shrinkage;
        this.cholesky = cholesky;
        this.b = b;
        this.observations = observations;
    }

    private static double checkShrinkage(double shrinkage) {
        if (!(shrinkage > 0) || !Double.isFinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be finite and > 0, got " + shrinkage);
        }
        return shrinkage;
    }

    int dimension() {
        return dimension;
    }

    double shrinkage() {
        return shrinkage;
    }

    long observations() {
        return observations;
    }

    /** A += x xᵀ, b += y x; the caller has checked x and y. */
    void update(double[] x, double y) {
        cholesky.rankOneUpdate(x);
        for (int i = 0; i < dimension; i++) {
            b[i] += y * x[i];
        }
        observations++;
    }

    /**
     * Writes θ = A⁻¹(b + λθ₀) to {@code out} (length d); {@code target} null stands for θ₀ = 0.
     * Two triangular solves, O(d²).
     */
    void coefficients(double[] target, double[] out) {
        if (target == null) {
            System.arraycopy(b, 0, out, 0, dimension);
        } else {
            for (int i = 0; i < dimension; i++) {
                out[i] = b[i] + shrinkage * target[i];
            }
        }
        cholesky.solveLower(out, out);
        cholesky.solveUpper(out, out);
    }

    void writeTo(StateWriter w) {
        double[] packed = cholesky.toPacked();
        w.putLong(dimension).putDouble(shrinkage).putLong(observations);
        w.putDoubles(packed, packed.length).putDoubles(b, dimension);
    }

    /** @throws IllegalArgumentException if the values do not form a valid model */
    static ShrunkRidge readFrom(StateReader r) {
        int d = r.getSize();
        double shrinkage = r.getDouble();
        long observations = r.getLong();
        double[] packed = r.getDoubles();
        double[] b = r.getDoubles();
        if (d < 1 || !(shrinkage > 0) || !Double.isFinite(shrinkage) || observations < 0 || b.length != d) {
            throw new IllegalArgumentException("corrupt shrunk ridge state: d=" + d + ", λ=" + shrinkage
                + ", observations " + observations + ", " + b.length + " b values");
        }
        for (double v : b) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("corrupt shrunk ridge state: b holds " + v);
            }
        }
        return new ShrunkRidge(d, shrinkage, CholeskyFactor.ofPacked(d, packed), b, observations);
    }
}
