package io.regretless.conformal;

import java.util.List;

/**
 * Strongly adaptive online conformal prediction (SAOCP; Bhatnagar, Wang, Xiong &amp; Bai, ICML 2023, Algorithm 1;
 * reference {@code saocp.SAOCP}): CBCE sleeping-experts coin betting over {@link ScaleFreeOgd}-style experts,
 * which makes the pinball regret small on every interval, so coverage recovers quickly after a shift.
 *
 * <p>Per score s at step t (t = 1, 2, … counting calibration scores): ŝ = the current meta radius; drop experts
 * older than their lifetime; start an expert at t with radius ŝ and lifetime g·2^u (u = the 2-adic valuation of
 * t); compute the meta loss pinball(s, r_meta, c) with the new expert included; update every expert
 * ({@link SaocpExperts#update}). Meta radius = Σ p_i r_i, p_i ∝ π_i max(0, w_i), prior
 * π_i ∝ 1/(t_i² (1 + ⌊log₂ t_i⌋)), falling back to π when every w_i ≤ 0. Sums run in ascending start order,
 * as in the reference.
 *
 * <p>Warm start: S = √3 · max |calibration score| (unless configured), then the calibration scores are replayed
 * through {@link #update}. O(#experts) = O(g log t) per step; state ≈ 7 numbers per live expert (about 50 experts
 * after 10⁴ steps and 63 after 10⁵ with g = 8, under 4 KB).
 */
public final class Saocp implements Calibrator {
    /** The coverage, the scale S, the lifetime multiplier g, the step t and the live experts, oldest first. */
    public record State(double coverage, double scale, long lifetimeMultiplier, long t, List<Expert> experts)
        implements Calibrator.State {
        public State {
            experts = List.copyOf(experts);
        }
    }

    /**
     * One expert: the step it started at, its lifetime, the updates it has seen, its radius, its sum of squared
     * gradients, and its betting sums z and Σ w·z.
     */
    public record Expert(long start, long lifetime, long age, double radius, double gradNormSq, double z, double wz) {
    }

    private final double coverage;
    private final double alpha;
    private final double scale;
    private final double baseLr;
    private final int lifetimeMultiplier;
    private final SaocpExperts experts;
    private long t;

    private Saocp(double coverage, double scale, int lifetimeMultiplier, long t, SaocpExperts experts) {
        this.coverage = coverage;
        this.alpha = 1 - coverage;
        this.scale = scale;
        this.baseLr = scale / Math.sqrt(3);
        this.lifetimeMultiplier = lifetimeMultiplier;
        this.t = t;
        this.experts = experts;
    }

    public static Saocp warmStarted(CalibratorConfig config, double[] calibrationScores) {
        Saocp s = new Saocp(config.coverage(), config.resolveScale(calibrationScores), config.saocpLifetime(), 1,
                new SaocpExperts());
        for (double score : calibrationScores) {
            s.update(score);
        }
        return s;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.SAOCP;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    /** The number of live experts. */
    public int expertCount() {
        return experts.size;
    }

    @Override
    public double radius() {
        int n = experts.size;
        double priorSum = 0.0;
        for (int i = 0; i < n; i++) {
            priorSum += prior(experts.start[i]);
        }
        double pSum = 0.0;
        for (int i = 0; i < n; i++) {
            pSum += prior(experts.start[i]) / priorSum * Math.max(0, experts.weight(i));
        }
        double r = 0.0;
        for (int i = 0; i < n; i++) {
            double pi = prior(experts.start[i]) / priorSum;
            if (pSum > 0) {
                pi = pi * Math.max(0, experts.weight(i)) / pSum;
            }
            r += pi * experts.radius[i];
        }
        return r;
    }

    /** The unnormalised prior 1/(t²(1 + ⌊log₂ t⌋)) of an expert started at t ≥ 1. */
    static double prior(long start) {
        double st = start;
        return 1 / (st * st * (1 + (63 - Long.numberOfLeadingZeros(start))));
    }

    @Override
    public void update(double score) {
        double sHat = radius();
        experts.removeExpired();
        experts.add(t, SaocpExperts.lifetimeFor(t, lifetimeMultiplier), sHat);
        double metaLoss = Pinball.loss(score, radius(), coverage);
        for (int i = 0; i < experts.size; i++) {
            experts.update(i, score, metaLoss, alpha, scale, baseLr);
        }
        t++;
    }

    @Override
    public State state() {
        return new State(coverage, scale, lifetimeMultiplier, t, experts.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static Saocp restore(State state) {
        long g = state.lifetimeMultiplier();
        if (g < 1 || g > Integer.MAX_VALUE || state.t() < 1) {
            throw new IllegalArgumentException("corrupt saocp state");
        }
        return new Saocp(state.coverage(), state.scale(), (int) g, state.t(), SaocpExperts.restore(state.experts()));
    }
}
