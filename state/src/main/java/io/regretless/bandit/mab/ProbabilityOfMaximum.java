package io.regretless.bandit.mab;

import java.util.Arrays;

/**
 * P(arm i draws the largest sample) for independent posteriors: the probability with which
 * Thompson sampling plays arm i,
 * <pre>
 *   P_i = ∫ f_i(x) Π_{j≠i} F_j(x) dx,
 * </pre>
 * computed by composite Gauss–Legendre quadrature on one set of panels shared by all arms. Every
 * CDF is taken on the same panels as F_j(x) = 1 − U_j(x)/Z_j, where U_j(x), the arm's mass above x,
 * accumulates from the top panel down (within a panel by integrating the interpolant of f_j: the
 * spectral integration matrix of {@link GaussLegendre}) and Z_j is the density's exact normaliser
 * ({@link Posterior#logNormalizer()}). Only the range above the highest point where some arm's mass
 * begins is integrated: below it that arm's CDF, and so every integrand, is negligible.
 *
 * <p><b>Panels.</b> Each arm gets its own breakpoints, walked outwards from its mode: a panel is at
 * most {@code maxWidthInScales} standard deviations wide and the arm's log-density changes by at
 * most {@code maxLogChange} across it (more far in the tails, where a panel holds little mass),
 * until the log-density has fallen {@code cut} below the mode; beyond that point the arm's mass is
 * of the order e^−cut. Next to a support end where the density is not analytic (Beta with a − 1 or
 * b − 1 fractional) no panel is wider than its distance to that end, so panels grow and shrink
 * geometrically there (towards the end on the dyadic points end ∓ 2^−k, shared by all arms), down
 * to a last panel holding less than {@code edgeMass} (bounded with f ≤ 1/sd, true of every
 * log-concave density; Gauss–Legendre integrates the x^β behaviour on that panel with a relative
 * error far below 1, so it contributes far less than {@code edgeMass} to the error). The shared
 * panels are as coarse as allowed while no wider than any arm's own panels where they overlap
 * them. An arm whose whole region lies below the start of another arm's region gets probability
 * 0; its true value is of the order e^−cut.
 *
 * <p><b>Error.</b> At the default resolution (16 nodes, panels ≤ 3 sd, log-change ≤ 8, cut 25,
 * edge mass 1e-11) every probability is within {@link #TOLERANCE} = 1e-9 of its exact value. The
 * bound is not proven a priori but checked, in ProbabilityOfMaximumTest: against exact values for
 * two Beta arms with whole parameters and for two normal arms, against an independent rule (one
 * 200-node Gauss–Legendre sum over [0, 1] with binomial-sum CDFs) for up to five Beta arms with
 * whole parameters, against a far finer resolution on random and extreme posterior sets of 2 to
 * 10 arms (largest difference measured over 3,000 sets: 2.5e-12; the test runs 300), and against
 * Monte Carlo. The raw probabilities sum to 1 within the same tolerance; {@link #probabilities}
 * rescales them to sum to 1 (up to rounding) so that they can be drawn from.
 *
 * <p>Not thread-safe: scratch buffers are reused between calls.
 */
public final class ProbabilityOfMaximum {
    /** The error bound stated, and tested, for every probability at the default resolution. */
    public static final double TOLERANCE = 1e-9;

    private static final int MAX_STEPS = 100_000;
    /** Below this log-density relative to the mode a density is taken as 0 (e^−745 underflows anyway). */
    private static final double NEGLIGIBLE_LOG = -700;
    /** A panel holding less of an arm's mass than this leaves the arm's CDF constant and its probability unchanged. */
    private static final double NEGLIGIBLE_MASS = 1e-16;

    /**
     * How finely to integrate.
     *
     * @param nodes            Gauss–Legendre nodes per panel
     * @param maxWidthInScales largest panel width, in the arm's standard deviations
     * @param maxLogChange     largest change of an arm's log-density across one of its panels
     * @param cut              an arm's region ends where its log-density is this far below the mode
     * @param edgeMass         mass left unresolved next to a non-analytic support end
     */
    public record Resolution(int nodes, double maxWidthInScales, double maxLogChange, double cut, double edgeMass) {
        public static final Resolution DEFAULT = new Resolution(16, 3.0, 8.0, 25.0, 1e-11);

