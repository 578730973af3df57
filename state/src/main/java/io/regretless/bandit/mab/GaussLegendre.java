package io.regretless.bandit.mab;

/**
 * The n-point Gauss–Legendre rule on [−1, 1] and its integration matrix, computed once from the
 * Legendre recurrence with {@link StrictMath}, so every JVM gets the same nodes bit for bit.
 *
 * <p>Weights integrate polynomials of degree ≤ 2n − 1 exactly. The integration matrix S maps the
 * values of a function at the nodes to the integrals ∫_{−1}^{t_k} p(t) dt of its interpolating
 * polynomial p (degree n − 1) up to each node t_k: with the Legendre expansion p = Σ c_m P_m,
 * c_m = (2m + 1)/2 Σ_l w_l P_m(t_l) f_l (exact, as P_m·P_j has degree ≤ 2n − 2), and
 * ∫_{−1}^{x} P_m = (P_{m+1}(x) − P_{m−1}(x))/(2m + 1) for m ≥ 1, x + 1 for m = 0
 * (Abramowitz &amp; Stegun 22.13; the collocation form is the "spectral integration matrix" of
 * Greengard 1991, "Spectral integration and two-point boundary value problems").
 */
final class GaussLegendre {
    private final int n;
    private final double[] nodes;
    private final double[] weights;
    private final double[][] integration;

    GaussLegendre(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 nodes, got " + n);
        }
        this.n = n;
        this.nodes = new double[n];
        this.weights = new double[n];
        for (int i = 0; i < n; i++) {
            // Tricomi's initial guess, then Newton on P_n; nodes ascending
            double x = -StrictMath.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int iteration = 0; iteration < 100; iteration++) {
                double[] p = legendre(n, x);
                double derivative = n * (x * p[n] - p[n - 1]) / (x * x - 1.0);
                double step = p[n] / derivative;
                x -= step;
                if (Math.abs(step) < 1e-16) {
                    break;
                }
            }
            double[] p = legendre(n, x);
            double derivative = n * (x * p[n] - p[n - 1]) / (x * x - 1.0);
            nodes[i] = x;
            weights[i] = 2.0 / ((1.0 - x * x) * derivative * derivative);
        }
        this.integration = new double[n][n];
        double[][] atNodes = new double[n][];
        for (int l = 0; l < n; l++) {
            atNodes[l] = legendre(n, nodes[l]);
        }
        for (int k = 0; k < n; k++) {
            double[] p = legendre(n, nodes[k]);
            for (int l = 0; l < n; l++) {
                double s = 0.0;
                for (int m = 0; m < n; m++) {
                    double integral = m == 0 ? nodes[k] + 1.0 : (p[m + 1] - p[m - 1]) / (2 * m + 1);
                    s += (2 * m + 1) / 2.0 * weights[l] * atNodes[l][m] * integral;
                }
                integration[k][l] = s;
            }
        }
    }

    /** P_0(x) .. P_n(x) by Bonnet's recurrence. */
    private static double[] legendre(int n, double x) {
        double[] p = new double[n + 1];
        p[0] = 1.0;
        p[1] = x;
        for (int m = 1; m < n; m++) {
            p[m + 1] = ((2 * m + 1) * x * p[m] - m * p[m - 1]) / (m + 1);
        }
        return p;
    }

    /** A copy of the nodes, ascending. */
    double[] nodes() {
        return nodes.clone();
    }

    /** A copy of the weights. */
    double[] weights() {
        return weights.clone();
    }

    /** A copy of the integration matrix, row k (node) by row: entry (k, l) at k·n + l. */
    double[] integrationMatrix() {
        double[] flat = new double[n * n];
        for (int k = 0; k < n; k++) {
            System.arraycopy(integration[k], 0, flat, k * n, n);
        }
        return flat;
    }
}
