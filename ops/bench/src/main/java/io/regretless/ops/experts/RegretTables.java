package io.regretless.ops.experts;

import java.util.Locale;

import io.regretless.ops.experts.GroupwiseDataSet.ReferenceRegret;
import io.regretless.ops.experts.GroupwiseExperiment.GroupResult;
import io.regretless.schemas.ExpertsEvaluation;

/** Plain-text tables of the experts benchmark: per-group regret side by side. */
final class RegretTables {
    private RegretTables() {
    }

    /** Groupwise against baseline, in process, one group a line, always-on last. */
    static String inProcess(InProcessRun run) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s %8s %10s %14s %15s %17s %14s%n",
            "group", "rounds", "LS loss", "baseline reg", "groupwise reg", "groupwise <p,l>", "gw - baseline"));
        for (GroupResult g : run.result().groups()) {
            s.append(String.format(Locale.ROOT, "%-10s %8d %10.4f %14.4f %15.4f %17.4f %14.4f%n", g.group(),
                g.rounds(), g.hindsightLoss(), g.baselineRegret(), g.groupwiseRegret(), g.groupwiseMixtureRegret(),
                g.groupwiseRegret() - g.baselineRegret()));
        }
        s.append(String.format(Locale.ROOT,
            "%,d rows: experiment (baseline + groupwise + comparators) %,.0f rows/s; served model alone "
                + "(combine + learn + group regret) %,.0f rows/s%n",
            run.rows(), run.experimentRowsPerSecond(), run.serviceRowsPerSecond()));
        return s.toString();
    }

    /** The topology's last group-evaluation records against the in-process run of the same rows. */
    static String kafka(KafkaGroupwiseRun.Result kafka, InProcessRun same) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-10s %8s %16s %20s %12s %14s%n",
            "group", "rounds", "regret (Kafka)", "regret (in process)", "|difference|", "baseline reg"));
        double worst = 0;
        for (GroupResult g : same.result().groups()) {
            ExpertsEvaluation e = kafka.lastByGroup().get(g.group());
            if (e == null) {
                s.append(String.format(Locale.ROOT, "%-10s %8d %16s%n", g.group(), g.rounds(), "(no record)"));
                worst = Double.POSITIVE_INFINITY;
                continue;
            }
            double diff = Math.abs(e.getRegret() - g.groupwiseRegret());
            worst = Math.max(worst, diff);
            s.append(String.format(Locale.ROOT, "%-10s %8d %16.4f %20.4f %12.2e %14.4f%n", g.group(), e.getRounds(),
                e.getRegret(), g.groupwiseRegret(), diff, g.baselineRegret()));
        }
        s.append(String.format(Locale.ROOT,
            "%,d rows through Kafka: %,d events (cases + labels) in %.1f s = %,.0f events/s, %,d evaluation records;"
                + " largest |Kafka - in process| regret difference %.2e%n",
            kafka.rows(), kafka.events(), kafka.elapsed().toMillis() / 1000.0, kafka.eventsPerSecond(),
            kafka.evaluations(), worst));
        return s.toString();
    }

    /**
     * A real data set replayed in every order: per group our figures (means over the orders), then the
     * reference's from reference_regret.csv when the directory has one, then the two counts.
     */
    static String dataSet(DataSetComparison c) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
            "%-18s %6s %9s %10s %10s %10s %9s | %9s %10s %10s %9s%n", "group", "size", "LS loss", "base reg",
            "gw reg", "gw <p,l>", "excess %", "ref LS", "ref base", "ref gw", "ref exc %"));
        int last = c.mean().groups().size() - 1;
        for (int g = 0; g <= last; g++) {
            GroupResult r = c.mean().groups().get(g);
            ReferenceRegret ref = c.data().reference().get(g == last ? "always_on" : r.group());
            s.append(String.format(Locale.ROOT, "%-18s %6d %9.4f %10.4f %10.4f %10.4f %+8.3f%% | ", r.group(),
                r.rounds(), r.hindsightLoss(), r.baselineRegret(), r.groupwiseRegret(), r.groupwiseMixtureRegret(),
                r.excessPercent()));
            s.append(ref == null ? String.format(Locale.ROOT, "%9s%n", "-")
                : String.format(Locale.ROOT, "%9.4f %10.4f %10.4f %+8.3f%%%n", ref.hindsightLoss(),
                    ref.baselineRegret(), ref.groupwiseRegret(), ref.excessPercent()));
        }
        s.append(String.format(Locale.ROOT, "groups worse than baseline by more than %s%%: %d%n",
            formatPercent(DataSetComparison.TOLERANCE_PERCENT), c.worseBy(DataSetComparison.TOLERANCE_PERCENT)));
        s.append(String.format(Locale.ROOT, "groups strictly worse: %d%n", c.strictlyWorse()));
        return s.toString();
    }

    private static String formatPercent(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
