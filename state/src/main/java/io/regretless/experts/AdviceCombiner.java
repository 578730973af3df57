package io.regretless.experts;

/**
 * Combines the predictions of external experts that may abstain ("advice" mode) with
 * {@link SleepingAdaNormalHedge} (Luo &amp; Schapire 2015, §5.1; the combiner of Acharya et al., ICLR
 * 2024, Algorithm 1, with the experts' predictions supplied from outside instead of computed).
 *
 * <p>Each case lists its awake experts and their predictions; the combined prediction is
 * Σ_k p_k · clip(ŷ_k) over the awake experts, predictions clipped to the {@link LabelRange}. When the
 * label arrives, expert {@code awake[k]} suffers {@link LossFunction#normalised}(ŷ_k, y) ∈ [0, 1] and
 * the hedge updates the awake experts only. Because the predictions travel with the case, a delayed
 * label can be scored against the weights that were played ({@link #update(int[], double[], double[], double)}).
 *
 * <p>State size 3N doubles. Not thread-safe (scratch arrays).
 */
public final class AdviceCombiner {
    /** The state as plain values (stored by {@code io.regretless.codec.ExpertsStateCodec}). */
    public record State(LossFunction loss, LabelRange range, SleepingAdaNormalHedge.State hedge)
            implements ExpertsModel.LearnerState {
    }

    private final LossFunction loss;
    private final LabelRange range;
    private final SleepingAdaNormalHedge hedge;
    private final double[] weights;
    private final double[] losses;

    /** N experts, uniform prior. */
    public AdviceCombiner(int experts, LossFunction loss, LabelRange range) {
        this(new SleepingAdaNormalHedge(experts), loss, range);
    }

    /** Experts with prior π (positive, finite). */
    public AdviceCombiner(double[] prior, LossFunction loss, LabelRange range) {
        this(new SleepingAdaNormalHedge(prior), loss, range);
    }

    private AdviceCombiner(SleepingAdaNormalHedge hedge, LossFunction loss, LabelRange range) {
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        this.range = java.util.Objects.requireNonNull(range, "range");
        this.hedge = hedge;
        this.weights = new double[hedge.experts()];
        this.losses = new double[hedge.experts()];
    }

    public int experts() {
        return hedge.experts();
    }

    public LossFunction loss() {
        return loss;
    }

    public LabelRange range() {
        return range;
    }

    /** The hedge's R_i for expert i. */
    public double hedgeRegret(int expert) {
        return hedge.regret(expert);
    }

    /** The hedge's C_i for expert i. */
    public double hedgeAbsoluteRegret(int expert) {
        return hedge.absoluteRegret(expert);
    }

    /** The weights of the awake experts, {@code out[k]} for {@code awake[k]}; they sum to 1. */
    public void weights(int[] awake, double[] out) {
        hedge.weights(awake, awake.length, out);
    }

    /**
     * Σ_k p_k · clip(predictions[k]).
     *
     * @throws IllegalArgumentException if no expert is awake, an expert is unknown or repeated, or a
     *     prediction is missing or not finite
     */
    public double predict(int[] awake, double[] predictions) {
        checkPredictions(awake, predictions);
        hedge.weights(awake, awake.length, weights);
        double combined = 0.0;
        for (int k = 0; k < awake.length; k++) {
            combined += weights[k] * range.clip(predictions[k]);
        }
        return combined;
    }

    /** Learns from the label of a case, with the weights the current state plays. */
    public void update(int[] awake, double[] predictions, double label) {
        fillLosses(awake, predictions, label);
        hedge.update(awake, awake.length, losses);
    }

    /**
     * Learns from the label of a case with the weights that were played for it ({@code weightsUsed[k]}
     * for {@code awake[k]}, as returned by {@link #weights} at prediction time).
     */
    public void update(int[] awake, double[] predictions, double[] weightsUsed, double label) {
        fillLosses(awake, predictions, label);
        hedge.update(awake, awake.length, weightsUsed, losses);
    }

    private void fillLosses(int[] awake, double[] predictions, double label) {
        checkPredictions(awake, predictions);
        Features.checkLabel(label);
        for (int k = 0; k < awake.length; k++) {
            losses[k] = loss.normalised(predictions[k], label, range);
        }
    }

    private static void checkPredictions(int[] awake, double[] predictions) {
        if (predictions.length != awake.length) {
            throw new IllegalArgumentException(awake.length + " awake experts but " + predictions.length + " predictions");
        }
        for (int k = 0; k < predictions.length; k++) {
            if (!Double.isFinite(predictions[k])) {
                throw new IllegalArgumentException("prediction of expert " + awake[k] + " is not finite: " + predictions[k]);
            }
        }
    }

    /** The state: configuration and the hedge, bit for bit (a copy). */
    public State state() {
        return new State(loss, range, hedge.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid combiner's */
    public static AdviceCombiner restore(State state) {
        return new AdviceCombiner(SleepingAdaNormalHedge.restore(state.hedge()), state.loss(), state.range());
    }
}
