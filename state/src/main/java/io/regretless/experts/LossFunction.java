package io.regretless.experts;

/**
 * The losses the experts learners are scored with: square loss (y − ŷ)² and absolute loss |y − ŷ|
 * (Acharya et al., "Oracle Efficient Algorithms for Groupwise Regret", ICLR 2024, §5 uses square loss).
 *
 * <p>AdaNormalHedge's regret bound assumes losses in [0, 1] (Luo &amp; Schapire 2015, §2), so the
 * combiners feed it {@link #normalised}: the loss of a prediction clipped to the {@link LabelRange},
 * divided by the largest loss possible inside that range — (high − low)² for square loss, high − low
 * for absolute loss — and saturated at 1 for labels outside the range.
 */
public enum LossFunction {
    /** (y − ŷ)². */
    SQUARE("square", 0),
    /** |y − ŷ|. */
    ABSOLUTE("absolute", 1);

    private final String wireName;
    private final long stateCode;

    LossFunction(String wireName, long stateCode) {
        this.wireName = wireName;
        this.stateCode = stateCode;
    }

    public String wireName() {
        return wireName;
    }

    /** The raw loss of prediction {@code prediction} on label {@code label}. */
    public double of(double prediction, double label) {
        double e = label - prediction;
        return this == SQUARE ? e * e : Math.abs(e);
    }

    /** The largest loss of a prediction and a label that both lie in {@code range}. */
    public double bound(LabelRange range) {
        double w = range.width();
        return this == SQUARE ? w * w : w;
    }

    /**
     * The loss in [0, 1] handed to the hedge: {@code min(1, of(range.clip(prediction), label) / bound(range))}.
     * Exact (no saturation) whenever the label lies in the range, as the reference's min-max scaled labels do.
     */
    public double normalised(double prediction, double label, LabelRange range) {
        return Math.min(1.0, of(range.clip(prediction), label) / bound(range));
    }

    /** The number that stands for this loss in exported state; fixed forever, unlike the ordinal. */
    public long stateCode() {
        return stateCode;
    }

    /** @throws IllegalArgumentException for a code no loss has */
    public static LossFunction ofStateCode(long code) {
        for (LossFunction f : values()) {
            if (f.stateCode == code) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown loss code " + code + " in state");
    }

    /** Parses a wire name ({@code square}) or an enum name ({@code SQUARE}), case-insensitively. */
    public static LossFunction parse(String name) {
        for (LossFunction f : values()) {
            if (f.wireName.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'");
    }
}
