package io.regretless.experts;

import java.util.ArrayList;
import java.util.List;

import io.regretless.linalg.RidgeStatistics;

/**
 * The groupwise learner of the features mode: a pooled online ridge regression, one ridge regression
 * per group shrunk toward it, and a sleeping aggregating algorithm over their predictions. It keeps the
 * structure of Acharya, Arunachaleswaran, Kannan, Roth &amp; Ziani, "Oracle Efficient Algorithms for
 * Groupwise Regret" (ICLR 2024, Algorithm 1: one online regression per group plus an always-on one,
 * combined by a sleeping-experts algorithm over the groups of the case), with two changes that keep it
 * from costing any group anything on small data.
 *
 * <ul>
 *   <li><b>Pooled model</b> P: online ridge regression with λ = 1 on every row ({@link #POOLED_REGULARIZATION},
 *       the paper's baseline when the features include the group indicators). It is the always-on
 *       group's model.</li>
 *   <li><b>Group models</b> S_g: on group g's rows only, θ_g = argmin Σ(y − xᵀθ)² + λ‖θ − θ_P‖² with θ_P the
 *       pooled model's <em>current</em> coefficients ({@link RidgeStatistics#coefficients(double[], double[])}; mean-regularised multi-task
 *       learning, Evgeniou &amp; Pontil, KDD 2004). A group with few rows predicts like P; one with many
 *       rows follows its own fit. λ = {@link #DEFAULT_SHRINKAGE} unless configured.</li>
 *   <li><b>Combiner</b>: the hedge's experts are S_g and a copy B_g of P for every group g, and P itself;
 *       a case in groups C wakes S_g and B_g for g ∈ C, and P. The prediction is the weighted mean
 *       Σ p_i ŷ_i of the awake experts' predictions, each clipped to the {@link LabelRange}, with p from
 *       {@link SleepingHedge} (specialists' exponential weights: only the awake experts' weights change
 *       and they keep their total) at η = {@link #LEARNING_RATE} on {@link LossFunction#normalised}
 *       losses, i.e. η = 1/(2B²) on raw square losses for B = high − low. The square loss on [low, high]
 *       is 1/(2B²)-exp-concave, so the weighted mean is the exponentially weighted average forecaster
 *       of Kivinen &amp; Warmuth (1999; Cesa-Bianchi &amp; Lugosi, <i>Prediction, Learning, and Games</i>,
 *       2006, Prop. 3.1) in the specialists form of Freund, Schapire, Singer &amp; Warmuth (STOC 1997):
 *       on the rounds expert i is awake, the combined loss exceeds i's by at most
 *       ln(1/π_i)/η = 2B² ln(2G + 1) with the uniform prior, whatever the number of rounds. Through B_g that
 *       bounds every group's loss by the pooled model's plus a constant, and through S_g by the group
 *       model's plus the same constant. (With absolute loss the loss is not exp-concave and the bound is
 *       Hedge's, ln(1/π_i)/η + η n_i/8 over i's n_i rounds.)</li>
 * </ul>
 *
 * <p>Labels outside the range saturate the normalised loss and void the bound for their rounds.
 * {@link #update} scores the predictions the current state makes, which are those {@link #predict}
 * returned if nothing was learned in between. Each call is O((|C| + 1) d²). State:
 * (G + 1)(d(d + 1)/2 + d + 3) + 2G + 9 numbers. Every function is exact IEEE arithmetic or
 * {@link StrictMath}'s, so the state is the same bit for bit on every JVM. Not thread-safe (scratch
 * arrays).
 */
public final class GroupwiseRidge {
    /**
     * The state as plain values: configuration, the hedge, the pooled model and every group model (stored
     * by {@code io.regretless.codec.ExpertsStateCodec}).
     */
    public record State(int dimension, int groups, LossFunction loss, LabelRange range, double shrinkage,
                        SleepingHedge.State hedge, RidgeStatistics.State pooled, List<RidgeStatistics.State> groupModels)
            implements ExpertsModel.LearnerState {
    }
    /** The pooled model's ridge penalty, the paper's λ. */
    public static final double POOLED_REGULARIZATION = 1.0;
    /**
     * How many rows' worth of evidence a group model's deviation from the pooled model costs, λ. Chosen
     * on the five real data sets of {@code data/groupwise} and the paper's synthetic set (README,
     * "Sleeping experts"): smaller values win more where groups differ and cost small groups that do not.
     */
    public static final double DEFAULT_SHRINKAGE = 100.0;
    /** η on losses normalised to [0, 1]: 1/(2B²) on raw square losses, the largest exp-concave rate. */
    public static final double LEARNING_RATE = 0.5;

    private final int dimension;
    private final int groups;
    private final double shrinkage;
    private final LossFunction loss;
    private final LabelRange range;
    private final RidgeStatistics pooled;
    private final RidgeStatistics[] groupModels;
    private final SleepingHedge hedge;
    private final double[] pooledTheta;
    private final double[] theta;
    private final int[] awake;
    private final double[] predictions;
    private final double[] weights;
    private final double[] losses;
    private final boolean[] mark;
    private boolean pooledStale = true;

