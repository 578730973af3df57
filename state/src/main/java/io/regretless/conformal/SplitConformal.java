package io.regretless.conformal;

/**
 * Split conformal prediction adapted to streams: radius = the ⌈c·n⌉-th smallest of the n stored past scores
 * (Vovk et al. 2005; the baseline of Bhatnagar et al. 2023, reference {@code split_conformal.SplitConformal}).
 *
 * <p>Two kinds share this class because they differ only in how many scores they keep: {@link CalibratorKind#SCP}
 * keeps up to {@code maxHistory} (the reference keeps all), {@link CalibratorKind#SCP_WINDOW} the last
 * {@code window}. Warm start: the calibration scores are the first history. Radius O(1), update O(log n + n).
 */
public final class SplitConformal implements Calibrator {
    private final CalibratorKind kind;
    private final double coverage;
    private final ScoreHistory history;

    private SplitConformal(CalibratorKind kind, double coverage, ScoreHistory history) {
        this.kind = kind;
        this.coverage = coverage;
        this.history = history;
    }

    /** {@code kind} is {@link CalibratorKind#SCP} or {@link CalibratorKind#SCP_WINDOW}. */
    public static SplitConformal warmStarted(CalibratorKind kind, CalibratorConfig config, double[] calibrationScores) {
        int capacity = switch (kind) {
            case SCP -> config.maxHistory();
            case SCP_WINDOW -> config.window();
            default -> throw new IllegalArgumentException("not a split conformal kind: " + kind);
        };
        return new SplitConformal(kind, config.coverage(), ScoreHistory.of(capacity, calibrationScores));
    }

    @Override
    public CalibratorKind kind() {
        return kind;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    @Override
    public double radius() {
        return EmpiricalQuantile.of(history, coverage);
    }

    @Override
    public void update(double score) {
        history.add(score);
    }

    @Override
    public PackedState exportState() {
        StateWriter w = new StateWriter(kind.wireName()).putDouble(coverage);
        history.writeTo(w);
        return w.build();
    }

    static SplitConformal restore(CalibratorKind kind, PackedState state) {
        StateReader r = new StateReader(state, kind.wireName());
        double coverage = r.getDouble();
        ScoreHistory history = ScoreHistory.readFrom(r);
        r.finish();
        return new SplitConformal(kind, coverage, history);
    }
}
