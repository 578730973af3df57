package io.regretless.experts;

/**
 * Exponential weights over specialists (Freund, Schapire, Singer &amp; Warmuth, "Using and combining
 * predictors that specialize", STOC 1997, §3; the sleeping-experts form of Blum &amp; Lykouris,
 * "Advancing subgroup fairness via sleeping experts", ITCS 2020).
 *
 * <p>Each expert keeps a weight w_i, initially its prior π_i. A round with awake set A plays
 * p_i = w_i / Σ_{j∈A} w_j for i ∈ A; after the losses ℓ_i of the awake experts,
 * w_i ← w_i e^{−ηℓ_i} · (Σ_{j∈A} w_j) / (Σ_{j∈A} w_j e^{−ηℓ_j}) for i ∈ A: the awake experts share
 * exactly the mass they held before the round, so asleep experts' weights — and their share of the
 * total — never change.
 *
 * <p>Losses may be any finite numbers; the classical bound (regret O(√(T ln N)) to each expert on the
 * rounds it is awake) assumes ℓ ∈ [0, 1] and η ≈ √(8 ln N / T). Weights are held as logarithms and
 * the renormalisation is a difference of log-sum-exps, so no weight underflows however badly an
 * expert does; exp and log are {@link StrictMath}'s, so the state is the same bit for bit on every JVM.
 * Awake sets and parallel arrays as in {@link SleepingAdaNormalHedge}. Not thread-safe.
 */
public final class SleepingHedge {
    /** The state as plain values: η and the log-weights (stored by {@code io.regretless.codec.ExpertsStateCodec}). */
    public record State(double learningRate, double[] logWeights) {
    }

    private final double learningRate;
    private final double[] logWeight;
    private final boolean[] mark;

    /** N experts, uniform prior, learning rate η &gt; 0. */
    public SleepingHedge(int experts, double learningRate) {
        this(learningRate, uniformLog(experts));
    }

    /** Experts with prior π (positive, finite) and learning rate η &gt; 0. */
    public SleepingHedge(double[] prior, double learningRate) {
        this(learningRate, logOf(prior));
    }

    private SleepingHedge(double learningRate, double[] logWeight) {
        if (logWeight.length < 1) {
            throw new IllegalArgumentException("need at least one expert");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        for (double lw : logWeight) {
            if (!Double.isFinite(lw)) {
                throw new IllegalArgumentException("log-weight must be finite, got " + lw);
            }
        }
        this.learningRate = learningRate;
        this.logWeight = logWeight;
        this.mark = new boolean[logWeight.length];
    }

    private static double[] uniformLog(int n) {
        double[] lw = new double[Math.max(n, 0)];
        java.util.Arrays.fill(lw, -StrictMath.log(n));
        return lw;
    }

    private static double[] logOf(double[] prior) {
        double[] lw = new double[prior.length];
        for (int i = 0; i < prior.length; i++) {
            if (!(prior[i] > 0) || !Double.isFinite(prior[i])) {
                throw new IllegalArgumentException("prior of expert " + i + " must be finite and > 0, got " + prior[i]);
            }
            lw[i] = StrictMath.log(prior[i]);
        }
        return lw;
    }

    public int experts() {
        return logWeight.length;
    }

    public double learningRate() {
        return learningRate;
    }

    /** log w_i. */
    public double logWeight(int expert) {
        return logWeight[expert];
    }

    /** {@link #weights(int[], int, double[])} over the whole of {@code awake}. */
    public void weights(int[] awake, double[] out) {
        weights(awake, awake.length, out);
    }

    /**
     * Writes p over the awake set ({@code out[k]} for {@code awake[k]}); does not change the state.
     *
     * @throws IllegalArgumentException if the awake set is empty, malformed or {@code out} too short
     */
    public void weights(int[] awake, int count, double[] out) {
        AwakeSets.check(awake, count, logWeight.length, mark);
        if (count == 0) {
            throw new IllegalArgumentException("no expert is awake");
        }
        AwakeSets.checkLength(out, count, "weights");
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            max = Math.max(max, logWeight[awake[k]]);
        }
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
            out[k] = StrictMath.exp(logWeight[awake[k]] - max);
            sum += out[k];
        }
        for (int k = 0; k < count; k++) {
            out[k] /= sum;
        }
    }

    /** {@link #update(int[], int, double[])} over the whole of {@code awake}. */
    public void update(int[] awake, double[] losses) {
        update(awake, awake.length, losses);
    }

    /**
     * The specialists update over the awake set; an empty awake set is a no-op.
     *
     * @throws IllegalArgumentException if the awake set is malformed or a loss is not finite
     */
    public void update(int[] awake, int count, double[] losses) {
        AwakeSets.check(awake, count, logWeight.length, mark);
        AwakeSets.checkLength(losses, count, "losses");
        for (int k = 0; k < count; k++) {
            if (!Double.isFinite(losses[k])) {
                throw new IllegalArgumentException("loss " + losses[k] + " of expert " + awake[k] + " is not finite");
            }
        }
        if (count == 0) {
            return;
        }
        // log Σ w_j before and after the exponential step, each shifted by its own maximum.
        double before = Double.NEGATIVE_INFINITY;
        double after = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            double lw = logWeight[awake[k]];
            before = Math.max(before, lw);
            after = Math.max(after, lw - learningRate * losses[k]);
        }
        double sumBefore = 0.0;
        double sumAfter = 0.0;
        for (int k = 0; k < count; k++) {
            double lw = logWeight[awake[k]];
            sumBefore += StrictMath.exp(lw - before);
            sumAfter += StrictMath.exp(lw - learningRate * losses[k] - after);
        }
        double shift = (before + StrictMath.log(sumBefore)) - (after + StrictMath.log(sumAfter));
        for (int k = 0; k < count; k++) {
            logWeight[awake[k]] += shift - learningRate * losses[k];
        }
    }

    /** The state, bit for bit (a copy). */
    public State state() {
        return new State(learningRate, logWeight.clone());
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static SleepingHedge restore(State state) {
        return new SleepingHedge(state.learningRate(), state.logWeights().clone());
    }
}