        public Resolution {
            if (nodes < 2 || !(maxWidthInScales > 0) || !(maxLogChange > 0) || !(cut > 0) || !(edgeMass > 0)) {
                throw new IllegalArgumentException("invalid resolution " + nodes + ", " + maxWidthInScales + ", "
                    + maxLogChange + ", " + cut + ", " + edgeMass);
            }
        }
    }

    private final Resolution resolution;
    private final double[] nodes;
    private final double[] weights;
    private final double[] integration;
    private double[] panelStart = new double[64];
    private double[] panelEnd = new double[64];
    private double[] densities = new double[1024];

    public ProbabilityOfMaximum() {
        this(Resolution.DEFAULT);
    }

    public ProbabilityOfMaximum(Resolution resolution) {
        this.resolution = resolution;
        GaussLegendre rule = new GaussLegendre(resolution.nodes());
        this.nodes = rule.nodes();
        this.weights = rule.weights();
        this.integration = rule.integrationMatrix();
    }

    /**
     * The probabilities of being the largest, in the order of {@code posteriors}, rescaled to sum
     * to 1 (up to rounding).
     */
    public double[] probabilities(Posterior[] posteriors) {
        double[] p = raw(posteriors);
        double sum = 0.0;
        for (double v : p) {
            sum += v;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The quadrature's values before rescaling; their sum differs from 1 by the quadrature error. */
    double[] raw(Posterior[] posteriors) {
        int k = posteriors.length;
        if (k == 0) {
            throw new IllegalArgumentException("no posteriors");
        }
        double[] result = new double[k];
        if (allEqual(posteriors)) {
            Arrays.fill(result, 1.0 / k);
            return result;
        }
        // arms by decreasing mode: the highest region starts come first, and later arms stop walking
        // down once below the highest start found so far (nothing below it is integrated)
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (i, j) -> Double.compare(posteriors[j].mode(), posteriors[i].mode()));
        double[][] breaks = new double[k][];
        double highestStart = Double.NEGATIVE_INFINITY;
        for (int j : order) {
            breaks[j] = breakpoints(posteriors[j], highestStart);
            highestStart = Math.max(highestStart, breaks[j][0]);
        }
        int[] active = new int[k];
        int count = 0;
        for (int j = 0; j < k; j++) {
            if (last(breaks[j]) > highestStart) {
                active[count++] = j;
            }
        }
        if (count == 1) {
            result[active[0]] = 1.0;
            return result;
        }
        // below the highest region start one arm's CDF is negligible, and so is every integrand:
        // only [highestStart, ∞) is integrated, downwards, with each CDF taken as 1 − (mass above)/Z
        Posterior[] arms = new Posterior[count];
        double[][] clipped = new double[count][];
        double[] normalizer = new double[count];
        for (int a = 0; a < count; a++) {
            arms[a] = posteriors[active[a]];
            clipped[a] = clip(breaks[active[a]], highestStart);
            normalizer[a] = StrictMath.exp(arms[a].logNormalizer());
        }
        double[] p = integrate(arms, clipped, normalizer, sharedPanels(clipped));
        for (int a = 0; a < count; a++) {
            result[active[a]] = p[a];
        }
        return result;
    }

    /** The breakpoints at or above {@code from}, starting with {@code from} if it cuts a panel. */
    private static double[] clip(double[] b, double from) {
        if (b[0] >= from) {
            return b;
        }
        int i = Arrays.binarySearch(b, from);
        if (i >= 0) {
            return Arrays.copyOfRange(b, i, b.length);
        }
        int next = -i - 1;
        double[] clipped = new double[b.length - next + 1];
        clipped[0] = from;
        System.arraycopy(b, next, clipped, 1, b.length - next);
        return clipped;
    }

    private static boolean allEqual(Posterior[] posteriors) {
        for (Posterior p : posteriors) {
            if (!p.equals(posteriors[0])) {
                return false;
            }
        }
        return true;
    }

    private static double last(double[] values) {
        return values[values.length - 1];
    }

    /**
     * One arm's panel ends, ascending, from the lower to the upper end of its region; the walk
     * down stops at the first point below {@code floor}.
     */
    private double[] breakpoints(Posterior posterior, double floor) {
        double[] below = walk(posterior, -1, floor);
        double[] above = walk(posterior, +1, Double.POSITIVE_INFINITY);
        double[] all = new double[below.length + 1 + above.length];
        for (int i = 0; i < below.length; i++) {
            all[i] = below[below.length - 1 - i];
        }
        all[below.length] = posterior.mode();
        System.arraycopy(above, 0, all, below.length + 1, above.length);
        return all;
    }

    /**
     * The arm's panel ends from its mode outwards in one direction, excluding the mode, up to the
     * end of its region or the first point beyond {@code stop} (in the walking direction).
     */
    private double[] walk(Posterior posterior, int direction, double stop) {
        double scale = posterior.scale();
        double end = direction > 0 ? posterior.upper() : posterior.lower();
        double behind = direction > 0 ? posterior.lower() : posterior.upper();
        boolean smoothEnd = direction > 0 ? posterior.smoothAtUpper() : posterior.smoothAtLower();
        boolean smoothBehind = direction > 0 ? posterior.smoothAtLower() : posterior.smoothAtUpper();
        double[] points = new double[32];
        int size = 0;
        double x = posterior.mode();
        for (int step = 0; step < MAX_STEPS; step++) {
            double distance = Math.abs(end - x);
            if (distance == 0) {
                return Arrays.copyOf(points, size);
            }
            double width = resolution.maxWidthInScales() * scale;
            double change = allowedLogChange(posterior.logRelativeDensity(x));
            width = limitByLogChange(posterior, x, width, change);
            // the slope grows away from the mode: check it at the far end too (or halfway to a support end)
            width = limitByLogChange(posterior, x + direction * Math.min(width, distance / 2), width, change);
            if (!smoothBehind) {
                // a panel no wider than its distance to a singular point keeps that point outside the
                // Bernstein ellipse of parameter 3 + √8 ≈ 5.8 around it: interpolation error ~ 5.8^(−n)
                width = Math.min(width, Math.abs(x - behind));
            }
            boolean finalStep;
            if (smoothEnd) {
                finalStep = width >= distance;
            } else {
                // f is decreasing from x to the end and f ≤ 1/sd: the mass left is below distance·f(x)/sd
                double massLeft = distance * StrictMath.exp(posterior.logRelativeDensity(x)) / scale;
                // end on the dyadic grid end ∓ 2^−k, the same for every arm, so that graded panels of
                // several arms coincide instead of interleaving; the panel is no wider than what remains
                double remaining = dyadicBelow(distance);
                width = Math.min(width, distance - remaining);
                finalStep = massLeft <= resolution.edgeMass();
            }
            // next to a finite support end, doubles run out of resolution before the panels do
            finalStep |= Double.isFinite(end) && (x + direction * width == x || distance <= 4 * Math.ulp(end));
            double next = finalStep ? end : x + direction * width;
            if (size == points.length) {
                points = Arrays.copyOf(points, 2 * size);
            }
            points[size++] = next;
            if (finalStep || posterior.logRelativeDensity(next) < -resolution.cut() || direction * (next - stop) > 0) {
                return Arrays.copyOf(points, size);
            }
            x = next;
        }
        throw new IllegalStateException("no quadrature panels found for " + posterior);
    }

    /** The largest power of two below d (d/2 when d is one), so that d − result ≤ result. */
    private static double dyadicBelow(double d) {
        double power = Math.scalb(1.0, Math.getExponent(d));
        return power == d ? d / 2 : power;
    }

    private static double limitByLogChange(Posterior posterior, double x, double width, double change) {
        double slope = Math.abs(posterior.logDensitySlope(x));
        return slope * width > change ? change / slope : width;
    }

    /**
     * The log-change allowed across a panel whose largest density is e^level times the mode's:
     * far in the tails a panel holds so little mass that a coarser interpolation still contributes
     * an error far below the tolerance (for an exponential with log-change Δ across a panel the
     * relative interpolation error at 16 nodes grows roughly like (Δ/2)¹⁶ e^(Δ/2) / (16! 2¹⁵)).
     */
    private double allowedLogChange(double level) {
        double base = resolution.maxLogChange();
        if (level > -7) {
            return base;
        } else if (level > -12.7) {
            return 1.5 * base;
        } else if (level > -21) {
            return 2 * base;
        } else if (level > -27.8) {
            return 3 * base;
        }
        return 4 * base;
    }

    /**
     * Panels covering every arm's region, gaps where no arm has mass left out. Each panel is
     * fine enough for every arm it meets: starting at x inside an arm's own panel of width g, it
     * ends by x + g, and if that crosses into the arm's next panel of width g', by the later of
     * that panel's start and x + g'. So it spans at most two of the arm's panels and is no wider
     * than either where it overlaps them, and it ends exactly on the arm's breakpoint where the
     * arm's panels shrink (geometric grading towards a support end). Returns the panel count;
     * the panels are in {@link #panelStart} and {@link #panelEnd}.
     */
    private int sharedPanels(double[][] breaks) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double[] b : breaks) {
            lowest = Math.min(lowest, b[0]);
            highest = Math.max(highest, last(b));
        }
        int panels = 0;
        double x = lowest;
        while (x < highest) {
            double end = highest;
            boolean covered = false;
            double nextStart = Double.POSITIVE_INFINITY;
            for (double[] b : breaks) {
                if (b[0] <= x && x < last(b)) {
                    covered = true;
                    int i = Arrays.binarySearch(b, x);
                    i = i >= 0 ? i : -i - 2;
                    end = Math.min(end, limit(b, i, x));
                } else if (b[0] > x) {
                    nextStart = Math.min(nextStart, b[0]);
                }
            }
            if (!covered) {
                x = nextStart;
                continue;
            }
            for (double[] b : breaks) {
                if (b[0] > x && b[0] < end) {
                    end = Math.min(end, Math.max(b[0], x + (b[1] - b[0])));
                }
            }
            if (panels == panelStart.length) {
                panelStart = Arrays.copyOf(panelStart, 2 * panels);
                panelEnd = Arrays.copyOf(panelEnd, 2 * panels);
            }
            panelStart[panels] = x;
            panelEnd[panels] = end;
            panels++;
            x = end;
        }
        return panels;
    }

    /** Where a shared panel starting at x, inside the arm's panel i, must end for this arm. */
    private static double limit(double[] b, int i, double x) {
        double gap = b[i + 1] - b[i];
        double end = x + gap;
        if (end > b[i + 1] && i + 2 < b.length) {
            end = Math.max(b[i + 1], x + Math.min(gap, b[i + 2] - b[i + 1]));
        }
        // past the end of its region the arm's density is negligible: it constrains nothing there
        return end;
    }

    /**
     * The probabilities from the shared panels, taken from the highest down so that each arm's
     * mass above a node, U_j(x), accumulates; F_j(x) = 1 − U_j(x)/Z_j with Z_j the exact
     * normaliser. Within a panel, the mass above node k is the panel's mass minus the integral of
     * the interpolant up to node k.
     */
    private double[] integrate(Posterior[] arms, double[][] breaks, double[] normalizer, int panels) {
        int count = arms.length;
        int n = nodes.length;
        if (densities.length < count * n) {
            densities = new double[count * n];
        }
        LogDensity[] logDensities = new LogDensity[count];
        boolean anyLogs = false;
        double[] lo = new double[count];
        double[] hi = new double[count];
        for (int a = 0; a < count; a++) {
            logDensities[a] = LogDensity.of(arms[a]);
            anyLogs |= logDensities[a].usesLogs();
            lo[a] = breaks[a][0];
            hi[a] = last(breaks[a]);
        }
        double[] probability = new double[count];
        double[] above = new double[count];
        double[] cdf = new double[count * n];
        boolean[] present = new boolean[count];
        double[] suffix = new double[count + 1];
        for (int p = panels - 1; p >= 0; p--) {
            double half = (panelEnd[p] - panelStart[p]) / 2;
            double mid = panelStart[p] + half;
            for (int a = 0; a < count; a++) {
                present[a] = panelEnd[p] > lo[a] && panelStart[p] < hi[a];
            }
            for (int k = 0; k < n; k++) {
                double x = mid + half * nodes[k];
                double logX = anyLogs ? StrictMath.log(x) : 0.0;
                double log1mX = anyLogs ? StrictMath.log1p(-x) : 0.0;
                for (int a = 0; a < count; a++) {
                    if (present[a]) {
                        double log = logDensities[a].at(x, logX, log1mX);
                        densities[a * n + k] = log < NEGLIGIBLE_LOG ? 0.0 : StrictMath.exp(log) / normalizer[a];
                    }
                }
            }
            for (int a = 0; a < count; a++) {
                int offset = a * n;
                if (!present[a]) {
                    double constant = Math.max(0.0, 1.0 - above[a]);
                    for (int k = 0; k < n; k++) {
                        cdf[offset + k] = constant;
                    }
                    continue;
                }
                double mass = 0.0;
                for (int k = 0; k < n; k++) {
                    mass += weights[k] * densities[offset + k];
                }
                if (half * mass < NEGLIGIBLE_MASS) {
                    // the arm's CDF moves by less than that across the panel: hold it
                    present[a] = false;
                    double constant = Math.max(0.0, 1.0 - above[a]);
                    for (int k = 0; k < n; k++) {
                        cdf[offset + k] = constant;
                    }
                    above[a] += half * mass;
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    double within = 0.0;
                    int row = k * n;
                    for (int l = 0; l < n; l++) {
                        within += integration[row + l] * densities[offset + l];
                    }
                    cdf[offset + k] = Math.min(1.0, Math.max(0.0, 1.0 - above[a] - half * (mass - within)));
                }
                above[a] += half * mass;
            }
            for (int k = 0; k < n; k++) {
                suffix[count] = 1.0;
                for (int a = count - 1; a >= 0; a--) {
                    suffix[a] = suffix[a + 1] * cdf[a * n + k];
                }
                double prefix = 1.0;
                double w = half * weights[k];
                for (int a = 0; a < count; a++) {
                    if (present[a]) {
                        probability[a] += w * densities[a * n + k] * (prefix * suffix[a + 1]);
                    }
                    prefix *= cdf[a * n + k];
                }
            }
        }
        return probability;
    }

    /**
     * An arm's log-density relative to its mode, in the form cheapest to evaluate at many points:
     * for Beta, (a − 1) ln x + (b − 1) ln(1 − x) minus its value at the mode, with ln x and
     * ln(1 − x) computed once per point for all arms. When a + b is large that difference cancels
     * to a relative error of about (a + b)·2⁻⁵³, so above {@link #DIRECT_LIMIT} the posterior's own
     * log1p form is used instead.
     */
    private static final class LogDensity {
        static final double DIRECT_LIMIT = 1e5;

        private final Posterior posterior;
        private final boolean direct;
        private final double a1;
        private final double b1;
        private final double atMode;

        private LogDensity(Posterior posterior, boolean direct, double a1, double b1, double atMode) {
            this.posterior = posterior;
            this.direct = direct;
            this.a1 = a1;
            this.b1 = b1;
            this.atMode = atMode;
        }

        static LogDensity of(Posterior posterior) {
            if (posterior instanceof Posterior.Beta beta && beta.a() + beta.b() <= DIRECT_LIMIT) {
                double a1 = beta.a() - 1;
                double b1 = beta.b() - 1;
                double m = beta.mode();
                double atMode = (a1 > 0 ? a1 * StrictMath.log(m) : 0.0) + (b1 > 0 ? b1 * StrictMath.log1p(-m) : 0.0);
                return new LogDensity(posterior, true, a1, b1, atMode);
            }
            return new LogDensity(posterior, false, 0, 0, 0);
        }

        /** Whether {@link #at} reads ln x and ln(1 − x); if not, they need not be computed. */
        boolean usesLogs() {
            return direct;
        }

        double at(double x, double logX, double log1mX) {
            if (direct) {
                return (a1 > 0 ? a1 * logX : 0.0) + (b1 > 0 ? b1 * log1mX : 0.0) - atMode;
            }
            return posterior.logRelativeDensity(x);
        }
    }
}
