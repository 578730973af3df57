package io.regretless.ops.experts;

import java.util.ArrayList;
import java.util.List;

import io.regretless.ops.experts.GroupwiseExperiment.GroupResult;
import io.regretless.ops.experts.GroupwiseExperiment.Result;

/**
 * The groupwise experiment ({@link GroupwiseExperiment}) on every row order of a {@link GroupwiseDataSet},
 * each figure the mean over the orders — the protocol of the reference's {@code reference_regret.csv}.
 * A group is worse than the baseline when the groupwise learner's mean cumulative loss on it exceeds
 * the baseline's; the always-on group counts as a group.
 *
 * @param shrinkage the group models' λ
 * @param mean      per group, the mean over the orders of rounds, comparator loss and both learners' losses
 */
public record DataSetComparison(GroupwiseDataSet data, double shrinkage, Result mean) {
    /** The largest extra loss that counts as "not worse", in percent of the baseline's loss. */
    public static final double TOLERANCE_PERCENT = 0.5;

    /** Replays every order. */
    public static DataSetComparison run(GroupwiseDataSet data, double shrinkage) {
        int orders = data.orders();
        int groups = data.groups() + 1;
        double[][] sums = new double[groups][5];
        List<String> names = new ArrayList<>();
        for (int k = 0; k < orders; k++) {
            GroupedData ordered = data.inOrder(k);
            Result r = GroupwiseExperiment.run(ordered, ordered.rows(), shrinkage);
            for (int g = 0; g < groups; g++) {
                GroupResult e = r.groups().get(g);
                if (k == 0) {
                    names.add(e.group());
                }
                double[] s = sums[g];
                s[0] += e.rounds();
                s[1] += e.hindsightLoss();
                s[2] += e.baselineLoss();
                s[3] += e.groupwiseLoss();
                s[4] += e.groupwiseMixtureLoss();
            }
        }
        List<GroupResult> mean = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            double[] s = sums[g];
            mean.add(new GroupResult(names.get(g), Math.round(s[0] / orders), s[1] / orders, s[2] / orders,
                s[3] / orders, s[4] / orders));
        }
        return new DataSetComparison(data, shrinkage, new Result(mean));
    }

    /** Groups (always-on included) whose groupwise loss exceeds the baseline's by more than {@code percent} %. */
    public int worseBy(double percent) {
        int n = 0;
        for (GroupResult g : mean.groups()) {
            if (g.excessPercent() > percent) {
                n++;
            }
        }
        return n;
    }

    /** Groups (always-on included) whose groupwise loss exceeds the baseline's at all. */
    public int strictlyWorse() {
        int n = 0;
        for (GroupResult g : mean.groups()) {
            if (g.groupwiseLoss() > g.baselineLoss()) {
                n++;
            }
        }
        return n;
    }
}
