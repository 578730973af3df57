package io.regretless.conformal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live experts of {@link Saocp}: SF-OGD learners with a start time and a finite lifetime, each carrying the
 * coin-betting statistics of CBCE (Jun, Orabona, Wright &amp; Willett, "Improved strongly adaptive online learning
 * using coin betting", AISTATS 2017). Reference: {@code saocp._OGD}.
 *
 * <p>Kept as parallel primitive arrays in ascending start order (the reference's dict insertion order, which
 * fixes the order of every floating-point sum over experts). At most about g·(1 + log₂ t) experts are alive, so
 * the arrays stay small; they grow by doubling, and removal compacts in place.
 */
final class SaocpExperts {
    long[] start = new long[16];
    long[] lifetime = new long[16];
    long[] age = new long[16];
    double[] radius = new double[16];
    double[] gradNormSq = new double[16];
    double[] z = new double[16];
    double[] wz = new double[16];
    int size;

    /** The betting fraction w_i = (z_i / n_i)(1 + Σ_i), 0 before the first update. */
    double weight(int i) {
        return age[i] == 0 ? 0.0 : z[i] / age[i] * (1 + wz[i]);
    }

    /** Lifetime g·2^u where u is the number of times 2 divides t (Hazan &amp; Seshadhri's geometric covering). */
    static long lifetimeFor(long t, int g) {
        return (long) g << Long.numberOfTrailingZeros(t);
    }

    void add(long t, long life, double radius0) {
        if (size == start.length) {
            int n = 2 * size;
            start = Arrays.copyOf(start, n);
            lifetime = Arrays.copyOf(lifetime, n);
            age = Arrays.copyOf(age, n);
            radius = Arrays.copyOf(radius, n);
            gradNormSq = Arrays.copyOf(gradNormSq, n);
            z = Arrays.copyOf(z, n);
            wz = Arrays.copyOf(wz, n);
        }
        start[size] = t;
        lifetime[size] = life;
        age[size] = 0;
        radius[size] = radius0;
        gradNormSq[size] = 0;
        z[size] = 0;
        wz[size] = 0;
        size++;
    }

    /** Drops experts that have outlived their lifetime (updated more than {@code lifetime} times). */
    void removeExpired() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (age[i] <= lifetime[i]) {
                if (kept != i) {
                    start[kept] = start[i];
                    lifetime[kept] = lifetime[i];
                    age[kept] = age[i];
                    radius[kept] = radius[i];
                    gradNormSq[kept] = gradNormSq[i];
                    z[kept] = z[i];
                    wz[kept] = wz[i];
                }
                kept++;
            }
        }
        size = kept;
    }

    /**
     * One CBCE + SF-OGD step of expert i on score s. The coin outcome is the meta-learner's excess loss,
     * normalised by S·max(α, 1 − α) so it lies in [−1, 1], and clipped below at 0 while the expert bets nothing
     * (w ≤ 0), which keeps its wealth from going negative.
     */
    void update(int i, double s, double metaLoss, double alpha, double scale, double baseLr) {
        double q = 1 - alpha;
        double w = weight(i);
        double g = (metaLoss - Pinball.loss(s, radius[i], q)) / scale / Math.max(alpha, 1 - alpha);
        g = Math.min(Math.max(g, w > 0 ? -1.0 : 0.0), 1.0);
        z[i] += g;
        wz[i] += g * w;
        age[i] += 1;
        double grad = Pinball.grad(s, radius[i], q);
        gradNormSq[i] += grad * grad;
        if (gradNormSq[i] != 0) {
            radius[i] = Math.max(0, radius[i] - baseLr / Math.sqrt(gradNormSq[i]) * grad);
        }
    }

    List<Saocp.Expert> state() {
        List<Saocp.Expert> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Saocp.Expert(start[i], lifetime[i], age[i], radius[i], gradNormSq[i], z[i], wz[i]));
        }
        return out;
    }

    static SaocpExperts restore(List<Saocp.Expert> experts) {
        SaocpExperts e = new SaocpExperts();
        for (int i = 0; i < experts.size(); i++) {
            Saocp.Expert x = experts.get(i);
            e.add(x.start(), x.lifetime(), 0.0);
            e.age[i] = x.age();
            e.radius[i] = x.radius();
            e.gradNormSq[i] = x.gradNormSq();
            e.z[i] = x.z();
            e.wz[i] = x.wz();
        }
        return e;
    }
}
