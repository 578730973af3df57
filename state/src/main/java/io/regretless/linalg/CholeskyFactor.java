package io.regretless.linalg;

/**
 * The lower-triangular Cholesky factor L of a symmetric positive-definite d×d matrix A = L Lᵀ,
 * kept packed row by row: entry (i, j), j ≤ i, lives at {@code i(i+1)/2 + j}, d(d+1)/2 doubles.
 *
 * <p>A is never formed. It changes only by rank-one updates A ← A + x xᵀ, applied to L directly in
 * O(d²) with plane (Givens) rotations — the LINPACK {@code dchud} update (Dongarra, Bunch, Moler &amp;
 * Stewart, <i>LINPACK Users' Guide</i>, 1979, ch. 10; Golub &amp; Van Loan, <i>Matrix Computations</i>,
 * 4th ed., §6.5.4). Rotations are orthogonal, so rounding errors do not grow with the number of
 * updates, unlike Sherman–Morrison updates of A⁻¹.
 *
 * <p>Not thread-safe: the update reuses a scratch vector held by the object.
 */
public final class CholeskyFactor {
    private final int dimension;
    private final double[] packed;
    private final double[] work;

    private CholeskyFactor(int dimension, double[] packed) {
        this.dimension = dimension;
        this.packed = packed;
        this.work = new double[dimension];
    }

    /** Number of packed entries of a d×d lower triangle, d(d+1)/2. */
    public static int packedLength(int dimension) {
        return dimension * (dimension + 1) / 2;
    }

    /** The factor of λI, which is √λ·I. */
    public static CholeskyFactor ofScaledIdentity(int dimension, double lambda) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        double[] packed = new double[packedLength(dimension)];
        double root = Math.sqrt(lambda);
        for (int i = 0; i < dimension; i++) {
            packed[index(i, i)] = root;
        }
        return new CholeskyFactor(dimension, packed);
    }

    /**
     * A factor from its packed lower triangle (copied), e.g. one read back from stored state.
     *
     * @throws IllegalArgumentException if the length is wrong, an entry is not finite or a
     *     diagonal entry is not positive (then L Lᵀ would not be positive definite)
     */
    public static CholeskyFactor ofPacked(int dimension, double[] packedLowerTriangle) {
        if (dimension < 1 || packedLowerTriangle.length != packedLength(dimension)) {
            throw new IllegalArgumentException("a packed " + dimension + "x" + dimension + " triangle needs "
                + packedLength(Math.max(dimension, 0)) + " values, got " + packedLowerTriangle.length);
        }
        for (double v : packedLowerTriangle) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Cholesky factor holds a non-finite value: " + v);
            }
        }
        for (int i = 0; i < dimension; i++) {
            if (!(packedLowerTriangle[index(i, i)] > 0)) {
                throw new IllegalArgumentException("Cholesky diagonal entry " + i + " is not positive: "
                    + packedLowerTriangle[index(i, i)]);
            }
        }
        return new CholeskyFactor(dimension, packedLowerTriangle.clone());
    }

    public int dimension() {
        return dimension;
    }

    /** L(i, j) for any i, j; 0 above the diagonal. */
    public double get(int i, int j) {
        return j > i ? 0.0 : packed[index(i, j)];
    }

    /** A copy of the packed lower triangle, row by row. */
    public double[] toPacked() {
        return packed.clone();
    }

    /**
     * Replaces L by the factor of L Lᵀ + x xᵀ. Column k is rotated against the running vector w
     * (initially x) so that w(k) becomes 0; what rotates out of column k carries into later ones.
     */
    public void rankOneUpdate(double[] x) {
        checkLength(x);
        double[] w = work;
        System.arraycopy(x, 0, w, 0, dimension);
        for (int k = 0; k < dimension; k++) {
            double wk = w[k];
            if (wk == 0.0) {
                continue; // the rotation would be the identity; hashed features are sparse
            }
            int kk = index(k, k);
            double lkk = packed[kk];
            double r = Math.sqrt(lkk * lkk + wk * wk);
            double c = lkk / r;
            double s = wk / r;
            packed[kk] = r;
            for (int i = k + 1; i < dimension; i++) {
                int ik = index(i, k);
                double lik = packed[ik];
                packed[ik] = c * lik + s * w[i];
                w[i] = c * w[i] - s * lik;
            }
        }
    }

    /** Solves L z = x by forward substitution; {@code out} may be {@code x}. */
    public void solveLower(double[] x, double[] out) {
        checkLength(x);
        checkLength(out);
        for (int i = 0; i < dimension; i++) {
            int row = index(i, 0);
            double sum = x[i];
            for (int j = 0; j < i; j++) {
                sum -= packed[row + j] * out[j];
            }
            out[i] = sum / packed[row + i];
        }
    }

    /**
     * Solves Lᵀ y = z by back substitution; {@code out} may be {@code z}. Works column-wise on Lᵀ,
     * i.e. along the contiguous rows of the packed L.
     */
    public void solveUpper(double[] z, double[] out) {
        checkLength(z);
        checkLength(out);
        if (out != z) {
            System.arraycopy(z, 0, out, 0, dimension);
        }
        for (int i = dimension - 1; i >= 0; i--) {
            int row = index(i, 0);
            double yi = out[i] / packed[row + i];
            out[i] = yi;
            for (int j = 0; j < i; j++) {
                out[j] -= packed[row + j] * yi;
            }
        }
    }

    private static int index(int i, int j) {
        return i * (i + 1) / 2 + j;
    }

    private void checkLength(double[] v) {
        if (v.length != dimension) {
            throw new IllegalArgumentException("expected a vector of length " + dimension + ", got " + v.length);
        }
    }
}
