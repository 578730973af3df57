package io.regretless.experts;

/**
 * The interval [low, high] the labels are expected to lie in. Predictions are clipped to it (the
 * reference krishnacharya/multidecomp clips every ridge prediction to [0, 1] after min-max scaling
 * the labels), and its width fixes the scale of the losses fed to AdaNormalHedge
 * (see {@link LossFunction#normalised}).
 *
 * @param low the smallest expected label, finite
 * @param high the largest expected label, finite and &gt; low
 */
public record LabelRange(double low, double high) {

    /** [0, 1], the range of the reference's min-max scaled labels. */
    public static final LabelRange UNIT = new LabelRange(0.0, 1.0);

    public LabelRange {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("label range needs finite low < high, got [" + low + ", " + high + "]");
        }
    }

    public double width() {
        return high - low;
    }

    /** The nearest point of [low, high]; NaN stays NaN (callers reject NaN before). */
    public double clip(double v) {
        return v < low ? low : (v > high ? high : v);
    }
}
