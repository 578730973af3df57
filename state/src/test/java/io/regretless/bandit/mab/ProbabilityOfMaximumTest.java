package io.regretless.bandit.mab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The error bound stated by {@link ProbabilityOfMaximum} (1e-9 per probability, at the default
 * resolution), checked against independent computations.
 */
class ProbabilityOfMaximumTest {
    private static final double TOLERANCE = ProbabilityOfMaximum.TOLERANCE;
    private final ProbabilityOfMaximum quadrature = new ProbabilityOfMaximum();

    /** ln((n − 1)!) summed directly: exact enough for the small whole numbers used here. */
    private static double logFactorial(int n) {
        double s = 0;
        for (int i = 2; i <= n; i++) {
            s += Math.log(i);
        }
        return s;
    }

    private static double logBeta(int a, int b) {
        return logFactorial(a - 1) + logFactorial(b - 1) - logFactorial(a + b - 1);
    }

    /**
     * P(X_B &gt; X_A) for X_A ~ Beta(a_A, b_A), X_B ~ Beta(a_B, b_B) with whole a_B:
     * Σ_{i=0}^{a_B−1} B(a_A + i, b_A + b_B) / ((b_B + i) B(1 + i, b_B) B(a_A, b_A)) (Cook 2005).
     */
    private static double betaExceeds(int aA, int bA, int aB, int bB) {
        double total = 0;
        for (int i = 0; i < aB; i++) {
            total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
        }
        return total;
    }

    @Test
    void twoBetaArmsMatchTheClosedForm() {
        SplittableRandom random = new SplittableRandom(1);
        double worst = 0;
        for (int c = 0; c < 200; c++) {
            int aA = 1 + random.nextInt(150);
            int bA = 1 + random.nextInt(150);
            int aB = Math.max(1, aA + random.nextInt(-10, 11));
            int bB = Math.max(1, bA + random.nextInt(-10, 11));
            double[] p = quadrature.raw(new Posterior[] {new Posterior.Beta(aA, bA), new Posterior.Beta(aB, bB)});
            worst = Math.max(worst, Math.abs(p[1] - betaExceeds(aA, bA, aB, bB)));
            assertEquals(1.0, p[0] + p[1], TOLERANCE);
        }
        assertTrue(worst <= TOLERANCE, "largest error " + worst);
    }

    /** Φ(x) from the Taylor series of erf (|x| &lt; 3) or its continued fraction, to about 1e-14. */
    private static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double erfc;
        if (z < 3) {
            double term = z;
            double sum = z;
            for (int n = 1; n < 200; n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            erfc = 1 - 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int n = 200; n >= 1; n--) {
                f = n / 2.0 / (z + f);
            }
            erfc = Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
        }
        return x >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    @Test
    void twoNormalArmsMatchTheClosedForm() {
        SplittableRandom random = new SplittableRandom(2);
        for (int c = 0; c < 200; c++) {
            double m0 = random.nextDouble(-1, 1);
            double s0 = Math.pow(10, random.nextDouble(-4, 0));
            double s1 = Math.pow(10, random.nextDouble(-4, 0));
            double m1 = m0 + random.nextDouble(-3, 3) * Math.hypot(s0, s1);
            double[] p = quadrature.raw(new Posterior[] {new Posterior.Normal(m0, s0), new Posterior.Normal(m1, s1)});
            assertEquals(normalCdf((m1 - m0) / Math.hypot(s0, s1)), p[1], TOLERANCE);
        }
    }

    /**
     * For whole parameters every F_j(x) = I_x(a, b) = Σ_{k=a}^{a+b−1} C(a+b−1, k) x^k (1−x)^(a+b−1−k)
     * and f_i are polynomials, so one Gauss–Legendre rule with enough nodes on [0, 1] integrates
     * f_i Π F_j exactly: here 200 nodes (exact to degree 399), from the Golub–Welsch eigenvalue
     * method (EJML), independent of the implementation's nodes and panels.
     */
    @Test
    void severalBetaArmsMatchAnIndependentRule() {
        double[][] rule = golubWelsch(200);
        SplittableRandom random = new SplittableRandom(3);
        for (int c = 0; c < 40; c++) {
            int k = 3 + random.nextInt(3);
            int[] a = new int[k];
            int[] b = new int[k];
            Posterior[] posteriors = new Posterior[k];
            for (int j = 0; j < k; j++) {
                a[j] = 1 + random.nextInt(30);
                b[j] = 1 + random.nextInt(30);
                posteriors[j] = new Posterior.Beta(a[j], b[j]);
            }
            double[] p = quadrature.raw(posteriors);
            for (int i = 0; i < k; i++) {
                double exact = 0;
                for (int node = 0; node < rule[0].length; node++) {
                    double x = (rule[0][node] + 1) / 2;
                    double integrand = Math.exp((a[i] - 1) * Math.log(x) + (b[i] - 1) * Math.log1p(-x) - logBeta(a[i], b[i]));
                    for (int j = 0; j < k; j++) {
                        if (j != i) {
                            integrand *= betaCdf(x, a[j], b[j]);
                        }
                    }
                    exact += rule[1][node] / 2 * integrand;
                }
                assertEquals(exact, p[i], TOLERANCE, "arm " + i + " of case " + c);
            }
        }
    }

