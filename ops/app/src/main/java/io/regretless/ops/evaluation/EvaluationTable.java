package io.regretless.ops.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.regretless.evaluation.Estimate;
import io.regretless.evaluation.Interval;
import io.regretless.evaluation.ShadowEvaluation;

/**
 * The table {@code evaluate} and the demo print: per candidate and estimator the estimate, its 95 %
 * normal interval and 95 % empirical-Bernstein interval, the effective sample size and the largest
 * importance weight; optionally a column of known true values per candidate.
 */
public final class EvaluationTable {
    private EvaluationTable() {
    }

    /**
     * @param estimators which estimators, in order (dm, ips, clipped-ips, snips, dr)
     * @param truth      a true value per candidate name, printed beside its first estimator; empty for none
     */
    public static String render(ShadowEvaluation evaluation, List<String> estimators, Map<String, Double> truth) {
        StringBuilder out = new StringBuilder();
        boolean withTruth = !truth.isEmpty();
        int width = Math.max(9, evaluation.estimates().stream().mapToInt(c -> c.candidate().length()).max().orElse(9));
        String head = "%-" + width + "s  %-11s %9s  %-19s  %-19s %9s %10s" + (withTruth ? " %9s" : "") + "%n";
        out.append(String.format(Locale.ROOT, head, withTruth ? new Object[] {"candidate", "estimator", "estimate",
            "95% interval", "95% emp. Bernstein", "ESS", "max weight", "true"} : new Object[] {"candidate", "estimator",
            "estimate", "95% interval", "95% emp. Bernstein", "ESS", "max weight"}));
        for (ShadowEvaluation.CandidateEstimates candidate : evaluation.estimates()) {
            boolean first = true;
            for (String estimator : estimators) {
                Estimate e = candidate.estimate(estimator);
                String row = String.format(Locale.ROOT, "%-" + width + "s  %-11s %9s  %-19s  %-19s %9s %10s",
                    first ? candidate.candidate() : "", estimator, number(e.value()), interval(e.normal()),
                    interval(e.bernstein()), String.format(Locale.ROOT, "%,.0f", e.effectiveSampleSize()),
                    number(e.maxWeight()));
                if (withTruth) {
                    Double value = truth.get(candidate.candidate());
                    row += String.format(Locale.ROOT, " %9s", first && value != null ? number(value) : "");
                }
                out.append(row).append(System.lineSeparator());
                first = false;
            }
        }
        return out.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4f", v);
    }

    static String interval(Interval i) {
        return "[" + number(i.lower()) + ", " + number(i.upper()) + "]";
    }
}
