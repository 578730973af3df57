package io.regretless.conformal;

/** Placeholder while the default is chosen by measurement. */
public final class DefaultCalibrator implements Calibrator {
    private final Saocp inner;

    private DefaultCalibrator(Saocp inner) {
        this.inner = inner;
    }

    static DefaultCalibrator warmStarted(CalibratorConfig config, double[] calibrationScores) {
        return new DefaultCalibrator(Saocp.warmStarted(config, calibrationScores));
    }

    static DefaultCalibrator restore(PackedState state) {
        return new DefaultCalibrator(Saocp.restore(new PackedState("saocp", state.doubles(), state.longs())));
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.DEFAULT;
    }

    @Override
    public double coverage() {
        return inner.coverage();
    }

    @Override
    public double radius() {
        return inner.radius();
    }

    @Override
    public void update(double score) {
        inner.update(score);
    }

    @Override
    public PackedState exportState() {
        PackedState s = inner.exportState();
        return new PackedState("default", s.doubles(), s.longs());
    }
}
