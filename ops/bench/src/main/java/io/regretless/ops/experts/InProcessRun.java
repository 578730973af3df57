package io.regretless.ops.experts;

import java.time.Duration;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.GroupwiseRidge;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;

/**
 * The groupwise experiment on the first {@code rows} rows of a data set, timed: the paper's replay
 * ({@link GroupwiseExperiment}: baseline, groupwise learner and one comparator per group) and, on the
 * same rows, the model the topology serves ({@link ExpertsModel} in features mode: combine, learn,
 * per-group regret) alone.
 *
 * @param experimentTime wall time of the whole experiment (both learners and the comparators)
 * @param serviceTime    wall time of the served model alone
 * @param serviceRegret  the served model's always-on regret, which must equal the experiment's groupwise one
 */
public record InProcessRun(String name, int rows, GroupwiseExperiment.Result result, Duration experimentTime,
                           Duration serviceTime, double serviceRegret) {

    /** Runs both with the default shrinkage, after a short warm-up of the JIT on the same data. */
    public static InProcessRun of(String name, GroupedData data, int rows) {
        return of(name, data, rows, GroupwiseRidge.DEFAULT_SHRINKAGE);
    }

    /** Runs both with the group models' λ = {@code shrinkage}, after a short warm-up of the JIT. */
    public static InProcessRun of(String name, GroupedData data, int rows, double shrinkage) {
        int warmup = Math.min(rows, 5_000);
        GroupwiseExperiment.run(data, warmup, shrinkage);
        serve(data, warmup, shrinkage);
        long t0 = System.nanoTime();
        GroupwiseExperiment.Result result = GroupwiseExperiment.run(data, rows, shrinkage);
        long t1 = System.nanoTime();
        ExpertsModel served = serve(data, rows, shrinkage);
        long t2 = System.nanoTime();
        return new InProcessRun(name, rows, result, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
            served.standing(data.groups()).regret());
    }

    /** The features-mode model over the rows, as the topology runs it (square loss, labels in [0, 1]). */
    static ExpertsModel serve(GroupedData data, int rows, double shrinkage) {
        ExpertsModel model = ExpertsModel.create(new ExpertsModel.Shape(ExpertsModel.Mode.FEATURES, data.groups(),
            data.features(), LossFunction.SQUARE, LabelRange.UNIT, shrinkage));
        double[] x = new double[data.features()];
        int[] buffer = new int[data.groups()];
        for (int t = 0; t < rows; t++) {
            data.features(t, x);
            int count = data.groups(t, buffer);
            int[] groups = java.util.Arrays.copyOf(buffer, count);
            ExpertsModel.Play play = model.play(x, groups);
            model.learn(x, groups, play.prediction(), data.label(t));
        }
        return model;
    }

    public double experimentRowsPerSecond() {
        return rows / seconds(experimentTime);
    }

    public double serviceRowsPerSecond() {
        return rows / seconds(serviceTime);
    }

    private static double seconds(Duration d) {
        return Math.max(1, d.toNanos()) / 1e9;
    }
}
