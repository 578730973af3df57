package io.regretless.experts;

/**
 * Sleeping AdaNormalHedge (Luo &amp; Schapire, "Achieving All with No Parameters: AdaNormalHedge",
 * COLT 2015, §2 and §5.1 "sleeping experts"), the combiner of Acharya et al., "Oracle Efficient
 * Algorithms for Groupwise Regret" (ICLR 2024, Algorithm 1).
 *
 * <p>Each expert i keeps R_i (cumulative instantaneous regret) and C_i (cumulative |regret|). With
 * Φ(R, C) = exp([R]₊² / (3C)) and w(R, C) = ½ [Φ(R + 1, C + 1) − Φ(R − 1, C + 1)], a round with
 * awake set A plays p_i ∝ π_i · w(R_i, C_i) for i ∈ A (uniform over A when every such weight is 0)
 * and, given the losses ℓ_i ∈ [0, 1] of the awake experts, sets r_i = ⟨p, ℓ⟩ − ℓ_i, R_i += r_i,
 * C_i += |r_i| for i ∈ A. Asleep experts' R and C never change. (Both Φ terms use C + 1; one public
 * implementation has C − 1 in the second term, which is a bug.)
 *
 * <p>Losses must lie in [0, 1] (the bound's assumption; {@link LossFunction#normalised} scales raw
 * losses into it). Φ overflows a double once C exceeds about 2,000 rounds, so weights are computed as
 * log w with {@code expm1}/{@code log} and normalised by the largest awake log-weight. Every
 * transcendental function is {@link StrictMath}'s, so the same inputs give the same state bit for bit
 * on every JVM.
 *
 * <p>Awake sets are index arrays: the first {@code count} entries of {@code awake}, distinct, in
 * [0, N); per-expert inputs and outputs are parallel to them ({@code losses[k]} is the loss of expert
 * {@code awake[k]}). Nothing is allocated per round. Not thread-safe (scratch arrays).
 */
public final class SleepingAdaNormalHedge {
    /** The state as plain values: the prior, R and C (stored by {@code io.regretless.codec.ExpertsStateCodec}). */
    public record State(double[] prior, double[] regret, double[] absRegret) {
    }

    private static final double LN2 = StrictMath.log(2.0);

    private final double[] prior;
    private final double[] logPrior;
    private final double[] regret;
    private final double[] absRegret;
    private final double[] logWeight;
    private final double[] played;
    private final boolean[] mark;

    /** N experts with the uniform prior π_i = 1/N. */
    public SleepingAdaNormalHedge(int experts) {
        this(uniform(experts), new double[Math.max(experts, 0)], new double[Math.max(experts, 0)]);
    }

    /** Experts with prior π (positive, finite; need not sum to 1, only ratios matter). */
    public SleepingAdaNormalHedge(double[] prior) {
        this(prior.clone(), new double[prior.length], new double[prior.length]);
    }

