package io.regretless.experts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sleeping-experts model as a service runs it: the learner of its {@link Mode} and the running
 * regret of every group ({@link GroupRegret}: square loss against the least-squares fit in hindsight).
 * The same object serves the Kafka topology and in-process runs, so both give the same figures for
 * the same input. Groups are indices 0..G−1 in configuration order; G stands for the always-on group.
 *
 * <ul>
 *   <li><b>advice</b>: an {@link AdviceCombiner} over N external experts. Each case lists its awake
 *       experts' predictions; a label updates the awake experts with the weights that were played. The
 *       groups only select whose regret the case counts in; the comparator sees the experts'
 *       clipped predictions (0 when asleep) followed by their awake indicators (2N features).</li>
 *   <li><b>features</b>: a {@link GroupwiseRidge}, a pooled ridge regression (λ = 1, the always-on
 *       group's model) and one ridge regression per group shrunk toward it by the shape's
 *       {@link Shape#shrinkage()}, over the case's d features followed by its G group indicators
 *       ({@link GroupFeatures}), as in the paper; the comparator sees the same d + G features.</li>
 * </ul>
 *
 * <p>Every method checks its whole input before it changes anything. State size: see
 * {@link #stateBytesBound}; it does not grow with the number of cases. Not thread-safe.
 */
public final class ExpertsModel {
    /** The name of the always-on group in outputs. */
    public static final String ALWAYS_ON = "always-on";

    /** How cases reach the model. */
    public enum Mode {
        /** Each case carries the awake experts' predictions. */
        ADVICE("advice"),
        /** Each case carries features; one regression per group is an expert. */
        FEATURES("features");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** Parses {@code advice} or {@code features}, case-insensitively. */
        public static Mode parse(String name) {
            for (Mode m : values()) {
                if (m.wireName.equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown mode '" + name + "': advice or features");
        }
    }

    /**
     * What fixes the layout of a model's state: a stored model is only usable under the same shape.
     *
     * @param width advice mode: the number of experts N; features mode: the feature dimension d
     * @param shrinkage features mode: λ of the group models ({@link GroupwiseRidge}), finite and &gt; 0;
     *     advice mode: 0, it has no group models
     */
    public record Shape(Mode mode, int groups, int width, LossFunction loss, LabelRange range, double shrinkage) {
        public Shape {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(range, "range");
            if (groups < 0 || width < 1) {
                throw new IllegalArgumentException("need groups >= 0 and "
                    + (mode == Mode.ADVICE ? "experts" : "dimension") + " >= 1, got " + groups + ", " + width);
            }
            if (mode == Mode.FEATURES ? !(shrinkage > 0) || !Double.isFinite(shrinkage) : shrinkage != 0.0) {
                throw new IllegalArgumentException(mode == Mode.FEATURES
                    ? "shrinkage must be finite and > 0, got " + shrinkage
                    : "an advice-mode model has no shrinkage, got " + shrinkage);
            }
        }

        /** A shape with the default shrinkage in features mode ({@link GroupwiseRidge#DEFAULT_SHRINKAGE}). */
        public Shape(Mode mode, int groups, int width, LossFunction loss, LabelRange range) {
            this(mode, groups, width, loss, range, mode == Mode.FEATURES ? GroupwiseRidge.DEFAULT_SHRINKAGE : 0.0);
        }

        /** The comparator's (and in features mode the regressions') feature count. */
        int comparatorDimension() {
            return mode == Mode.ADVICE ? Math.multiplyExact(2, width) : GroupFeatures.dimension(width, groups);
        }
    }

    /**
     * The prediction issued for a case and the weights of its awake experts, {@code weights[k]} for the
     * k-th awake expert (advice mode) or the k-th group of the case, then the always-on group (features mode).
     */
    public record Play(double prediction, double[] weights) {
        public Play {
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    /**
     * One group's figures after a label: rounds, the cumulative square loss of the issued predictions
     * and the loss of the least-squares fit in hindsight, both on the group's rounds.
     *
     * @param group a group index, or G for the always-on group
     */
    public record GroupStanding(int group, long rounds, double algorithmLoss, double hindsightLoss) {
        public double regret() {
            return algorithmLoss - hindsightLoss;
        }
    }

    /** The state of a model's learner: an {@link AdviceCombiner}'s or a {@link GroupwiseRidge}'s. */
    public sealed interface LearnerState permits AdviceCombiner.State, GroupwiseRidge.State {
    }

    private final Shape shape;
    private final AdviceCombiner combiner;
    private final GroupwiseRidge groupwise;
    private final GroupRegret[] regret;
    private final double[] comparatorX;
    private final boolean[] seen;
    private long version;

    private ExpertsModel(Shape shape, AdviceCombiner combiner, GroupwiseRidge groupwise, GroupRegret[] regret,
                         long version) {
        this.shape = shape;
        this.combiner = combiner;
        this.groupwise = groupwise;
        this.regret = regret;
        this.comparatorX = new double[shape.comparatorDimension()];
        this.seen = new boolean[Math.max(shape.groups(), shape.mode() == Mode.ADVICE ? shape.width() : 0)];
        this.version = version;
    }

    /** A model that has learned nothing yet. */
    public static ExpertsModel create(Shape shape) {
        GroupRegret[] regret = new GroupRegret[shape.groups() + 1];
        for (int g = 0; g < regret.length; g++) {
            regret[g] = new GroupRegret(shape.comparatorDimension());
        }
        if (shape.mode() == Mode.ADVICE) {
            return new ExpertsModel(shape, new AdviceCombiner(shape.width(), shape.loss(), shape.range()), null, regret, 0);
        }
        GroupwiseRidge learner = new GroupwiseRidge(shape.comparatorDimension(), shape.groups(), shape.shrinkage(),
            shape.loss(), shape.range());
        return new ExpertsModel(shape, null, learner, regret, 0);
    }

    /**
     * A model from its exported parts ({@link #learnerState()}, {@link #regretStates()}, {@link #version()}).
     *
     * @throws IllegalArgumentException if the parts are corrupt or do not have the expected shape
     */
    public static ExpertsModel restore(Shape expected, LearnerState learner, List<GroupRegret.State> regretStates,
                                       long version) {
        if (regretStates.size() != expected.groups() + 1) {
            throw new IllegalArgumentException("stored model has regret for " + (regretStates.size() - 1)
                + " groups, configured: " + expected.groups());
        }
        GroupRegret[] regret = new GroupRegret[regretStates.size()];
        for (int g = 0; g < regret.length; g++) {
            regret[g] = GroupRegret.restore(regretStates.get(g));
            if (regret[g].dimension() != expected.comparatorDimension()) {
                throw new IllegalArgumentException("stored regret of dimension " + regret[g].dimension()
                    + ", expected " + expected.comparatorDimension());
            }
        }
        if (version < 0) {
            throw new IllegalArgumentException("negative version " + version);
        }
        Shape stored;
        ExpertsModel model;
        if (expected.mode() == Mode.ADVICE) {
            if (!(learner instanceof AdviceCombiner.State combinerState)) {
                throw new IllegalArgumentException("stored learner is not an advice combiner, configured: " + expected);
            }
            AdviceCombiner c = AdviceCombiner.restore(combinerState);
            stored = new Shape(Mode.ADVICE, expected.groups(), c.experts(), c.loss(), c.range());
            model = new ExpertsModel(stored, c, null, regret, version);
        } else {
            if (!(learner instanceof GroupwiseRidge.State groupwiseState)) {
                throw new IllegalArgumentException("stored learner is not a groupwise ridge, configured: " + expected);
            }
            GroupwiseRidge r = GroupwiseRidge.restore(groupwiseState);
            stored = new Shape(Mode.FEATURES, r.groups(), r.dimension() - r.groups(), r.loss(), r.range(),
                r.shrinkage());
            model = new ExpertsModel(stored, null, r, regret, version);
        }
        if (!stored.equals(expected)) {
            throw new IllegalArgumentException("stored model is " + stored + " but the configuration asks for " + expected);
        }
        return model;
    }

    public Shape shape() {
        return shape;
    }

    /** Labels learned from. */
    public long version() {
        return version;
    }

    /**
     * Advice mode: the combined prediction for a case whose awake experts are {@code awake} (distinct
     * indices in [0, N)) with predictions {@code predictions[k]} for {@code awake[k]}.
     *
     * @throws IllegalArgumentException for an empty, repeated or unknown expert or a non-finite prediction
     */
    public Play play(int[] awake, double[] predictions) {
        requireMode(Mode.ADVICE);
        checkAdvice(awake, predictions);
        double prediction = combiner.predict(awake, predictions);
        double[] weights = new double[awake.length];
        combiner.weights(awake, weights);
        return new Play(prediction, weights);
    }

    /**
     * Features mode: the combined prediction for a case with features x (length d) in groups
     * {@code caseGroups} (distinct indices in [0, G)).
     *
     * @throws IllegalArgumentException for a wrong-length or non-finite x or a repeated or unknown group
     */
    public Play play(double[] x, int[] caseGroups) {
        requireMode(Mode.FEATURES);
        checkGroups(caseGroups);
        double[] extended = extend(x, caseGroups);
        double prediction = groupwise.predict(extended, caseGroups);
        double[] weights = new double[caseGroups.length + 1];
        groupwise.weights(caseGroups, weights);
        return new Play(prediction, weights);
    }

    /**
     * Advice mode: learns from the label of a case that was issued {@code played} with the weights
     * {@code weightsUsed} (as {@link #play(int[], double[])} returned them), and counts the case in the
     * regret of its groups and the always-on group. Returns their standings, the case's groups in order
     * and the always-on group last.
     *
     * @throws IllegalArgumentException for a bad case, weights that do not match it, or a non-finite
     *     label or played prediction (nothing is changed)
     */
    public List<GroupStanding> learn(int[] awake, double[] predictions, double[] weightsUsed, int[] caseGroups,
                                     double played, double label) {
        requireMode(Mode.ADVICE);
        checkAdvice(awake, predictions);
        checkGroups(caseGroups);
        checkOutcome(played, label);
        if (weightsUsed.length != awake.length) {
            throw new IllegalArgumentException(awake.length + " awake experts but " + weightsUsed.length + " weights");
        }
        for (double w : weightsUsed) {
            if (!(w >= 0) || !(w <= 1)) {
                throw new IllegalArgumentException("a played weight must lie in [0, 1], got " + w);
            }
        }
        java.util.Arrays.fill(comparatorX, 0.0);
        for (int k = 0; k < awake.length; k++) {
            comparatorX[awake[k]] = shape.range().clip(predictions[k]);
            comparatorX[shape.width() + awake[k]] = 1.0;
        }
        combiner.update(awake, predictions, weightsUsed, label);
        return count(comparatorX, caseGroups, played, label);
    }

    /**
     * Features mode: learns from the label of a case that was issued {@code played}: the groupwise
     * update (weights of the awake experts, then the pooled and the groups' regressions), and the case
     * counted in the regret of its groups and the always-on group. Returns their standings, the case's
     * groups in order and the always-on group last.
     *
     * @throws IllegalArgumentException for a bad case or a non-finite label or played prediction
     *     (nothing is changed)
     */
    public List<GroupStanding> learn(double[] x, int[] caseGroups, double played, double label) {
        requireMode(Mode.FEATURES);
        checkGroups(caseGroups);
        checkOutcome(played, label);
        double[] extended = extend(x, caseGroups);
        groupwise.update(extended, caseGroups, label);
        return count(extended, caseGroups, played, label);
    }

    private List<GroupStanding> count(double[] z, int[] caseGroups, double played, double label) {
        double loss = LossFunction.SQUARE.of(played, label);
        List<GroupStanding> standings = new ArrayList<>(caseGroups.length + 1);
        for (int k = 0; k <= caseGroups.length; k++) {
            int g = k < caseGroups.length ? caseGroups[k] : shape.groups();
            regret[g].add(z, label, loss);
            standings.add(standing(g));
        }
        version++;
        return standings;
    }

    /** Group g's figures now (g = G for the always-on group). O(d²) for the comparator. */
    public GroupStanding standing(int group) {
        GroupRegret r = regret[group];
        return new GroupStanding(group, r.rounds(), r.algorithmLoss(), r.hindsightLoss());
    }

    /** Advice mode: the hedge's R_i of expert i (cumulative instantaneous regret). */
    public double hedgeRegret(int expert) {
        requireMode(Mode.ADVICE);
        return combiner.hedgeRegret(expert);
    }

    /** Features mode: rows the regression of group g (G = the pooled, always-on model) has learned from. */
    public long observations(int group) {
        requireMode(Mode.FEATURES);
        return groupwise.observations(group);
    }

    /** The learner's state: an {@link AdviceCombiner} or a {@link GroupwiseRidge}. */
    public LearnerState learnerState() {
        return shape.mode() == Mode.ADVICE ? combiner.state() : groupwise.state();
    }

    /** Every group's {@link GroupRegret} state, in group order, the always-on group last. */
    public List<GroupRegret.State> regretStates() {
        List<GroupRegret.State> out = new ArrayList<>(regret.length);
        for (GroupRegret r : regret) {
            out.add(r.state());
        }
        return out;
    }

    /**
     * An upper bound on the stored size of a model of this shape, in bytes (Avro, single-object
     * encoding), for checking it against the changelog's record limit before any model exists. With
     * k the comparator dimension (advice: 2N, features: d + G): (G + 1) regret accumulators of
     * k(k + 1)/2 + k doubles, plus in features mode (G + 1) ridge regressions of as many and 2G + 1
     * expert weights.
     */
    public static long stateBytesBound(Shape shape) {
        long k = shape.comparatorDimension();
        long perStatistic = k * (k + 1) / 2 + k;
        long experts = shape.groups() + 1L;
        long doubles = experts * (perStatistic + 4);
        long longs = experts * 6;
        if (shape.mode() == Mode.FEATURES) {
            doubles += experts * (perStatistic + 1) + 2L * shape.groups() + 6;
            longs += experts * 2 + 4;
        } else {
            doubles += 3L * shape.width() + 4;
        }
        long packedStates = experts + 1;
        return 8 * doubles + 10 * longs + 64 * packedStates + 256;
    }

    private double[] extend(double[] x, int[] caseGroups) {
        Features.check(x, shape.width());
        double[] extended = new double[shape.comparatorDimension()];
        GroupFeatures.withIndicators(x, caseGroups, shape.groups(), extended);
        return extended;
    }

    private void checkAdvice(int[] awake, double[] predictions) {
        if (awake.length == 0) {
            throw new IllegalArgumentException("no expert is awake");
        }
        if (predictions.length != awake.length) {
            throw new IllegalArgumentException(awake.length + " awake experts but " + predictions.length + " predictions");
        }
        checkDistinct(awake, shape.width(), "expert");
        for (int k = 0; k < predictions.length; k++) {
            if (!Double.isFinite(predictions[k])) {
                throw new IllegalArgumentException("prediction of expert " + awake[k] + " is not finite: " + predictions[k]);
            }
        }
    }

    private void checkGroups(int[] caseGroups) {
        checkDistinct(caseGroups, shape.groups(), "group");
    }

    private void checkDistinct(int[] indices, int n, String what) {
        try {
            for (int i : indices) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("unknown " + what + " " + i + " (there are " + n + ")");
                }
                if (seen[i]) {
                    throw new IllegalArgumentException(what + " " + i + " is listed twice");
                }
                seen[i] = true;
            }
        } finally {
            for (int i : indices) {
                if (i >= 0 && i < n) {
                    seen[i] = false;
                }
            }
        }
    }

    private static void checkOutcome(double played, double label) {
        Features.checkLabel(label);
        if (!Double.isFinite(played)) {
            throw new IllegalArgumentException("played prediction is not finite: " + played);
        }
    }

    private void requireMode(Mode mode) {
        if (shape.mode() != mode) {
            throw new IllegalStateException("a " + shape.mode().wireName() + " model has no " + mode.wireName() + " operation");
        }
    }
}
