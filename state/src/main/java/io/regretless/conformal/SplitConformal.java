package io.regretless.conformal;

/**
 * Split conformal prediction adapted to streams: radius = the ⌈c·n⌉-th smallest of the n past scores
 * (Vovk et al. 2005; the baseline of Bhatnagar et al. 2023, reference {@code split_conformal.SplitConformal}).
 *
 * <p>Two kinds share this class because they differ only in which scores they rank: {@link CalibratorKind#SCP}
 * ranks every past score, as the reference does ({@link PastScores}: exact up to
 * {@link CalibratorConfig#exactHistory()} scores, then a summary within ε of the level);
 * {@link CalibratorKind#SCP_WINDOW} the last {@code window}. Warm start: the calibration scores are the first
 * history. Radius O(1) while exact, update O(log n + n).
 */
public final class SplitConformal implements Calibrator {
    /** The kind, the coverage, and the scores it ranks: {@code all} for SCP, {@code window} for SCP-window. */
    public record State(CalibratorKind kind, double coverage, PastScores.State all, ScoreHistory.State window)
        implements Calibrator.State {
    }

    private final CalibratorKind kind;
    private final double coverage;
    private final PastScores all;
    private final ScoreHistory window;

    private SplitConformal(CalibratorKind kind, double coverage, PastScores all, ScoreHistory window) {
        this.kind = kind;
        this.coverage = coverage;
        this.all = all;
        this.window = window;
    }

    /** {@code kind} is {@link CalibratorKind#SCP} or {@link CalibratorKind#SCP_WINDOW}. */
    public static SplitConformal warmStarted(CalibratorKind kind, CalibratorConfig config, double[] calibrationScores) {
        return switch (kind) {
            case SCP -> new SplitConformal(kind, config.coverage(),
                PastScores.of(config.exactHistory(), calibrationScores), null);
            case SCP_WINDOW -> new SplitConformal(kind, config.coverage(), null,
                ScoreHistory.of(config.window(), calibrationScores));
            default -> throw new IllegalArgumentException("not a split conformal kind: " + kind);
        };
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
        return all != null ? all.quantile(coverage) : EmpiricalQuantile.of(window, coverage);
    }

    @Override
    public void update(double score) {
        if (all != null) {
            all.add(score);
        } else {
            window.add(score);
        }
    }

    @Override
    public State state() {
        return new State(kind, coverage, all == null ? null : all.state(), window == null ? null : window.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static SplitConformal restore(State state) {
        if (state.kind() != CalibratorKind.SCP && state.kind() != CalibratorKind.SCP_WINDOW) {
            throw new IllegalArgumentException("not a split conformal kind: " + state.kind());
        }
        return state.kind() == CalibratorKind.SCP
            ? new SplitConformal(state.kind(), state.coverage(), PastScores.restore(state.all()), null)
            : new SplitConformal(state.kind(), state.coverage(), null, ScoreHistory.restore(state.window()));
    }
}