    private static double betaCdf(double x, int a, int b) {
        int n = a + b - 1;
        double sum = 0;
        for (int j = a; j <= n; j++) {
            sum += Math.exp(logFactorial(n) - logFactorial(j) - logFactorial(n - j) + j * Math.log(x)
                + (n - j) * Math.log1p(-x));
        }
        return sum;
    }

    /** Nodes (row 0) and weights (row 1) of the n-point rule on [−1, 1] from the Jacobi matrix's eigenpairs. */
    private static double[][] golubWelsch(int n) {
        DMatrixRMaj jacobi = new DMatrixRMaj(n, n);
        for (int i = 1; i < n; i++) {
            double beta = i / Math.sqrt(4.0 * i * i - 1);
            jacobi.set(i, i - 1, beta);
            jacobi.set(i - 1, i, beta);
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, true, true);
        assertTrue(eigen.decompose(jacobi));
        double[][] rule = new double[2][n];
        for (int i = 0; i < n; i++) {
            rule[0][i] = eigen.getEigenvalue(i).getReal();
            DMatrixRMaj v = eigen.getEigenVector(i);
            double norm = 0;
            for (int r = 0; r < n; r++) {
                norm += v.get(r) * v.get(r);
            }
            rule[1][i] = 2 * v.get(0) * v.get(0) / norm;
        }
        return rule;
    }

    /**
     * 300 random sets of 2 to 10 posteriors — Beta with whole and fractional parameters from 1 to
     * 3·10⁵ observations (fractional ones close to the support ends included) and normals over
     * four decades of spread — against a far finer resolution (24 nodes, panels ≤ 0.5 sd,
     * log-change ≤ 1, cut 45, edge mass 1e-17).
     */
    @Test
    void agreesWithAFarFinerResolution() {
        ProbabilityOfMaximum fine = new ProbabilityOfMaximum(new ProbabilityOfMaximum.Resolution(24, 0.5, 1.0, 45, 1e-17));
        SplittableRandom random = new SplittableRandom(4);
        double worst = 0;
        for (int c = 0; c < 300; c++) {
            Posterior[] posteriors = randomPosteriors(random, c % 3, 2 + random.nextInt(9));
            double[] p = quadrature.raw(posteriors);
            double[] reference = fine.raw(posteriors);
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                worst = Math.max(worst, Math.abs(p[i] - reference[i]));
                sum += p[i];
            }
            assertEquals(1.0, sum, TOLERANCE);
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }

    static Posterior[] randomPosteriors(SplittableRandom random, int family, int k) {
        Posterior[] posteriors = new Posterior[k];
        for (int i = 0; i < k; i++) {
            if (family == 2) {
                posteriors[i] = new Posterior.Normal(random.nextDouble(-1, 1) * Math.pow(10, -random.nextInt(4)),
                    Math.pow(10, -random.nextDouble(0, 4)));
            } else {
                double n = Math.pow(10, random.nextDouble(0, 5.5));
                double mu = random.nextDouble();
                double a = mu * n;
                double b = (1 - mu) * n;
                if (family == 0) {
                    a = Math.rint(a);
                    b = Math.rint(b);
                }
                posteriors[i] = new Posterior.Beta(1 + a, 1 + b);
            }
        }
        return posteriors;
    }

