package io.regretless.ops.experts;

import java.util.ArrayList;
import java.util.List;

import io.regretless.experts.GroupFeatures;
import io.regretless.experts.GroupIndicatorRidge;
import io.regretless.experts.GroupRegret;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;

/**
 * Replays a {@link GroupedData} set (the paper's {@link SyntheticGroups}, or real rows) through the
 * paper's baseline ({@link GroupIndicatorRidge}: one ridge regression, λ = 1, on every row) and the
 * groupwise learner ({@link GroupwiseRidge}, square loss, labels in [0, 1]) and measures each one's
 * regret on every group and on the always-on group (Acharya et al., ICLR 2024, §5, Figure 1 and
 * Table 2). As in the reference, both learners and the comparator see the same features — the data's
 * features followed by the group indicators, or the data's features as given when they already hold
 * them ({@link GroupedData#featuresIncludeGroups()}) — predictions are clipped to [0, 1], and every case
 * is predicted before it is learned. The comparator of a group is the least-squares fit in hindsight on
 * all its rows ({@link GroupRegret}).
 *
 * <p>Besides the loss of the combined prediction Σ p_k ŷ_k (what a user receives), the groupwise learner
 * is also charged the reference's ⟨p, ℓ⟩, the expected loss of following one model drawn from p; by
 * convexity of the square loss the former is never larger. Deterministic; a benchmark, not a test.
 */
public final class GroupwiseExperiment {

    /**
     * End-of-horizon figures of one group: rounds, the comparator's loss and each algorithm's
     * cumulative square loss on the group's rounds.
     */
    public record GroupResult(String group, long rounds, double hindsightLoss, double baselineLoss,
                              double groupwiseLoss, double groupwiseMixtureLoss) {
        public double baselineRegret() {
            return baselineLoss - hindsightLoss;
        }

        public double groupwiseRegret() {
            return groupwiseLoss - hindsightLoss;
        }

        public double groupwiseMixtureRegret() {
            return groupwiseMixtureLoss - hindsightLoss;
        }

        /** The groupwise learner's extra loss as a percentage of the baseline's loss (negative: it loses less). */
        public double excessPercent() {
            return 100.0 * (groupwiseLoss - baselineLoss) / baselineLoss;
        }
    }

    /** Per-group results, the groups in data-set order and the always-on group last. */
    public record Result(List<GroupResult> groups) {
        public Result {
            groups = List.copyOf(groups);
        }

        public GroupResult alwaysOn() {
            return groups.get(groups.size() - 1);
        }

        /** A plain-text table, one group a line. */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%-10s %8s %12s %14s %15s %17s%n",
                "group", "rounds", "LS loss", "baseline reg", "groupwise reg", "groupwise <p,l>"));
            for (GroupResult g : groups) {
                s.append(String.format("%-10s %8d %12.4f %14.4f %15.4f %17.4f%n", g.group(), g.rounds(),
                    g.hindsightLoss(), g.baselineRegret(), g.groupwiseRegret(), g.groupwiseMixtureRegret()));
            }
            return s.toString();
        }
    }

    private GroupwiseExperiment() {
    }

    /** Runs the first {@code rows} rows of the data set with the default shrinkage. */
    public static Result run(GroupedData data, int rows) {
        return run(data, rows, GroupwiseRidge.DEFAULT_SHRINKAGE);
    }

    /** Runs the first {@code rows} rows of the data set; {@code shrinkage} is the group models' λ. */
    public static Result run(GroupedData data, int rows, double shrinkage) {
        if (rows < 1 || rows > data.rows()) {
            throw new IllegalArgumentException("rows must be in [1, " + data.rows() + "], got " + rows);
        }
        int d = data.features();
        int groups = data.groups();
        boolean asGiven = data.featuresIncludeGroups();
        int seen = asGiven ? d : GroupFeatures.dimension(d, groups);
        GroupIndicatorRidge baseline = new GroupIndicatorRidge(d, asGiven ? 0 : groups, LabelRange.UNIT);
        GroupwiseRidge groupwise = new GroupwiseRidge(seen, groups, shrinkage, LossFunction.SQUARE, LabelRange.UNIT);
        GroupRegret[] hindsight = new GroupRegret[groups + 1];
        for (int g = 0; g <= groups; g++) {
            hindsight[g] = new GroupRegret(seen);
        }
        double[] baseLoss = new double[groups + 1];
        double[] gwLoss = new double[groups + 1];
        double[] mixLoss = new double[groups + 1];
        double[] x = new double[d];
        double[] xg = asGiven ? x : new double[seen];
        int[] buffer = new int[groups];
        int[][] bySize = new int[groups + 1][];
        for (int n = 0; n <= groups; n++) {
            bySize[n] = new int[n];
        }
        int[] none = {};
        double[] w = new double[groups + 1];
        for (int t = 0; t < rows; t++) {
            data.features(t, x);
            int count = data.groups(t, buffer);
            int[] caseGroups = bySize[count];
            System.arraycopy(buffer, 0, caseGroups, 0, count);
            int[] baselineGroups = asGiven ? none : caseGroups;
            double y = data.label(t);
            if (!asGiven) {
                GroupFeatures.withIndicators(x, caseGroups, groups, xg);
            }
            double lb = LossFunction.SQUARE.of(baseline.predict(x, baselineGroups), y);
            double lg = LossFunction.SQUARE.of(groupwise.predict(xg, caseGroups), y);
            groupwise.weights(caseGroups, w);
            double lm = w[count] * LossFunction.SQUARE.of(groupwise.expertPrediction(groups, xg), y);
            for (int k = 0; k < count; k++) {
                lm += w[k] * LossFunction.SQUARE.of(groupwise.expertPrediction(caseGroups[k], xg), y);
            }
            baseline.update(x, baselineGroups, y);
            groupwise.update(xg, caseGroups, y);
            for (int k = 0; k <= count; k++) {
                int g = k < count ? caseGroups[k] : groups;
                hindsight[g].add(xg, y, 0.0);
                baseLoss[g] += lb;
                gwLoss[g] += lg;
                mixLoss[g] += lm;
            }
        }
        List<GroupResult> out = new ArrayList<>();
        for (int g = 0; g <= groups; g++) {
            String name = g < groups ? data.groupName(g) : "always-on";
            out.add(new GroupResult(name, hindsight[g].rounds(), hindsight[g].hindsightLoss(), baseLoss[g], gwLoss[g],
                mixLoss[g]));
        }
        return new Result(out);
    }
}