    /** G groups over d features with the default shrinkage. */
    public GroupwiseRidge(int dimension, int groups, LossFunction loss, LabelRange range) {
        this(dimension, groups, DEFAULT_SHRINKAGE, loss, range);
    }

    /**
     * @param shrinkage λ of the group models, finite and &gt; 0
     * @throws IllegalArgumentException for a dimension below 1, negative groups or a bad shrinkage
     */
    public GroupwiseRidge(int dimension, int groups, double shrinkage, LossFunction loss, LabelRange range) {
        this(checkShape(dimension, groups), groups, checkShrinkage(shrinkage), loss, range,
            new RidgeStatistics(dimension, POOLED_REGULARIZATION), freshGroupModels(dimension, groups, shrinkage),
            new SleepingHedge(2 * groups + 1, LEARNING_RATE));
    }

    private GroupwiseRidge(int dimension, int groups, double shrinkage, LossFunction loss, LabelRange range,
                           RidgeStatistics pooled, RidgeStatistics[] groupModels, SleepingHedge hedge) {
        this.dimension = dimension;
        this.groups = groups;
        this.shrinkage = shrinkage;
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.range = java.util.Objects.requireNonNull(range, "range");
        this.pooled = pooled;
        this.groupModels = groupModels;
        this.hedge = hedge;
        this.pooledTheta = new double[dimension];
        this.theta = new double[dimension];
        this.awake = new int[2 * groups + 1];
        this.predictions = new double[2 * groups + 1];
        this.weights = new double[2 * groups + 1];
        this.losses = new double[2 * groups + 1];
        this.mark = new boolean[groups];
    }

    private static int checkShape(int dimension, int groups) {
        if (groups < 0 || dimension < 1) {
            throw new IllegalArgumentException("need dimension >= 1 and groups >= 0, got " + dimension + ", " + groups);
        }
        return dimension;
    }

    private static double checkShrinkage(double shrinkage) {
        if (!(shrinkage > 0) || !Double.isFinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be finite and > 0, got " + shrinkage);
        }
        return shrinkage;
    }

    private static RidgeStatistics[] freshGroupModels(int dimension, int groups, double shrinkage) {
        RidgeStatistics[] models = new RidgeStatistics[groups];
        for (int g = 0; g < groups; g++) {
            models[g] = new RidgeStatistics(dimension, shrinkage);
        }
        return models;
    }

    public int dimension() {
        return dimension;
    }

    public int groups() {
        return groups;
    }

    /** λ of the group models. */
    public double shrinkage() {
        return shrinkage;
    }

    /**
     * The hedge's log-weight of one of its 2G + 1 experts: g for group g's model, G + g for group g's
     * copy of the pooled model, 2G for the pooled model.
     */
    double logWeight(int hedgeExpert) {
        return hedge.logWeight(hedgeExpert);
    }

    /** The model index of the pooled (always-on) model, G; group g's model is index g. */
    public int alwaysOnExpert() {
        return groups;
    }

    public LossFunction loss() {
        return loss;
    }

    public LabelRange range() {
        return range;
    }

    /**
     * Model m's clipped prediction xᵀθ_m (m &lt; G: group m's model, shrunk toward the current pooled
     * model; m = G: the pooled model), whether or not the case belongs to its group.
     */
    public double expertPrediction(int model, double[] x) {
        Features.check(x, dimension);
        checkModel(model);
        return model == groups ? range.clip(dot(pooledCoefficients(), x)) : groupPrediction(model, x);
    }

    /** Rows model m (m = G: the pooled model) has learned from. */
    public long observations(int model) {
        checkModel(model);
        return model == groups ? pooled.observations() : groupModels[model].observations();
    }

    /** A copy of model m's θ (for a group model, shrunk toward the pooled model's current θ). */
    public double[] coefficients(int model) {
        checkModel(model);
        double[] out = new double[dimension];
        if (model == groups) {
            System.arraycopy(pooledCoefficients(), 0, out, 0, dimension);
        } else {
            groupModels[model].coefficients(pooledCoefficients(), out);
        }
        return out;
    }

    /**
     * How the combined prediction for a case in {@code caseGroups} splits: {@code out[k]} is the weight
     * of the model of group {@code caseGroups[k]}, {@code out[caseGroups.length]} the weight of the
     * pooled model (P and the case's copies of it together). They sum to 1.
     *
     * @throws IllegalArgumentException for an unknown or repeated group, or a short {@code out}
     */
    public void weights(int[] caseGroups, double[] out) {
        int count = awakeSet(caseGroups);
        if (out.length < caseGroups.length + 1) {
            throw new IllegalArgumentException("weights need " + (caseGroups.length + 1) + " slots, got " + out.length);
        }
        hedge.weights(awake, count, weights);
        int n = caseGroups.length;
        double onPooled = weights[count - 1];
        for (int k = 0; k < n; k++) {
            out[k] = weights[k];
            onPooled += weights[n + k];
        }
        out[n] = onPooled;
    }

