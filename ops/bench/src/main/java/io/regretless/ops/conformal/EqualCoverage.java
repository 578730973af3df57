package io.regretless.ops.conformal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.regretless.conformal.ConformalSeries;

/**
 * {@code conformal-bench reference=data/conformal-reference equal-coverage}: widths compared at equal coverage. Each
 * method's radii on a row are multiplied, after the fact, by the one constant k that makes its coverage exactly the
 * target (k = the ⌈c·n⌉-th smallest s_t / r_t over the n scored steps, so at least c of them are covered), and the
 * mean width of the rescaled intervals is compared. This separates two things the reference ratio mixes: how much
 * of a method's narrowness is coverage given up inside the ±0.01 band, and how much is the shape of its radii over
 * time. A hindsight constant is not an online method (and ignores LCE): the figures are a yardstick, not a
 * calibrator. Methods with an unbounded interval on a row are left out of that row, as the reference ratio does.
 */
final class EqualCoverage {
    private EqualCoverage() {
    }

    /** The equal-coverage mean width of {@code row} on {@code replay} at {@code target}; NaN if any radius is ∞. */
    static double width(ProtocolReplay replay, MethodRow row, double target) {
        ConformalSeries series = ConformalSeries.create(row.kind(), row.config(target), replay.warmup(),
            IntervalMetrics.LONG_WINDOW);
        double[] y = replay.y();
        double[] yhat = replay.yhat();
        double[] radii = new double[replay.scored()];
        double[] ratios = new double[replay.scored()];
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            double r = series.radius();
            double s = Math.abs(y[i] - yhat[i]);
            if (series.observe(yhat[i], InProcessRunner.lower(yhat[i], r), InProcessRunner.upper(yhat[i], r), y[i])
                != null) {
                if (!(r < Double.POSITIVE_INFINITY)) {
                    return Double.NaN;
                }
                radii[n] = r;
                ratios[n] = s == 0 ? 0 : r == 0 ? Double.POSITIVE_INFINITY : s / r;
                n++;
            }
        }
        double[] sorted = Arrays.copyOf(ratios, n);
        Arrays.sort(sorted);
        double k = sorted[(int) Math.ceil(target * n) - 1];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 2 * k * radii[i];
        }
        return sum / n;
    }

    /**
     * Per row: the narrowest reference method at equal coverage, its width over the reference ratio's denominator
     * (the narrowest in-band bounded reference as it ran), and {@code default}'s equal-coverage width over it; then
     * the geometric means.
     */
    static String table(Map<String, ProtocolReplay> replays, List<ReferenceGrid.DefaultCheck> checks) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "%nat equal coverage: every method's radii times the constant that makes its coverage exactly the target%n"
                + "%-22s %-7s %-6s %-13s %11s %15s %11s %15s%n", "dataset", "base", "target", "best_at_c", "width",
            "vs_best_in_band", "default", "default_vs_best"));
        double slackLog = 0;
        double defaultLog = 0;
        for (ReferenceGrid.DefaultCheck c : checks) {
            ProtocolReplay replay = replays.get(c.dataset() + "|" + c.base());
            String bestName = null;
            double best = Double.POSITIVE_INFINITY;
            for (MethodRow m : MethodRow.reference()) {
                double w = width(replay, m, c.target());
                if (w < best) {
                    best = w;
                    bestName = m.name();
                }
            }
            double ours = width(replay, MethodRow.parse("default").get(0), c.target());
            slackLog += Math.log(best / c.bestWidth());
            defaultLog += Math.log(ours / best);
            out.append(String.format(Locale.ROOT, "%-22s %-7s %-6.2f %-13s %11.5f %15.4f %11.5f %15.4f%n", c.dataset(),
                c.base(), c.target(), bestName, best, best / c.bestWidth(), ours, ours / best));
        }
        int n = checks.size();
        out.append(String.format(Locale.ROOT, "%ngeometric mean over %d rows: the narrowest reference at equal coverage "
            + "is %.4f x the narrowest in band as run; default at equal coverage is %.4f x that%n", n,
            Math.exp(slackLog / n), Math.exp(defaultLog / n)));
        return out.toString();
    }
}