    /**
     * 10⁶ joint draws from ten Beta posteriors (gamma ratios, Marsaglia–Tsang) and ten normal ones:
     * each arm's share of maxima within 5 standard errors of its computed probability.
     */
    @Test
    void agreesWithMonteCarlo() {
        Posterior[] betas = {
            new Posterior.Beta(40, 60), new Posterior.Beta(12.5, 14), new Posterior.Beta(3, 4), new Posterior.Beta(1, 1),
            new Posterior.Beta(200, 260), new Posterior.Beta(8, 12.3), new Posterior.Beta(1.4, 1.2),
            new Posterior.Beta(30, 35), new Posterior.Beta(5, 5), new Posterior.Beta(70.5, 90),
        };
        Posterior[] normals = new Posterior[10];
        for (int i = 0; i < 10; i++) {
            normals[i] = new Posterior.Normal(0.05 * i, 0.05 + 0.03 * (i % 4));
        }
        for (Posterior[] posteriors : new Posterior[][] {betas, normals}) {
            double[] p = quadrature.probabilities(posteriors);
            int draws = 1_000_000;
            int[] wins = new int[p.length];
            SplittableRandom random = new SplittableRandom(5);
            double[] sample = new double[p.length];
            for (int d = 0; d < draws; d++) {
                for (int i = 0; i < p.length; i++) {
                    sample[i] = draw(posteriors[i], random);
                }
                int best = 0;
                for (int i = 1; i < p.length; i++) {
                    if (sample[i] > sample[best]) {
                        best = i;
                    }
                }
                wins[best]++;
            }
            for (int i = 0; i < p.length; i++) {
                double se = Math.sqrt(p[i] * (1 - p[i]) / draws);
                assertEquals(p[i], wins[i] / (double) draws, 5 * se + TOLERANCE, "arm " + i + " " + posteriors[i]);
            }
        }
    }

    private static double draw(Posterior posterior, SplittableRandom random) {
        if (posterior instanceof Posterior.Normal normal) {
            return normal.mean() + normal.sd() * gaussian(random);
        }
        Posterior.Beta beta = (Posterior.Beta) posterior;
        double x = gamma(beta.a(), random);
        return x / (x + gamma(beta.b(), random));
    }

    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Marsaglia &amp; Tsang 2000 for shape ≥ 1. */
    private static double gamma(double shape, SplittableRandom random) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    @Test
    void degenerateCases() {
        assertArrayEquals(new double[] {1.0}, quadrature.probabilities(new Posterior[] {new Posterior.Beta(3, 4)}));
        Posterior same = new Posterior.Beta(5.5, 2);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
            quadrature.probabilities(new Posterior[] {same, same, same}));
        // an arm whose whole posterior lies below another's gets exactly 0
        double[] p = quadrature.probabilities(new Posterior[] {new Posterior.Beta(900, 100), new Posterior.Beta(100, 900)});
        assertEquals(0.0, p[1], 0.0);
        assertEquals(1.0, p[0], 0.0);
    }

    @Test
    void hugeCountsStayAccurate() {
        // 10⁷ observations: direct Beta form would cancel; the log1p form and the Stirling normaliser must not
        Posterior.Beta a = new Posterior.Beta(5_000_000, 5_000_000);
        Posterior.Beta b = new Posterior.Beta(5_000_500, 4_999_500);
        double[] p = quadrature.raw(new Posterior[] {a, b});
        // both are within 1e-6 of normal: P(B > A) = Φ(Δμ / √(σ_a² + σ_b²))
        double z = (b.a() / (b.a() + b.b()) - 0.5) / Math.hypot(a.scale(), b.scale());
        assertEquals(normalCdf(z), p[1], 1e-6);
        assertEquals(1.0, p[0] + p[1], TOLERANCE);
    }

    @Test
    void normalisersMatchLogGamma() {
        // B(a, b) for whole a, b from factorials, against the regrouped Stirling forms of both branches
        for (int[] ab : new int[][] {{1, 1}, {1, 7}, {3, 40}, {12, 15}, {9, 11}, {10, 10}, {250, 4000}}) {
            int a = ab[0];
            int b = ab[1];
            double m = a + b > 2 ? (a - 1.0) / (a + b - 2) : 0.5;
            double atMode = (a > 1 ? (a - 1) * Math.log(m) : 0) + (b > 1 ? (b - 1) * Math.log1p(-m) : 0);
            assertEquals(logBeta(a, b) - atMode, LogGamma.betaModeNormalizer(a, b), 1e-11, a + ", " + b);
        }
        assertEquals(0.5 * Math.log(Math.PI), LogGamma.lnGamma(0.5), 1e-14);
        assertEquals(logFactorial(29), LogGamma.lnGamma(30), 1e-12);
    }
}