    private SleepingAdaNormalHedge(double[] prior, double[] regret, double[] absRegret) {
        int n = prior.length;
        if (n < 1) {
            throw new IllegalArgumentException("need at least one expert");
        }
        this.prior = prior;
        this.logPrior = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(prior[i] > 0) || !Double.isFinite(prior[i])) {
                throw new IllegalArgumentException("prior of expert " + i + " must be finite and > 0, got " + prior[i]);
            }
            logPrior[i] = StrictMath.log(prior[i]);
        }
        this.regret = regret;
        this.absRegret = absRegret;
        this.logWeight = new double[n];
        this.played = new double[n];
        this.mark = new boolean[n];
    }

    private static double[] uniform(int n) {
        double[] p = new double[Math.max(n, 0)];
        java.util.Arrays.fill(p, 1.0 / n);
        return p;
    }

    public int experts() {
        return prior.length;
    }

    /** R_i, expert i's cumulative regret against the algorithm on the rounds it was awake. */
    public double regret(int expert) {
        return regret[expert];
    }

    /** C_i, the sum of |r_i| over the rounds expert i was awake. */
    public double absoluteRegret(int expert) {
        return absRegret[expert];
    }

    /**
     * log w(R, C) for w(R, C) = ½[exp([R+1]₊²/(3(C+1))) − exp([R−1]₊²/(3(C+1)))]; −∞ when w = 0
     * (R ≤ −1). Written as a₁ + log(1 − e^{a₂−a₁}) − ln 2 with a₁ ≥ a₂ the two exponents, so it stays
     * finite where e^{a₁} overflows; a₁ − a₂ = 4R/(3(C+1)) is formed directly to avoid cancellation.
     */
    static double logWeight(double r, double c) {
        double denom = 3.0 * (c + 1.0);
        double up = r + 1.0;
        if (up <= 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double a1 = up * up / denom;
        double gap = r - 1.0 > 0.0 ? 4.0 * r / denom : a1;
        return a1 + StrictMath.log(-StrictMath.expm1(-gap)) - LN2;
    }

    /** {@link #weights(int[], int, double[])} over the whole of {@code awake}. */
    public void weights(int[] awake, double[] out) {
        weights(awake, awake.length, out);
    }

    /**
     * Writes p over the awake set: {@code out[k]} = p of expert {@code awake[k]}, k &lt; count; the
     * p sum to 1. Does not change the state.
     *
     * @throws IllegalArgumentException if the awake set is empty, malformed or {@code out} too short
     */
    public void weights(int[] awake, int count, double[] out) {
        AwakeSets.check(awake, count, prior.length, mark);
        if (count == 0) {
            throw new IllegalArgumentException("no expert is awake");
        }
        AwakeSets.checkLength(out, count, "weights");
        fillWeights(awake, count, out);
    }

    private void fillWeights(int[] awake, int count, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            int i = awake[k];
            double lw = logWeight(regret[i], absRegret[i]) + logPrior[i];
            logWeight[k] = lw;
            max = Math.max(max, lw);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            // Every awake weight is 0: the rule plays uniformly over the awake experts.
            for (int k = 0; k < count; k++) {
                out[k] = 1.0 / count;
            }
            return;
        }
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
            double e = StrictMath.exp(logWeight[k] - max);
            out[k] = e;
            sum += e;
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
     * One round with the weights the current state plays (those {@link #weights} returned, if nothing
     * was updated in between). An empty awake set is a no-op.
     *
     * @throws IllegalArgumentException if the awake set is malformed or a loss is outside [0, 1]
     */
    public void update(int[] awake, int count, double[] losses) {
        AwakeSets.check(awake, count, prior.length, mark);
        if (count == 0) {
            return;
        }
        fillWeights(awake, count, played);
        apply(awake, count, played, losses);
    }

    /**
     * One round with the weights that were actually played ({@code weightsUsed[k]} for
     * {@code awake[k]}), for a label that arrives after other rounds have updated the state: regret is
     * measured against the prediction that was made.
     *
     * @throws IllegalArgumentException if the awake set is malformed, a loss is outside [0, 1] or the
     *     weights are negative, non-finite or do not sum to 1 (within 1e-9)
     */
    public void update(int[] awake, int count, double[] weightsUsed, double[] losses) {
        AwakeSets.check(awake, count, prior.length, mark);
        AwakeSets.checkLength(weightsUsed, count, "weights");
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
            double p = weightsUsed[k];
            if (!(p >= 0) || !Double.isFinite(p)) {
                throw new IllegalArgumentException("weight " + p + " of expert " + awake[k] + " is not a probability");
            }
            sum += p;
        }
        if (count > 0 && Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("weights sum to " + sum + ", not 1");
        }
        apply(awake, count, weightsUsed, losses);
    }

    private void apply(int[] awake, int count, double[] p, double[] losses) {
        AwakeSets.checkLength(losses, count, "losses");
        double mix = 0.0;
        for (int k = 0; k < count; k++) {
            double l = losses[k];
            if (!(l >= 0.0 && l <= 1.0)) {
                throw new IllegalArgumentException("loss " + l + " of expert " + awake[k] + " is outside [0, 1]");
            }
            mix += p[k] * l;
        }
        for (int k = 0; k < count; k++) {
            int i = awake[k];
            double r = mix - losses[k];
            regret[i] += r;
            absRegret[i] += Math.abs(r);
        }
    }

    /** The state, bit for bit (a copy). */
    public State state() {
        return new State(prior.clone(), regret.clone(), absRegret.clone());
    }

    /** @throws IllegalArgumentException if the state is not a valid learner's */
    public static SleepingAdaNormalHedge restore(State state) {
        double[] prior = state.prior().clone();
        double[] regret = state.regret().clone();
        double[] abs = state.absRegret().clone();
        if (regret.length != prior.length || abs.length != prior.length) {
            throw new IllegalArgumentException("corrupt AdaNormalHedge state: array sizes differ");
        }
        for (int i = 0; i < prior.length; i++) {
            if (!Double.isFinite(regret[i]) || !(abs[i] >= 0) || !Double.isFinite(abs[i])) {
                throw new IllegalArgumentException("corrupt AdaNormalHedge state: R=" + regret[i] + ", C=" + abs[i]);
            }
        }
        return new SleepingAdaNormalHedge(prior, regret, abs);
    }
}
