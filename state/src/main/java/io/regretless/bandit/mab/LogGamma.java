package io.regretless.bandit.mab;

/**
 * ln Γ and the Beta normalisers the quadrature needs, with {@link StrictMath} throughout. For
 * x ≥ 10 Stirling's series ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + ω(x) with
 * ω(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − 691/(360360x¹¹) + 1/(156x¹³),
 * whose first omitted term is below 3e-17 there (Abramowitz &amp; Stegun 6.1.40); below 10 the
 * recurrence Γ(x + 1) = x Γ(x) shifts the argument up. Differences of large arguments are
 * regrouped into log1p terms so that nothing of size x ln x cancels.
 */
final class LogGamma {
    private static final double HALF_LOG_TWO_PI = 0.5 * StrictMath.log(2 * Math.PI);
    private static final double LARGE = 10.0;

    private LogGamma() {
    }

    /** ln Γ(x) for x &gt; 0. */
    static double lnGamma(double x) {
        if (x >= LARGE) {
            return (x - 0.5) * StrictMath.log(x) - x + HALF_LOG_TWO_PI + omega(x);
        }
        double product = 1.0;
        double y = x;
        while (y < LARGE) {
            product *= y;
            y += 1.0;
        }
        return lnGamma(y) - StrictMath.log(product);
    }

    /** The remainder of Stirling's series, ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], for x ≥ 10. */
    static double omega(double x) {
        double r = 1.0 / x;
        double r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188
            - r2 * (691.0 / 360360 - r2 / 156))))));
    }

    /**
     * ln of ∫₀¹ x^(a−1)(1 − x)^(b−1) dx / [m^(a−1)(1 − m)^(b−1)] for a, b ≥ 1 and m the mode
     * (a − 1)/(a + b − 2): ln B(a, b) − (a − 1) ln m − (b − 1) ln(1 − m), the normaliser of the
     * density relative to its mode.
     */
    static double betaModeNormalizer(double a, double b) {
        double s = a + b;
        if (s <= 2) {
            return 0.0;
        }
        if (a >= LARGE && b >= LARGE) {
            // both Stirling: (a − ½) ln a − (a − 1) ln(a − 1) = (a − 1) log1p(1/(a − 1)) + ½ ln a, and alike
            return HALF_LOG_TWO_PI
                + (a - 1) * StrictMath.log1p(1 / (a - 1)) + 0.5 * StrictMath.log(a)
                + (b - 1) * StrictMath.log1p(1 / (b - 1)) + 0.5 * StrictMath.log(b)
                - (s - 2) * StrictMath.log1p(2 / (s - 2)) - 1.5 * StrictMath.log(s)
                + omega(a) + omega(b) - omega(s);
        }
        double m = (a - 1) / (s - 2);
        double atMode = (a > 1 ? (a - 1) * StrictMath.log(m) : 0.0) + (b > 1 ? (b - 1) * StrictMath.log1p(-m) : 0.0);
        return logBeta(a, b) - atMode;
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the large-argument difference regrouped. */
    static double logBeta(double a, double b) {
        double small = Math.min(a, b);
        double large = Math.max(a, b);
        if (large < LARGE) {
            return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
        }
        double s = a + b;
        if (small < LARGE) {
            // ln Γ(large) − ln Γ(s) = −(large − ½) log1p(small/large) − small ln s + small + ω(large) − ω(s)
            return lnGamma(small) - (large - 0.5) * StrictMath.log1p(small / large) - small * StrictMath.log(s)
                + small + omega(large) - omega(s);
        }
        return HALF_LOG_TWO_PI + (a - 0.5) * StrictMath.log(a) + (b - 0.5) * StrictMath.log(b)
            - (s - 0.5) * StrictMath.log(s) + omega(a) + omega(b) - omega(s);
    }
}
