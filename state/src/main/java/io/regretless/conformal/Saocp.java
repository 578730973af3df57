package io.regretless.conformal;

import io.regretless.codec.PackedState;
import io.regretless.codec.StateReader;
import io.regretless.codec.StateWriter;

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
    public PackedState exportState() {
        StateWriter w = new StateWriter(kind().wireName()).putDouble(coverage).putDouble(scale);
        w.putLong(lifetimeMultiplier).putLong(t);
        experts.writeTo(w);
        return w.build();
    }

    static Saocp restore(PackedState state) {
        StateReader r = new StateReader(state, CalibratorKind.SAOCP.wireName());
        double coverage = r.getDouble();
        double scale = r.getDouble();
        long g = r.getLong();
        long t = r.getLong();
        SaocpExperts experts = SaocpExperts.readFrom(r);
        r.finish();
        if (g < 1 || g > Integer.MAX_VALUE || t < 1) {
            throw new IllegalArgumentException("corrupt saocp state");
        }
        return new Saocp(coverage, scale, (int) g, t, experts);
    }
}
