package io.regretless.bandit.mab;

/**
 * An arm's posterior over its mean reward, as Thompson sampling draws from it: a log-concave
 * density, described to {@link ProbabilityOfMaximum} by its mode, its standard deviation and its
 * log-density relative to the mode.
 */
public sealed interface Posterior permits Posterior.Beta, Posterior.Normal {

    /** The point of largest density. */
    double mode();

    /** The standard deviation: the length scale the quadrature resolves. */
    double scale();

    /** Lower end of the support (−∞ for the normal). */
    double lower();

    /** Upper end of the support (+∞ for the normal). */
    double upper();

    /** log f(x) − log f(mode), ≤ 0; −∞ where the density vanishes. */
    double logRelativeDensity(double x);

    /** d/dx log f(x). */
    double logDensitySlope(double x);

    /** ln ∫ exp(logRelativeDensity(x)) dx: the density is exp(logRelativeDensity(x) − logNormalizer()). */
    double logNormalizer();

    /**
     * Whether the density is analytic up to the lower end of its support (or the support has no
     * lower end); if not, the quadrature grades its panels geometrically towards that end.
     */
    boolean smoothAtLower();

    /** As {@link #smoothAtLower()}, for the upper end. */
    boolean smoothAtUpper();

    /**
     * Beta(a, b) with a, b ≥ 1, so that the density is bounded and log-concave. Near 0 it behaves
     * like x^(a−1), analytic when a − 1 is a whole number; likewise near 1 with b.
     */
    record Beta(double a, double b) implements Posterior {
        public Beta {
            if (!(a >= 1) || !(b >= 1) || Double.isInfinite(a) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("Beta(a, b) needs finite a, b >= 1, got " + a + ", " + b);
            }
        }

        @Override
        public double mode() {
            return a + b > 2 ? (a - 1) / (a + b - 2) : 0.5;
        }

        @Override
        public double scale() {
            double s = a + b;
            return Math.sqrt(a * b / (s * s * (s + 1)));
        }

        @Override
        public double lower() {
            return 0.0;
        }

        @Override
        public double upper() {
            return 1.0;
        }

        @Override
        public double logRelativeDensity(double x) {
            double m = mode();
            double log = 0.0;
            // log1p of the relative distance keeps full precision when a and b are large and x is near m
            if (a > 1) {
                log += (a - 1) * StrictMath.log1p((x - m) / m);
            }
            if (b > 1) {
                log += (b - 1) * StrictMath.log1p((m - x) / (1 - m));
            }
            return log;
        }

        @Override
        public double logDensitySlope(double x) {
            return (a > 1 ? (a - 1) / x : 0.0) - (b > 1 ? (b - 1) / (1 - x) : 0.0);
        }

        @Override
        public double logNormalizer() {
            return LogGamma.betaModeNormalizer(a, b);
        }

        @Override
        public boolean smoothAtLower() {
            return a - 1 == Math.rint(a - 1);
        }

        @Override
        public boolean smoothAtUpper() {
            return b - 1 == Math.rint(b - 1);
        }
    }

    /** N(mean, sd²) with sd &gt; 0. */
    record Normal(double mean, double sd) implements Posterior {
        public Normal {
            if (!Double.isFinite(mean) || !(sd > 0) || Double.isInfinite(sd)) {
                throw new IllegalArgumentException("N(mean, sd^2) needs a finite mean and finite sd > 0, got "
                    + mean + ", " + sd);
            }
        }

        @Override
        public double mode() {
            return mean;
        }

        @Override
        public double scale() {
            return sd;
        }

        @Override
        public double lower() {
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public double upper() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double logRelativeDensity(double x) {
            double z = (x - mean) / sd;
            return -0.5 * z * z;
        }

        @Override
        public double logDensitySlope(double x) {
            return -(x - mean) / (sd * sd);
        }

        @Override
        public double logNormalizer() {
            return StrictMath.log(sd) + 0.5 * StrictMath.log(2 * Math.PI);
        }

        @Override
        public boolean smoothAtLower() {
            return true;
        }

        @Override
        public boolean smoothAtUpper() {
            return true;
        }
    }
}