    /**
     * The combined prediction Σ p_i ŷ_i over the awake experts for a case with features x in groups
     * {@code caseGroups}.
     *
     * @throws IllegalArgumentException for a wrong-length or non-finite x, an unknown or repeated group
     */
    public double predict(double[] x, int[] caseGroups) {
        Features.check(x, dimension);
        int count = awakeSet(caseGroups);
        fillPredictions(x, caseGroups);
        hedge.weights(awake, count, weights);
        double combined = 0.0;
        for (int k = 0; k < count; k++) {
            combined += weights[k] * predictions[k];
        }
        return combined;
    }

    /**
     * Learns from a labelled case: the awake experts' weights with their losses on it, then the pooled
     * model and the models of the case's groups. Asleep groups' models and weights are untouched.
     *
     * @throws IllegalArgumentException for a bad x, group or non-finite label (nothing is changed)
     */
    public void update(double[] x, int[] caseGroups, double label) {
        Features.check(x, dimension);
        Features.checkLabel(label);
        int count = awakeSet(caseGroups);
        fillPredictions(x, caseGroups);
        for (int k = 0; k < count; k++) {
            losses[k] = loss.normalised(predictions[k], label, range);
        }
        hedge.update(awake, count, losses);
        for (int g : caseGroups) {
            groupModels[g].update(x, label);
        }
        pooled.update(x, label);
        pooledStale = true;
    }

    /**
     * Writes the awake experts' clipped predictions, parallel to {@link #awake}: the case's group
     * models, then their copies of P, then P.
     */
    private void fillPredictions(double[] x, int[] caseGroups) {
        int n = caseGroups.length;
        double onPooled = range.clip(dot(pooledCoefficients(), x));
        for (int k = 0; k < n; k++) {
            predictions[k] = groupPrediction(caseGroups[k], x);
            predictions[n + k] = onPooled;
        }
        predictions[2 * n] = onPooled;
    }

    private double groupPrediction(int group, double[] x) {
        groupModels[group].coefficients(pooledCoefficients(), theta);
        return range.clip(dot(theta, x));
    }

    private double[] pooledCoefficients() {
        if (pooledStale) {
            pooled.coefficients(null, pooledTheta);
            pooledStale = false;
        }
        return pooledTheta;
    }

    /** Checks the case's groups and lays out the hedge's awake set: S_g (index g), B_g (G + g), then P (2G). */
    private int awakeSet(int[] caseGroups) {
        if (caseGroups.length > groups) {
            throw new IllegalArgumentException(caseGroups.length + " groups given, only " + groups + " exist");
        }
        AwakeSets.check(caseGroups, caseGroups.length, groups, mark);
        int n = caseGroups.length;
        for (int k = 0; k < n; k++) {
            awake[k] = caseGroups[k];
            awake[n + k] = groups + caseGroups[k];
        }
        awake[2 * n] = 2 * groups;
        return 2 * n + 1;
    }

    private void checkModel(int model) {
        if (model < 0 || model > groups) {
            throw new IllegalArgumentException("unknown model " + model + " (groups 0.." + (groups - 1)
                + ", pooled " + groups + ")");
        }
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0.0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    /** The state, bit for bit (a copy). */
    public State state() {
        List<RidgeStatistics.State> models = new ArrayList<>(groups);
        for (RidgeStatistics m : groupModels) {
            models.add(m.state());
        }
        return new State(dimension, groups, loss, range, shrinkage, hedge.state(), pooled.state(), models);
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static GroupwiseRidge restore(State state) {
        int dimension = state.dimension();
        int groups = state.groups();
        double shrinkage = checkShrinkage(state.shrinkage());
        SleepingHedge hedge = SleepingHedge.restore(state.hedge());
        if (hedge.experts() != 2L * groups + 1 || hedge.learningRate() != LEARNING_RATE) {
            throw new IllegalArgumentException("corrupt groupwise state: " + hedge.experts() + " hedge experts at η = "
                + hedge.learningRate() + " for " + groups + " groups");
        }
        if (state.groupModels().size() != groups) {
            throw new IllegalArgumentException("corrupt groupwise state: " + state.groupModels().size()
                + " group models for " + groups + " groups");
        }
        RidgeStatistics pooled = RidgeStatistics.restore(state.pooled());
        RidgeStatistics[] models = new RidgeStatistics[groups];
        for (int g = 0; g < groups; g++) {
            models[g] = RidgeStatistics.restore(state.groupModels().get(g));
        }
        boolean consistent = pooled.dimension() == dimension && pooled.regularization() == POOLED_REGULARIZATION;
        for (RidgeStatistics m : models) {
            consistent &= m.dimension() == dimension && m.regularization() == shrinkage;
        }
        if (!consistent) {
            throw new IllegalArgumentException("corrupt groupwise state: models do not match dimension " + dimension);
        }
        return new GroupwiseRidge(dimension, groups, shrinkage, state.loss(), state.range(), pooled, models, hedge);
    }
}
