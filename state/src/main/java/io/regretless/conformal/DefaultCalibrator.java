package io.regretless.conformal;

import io.regretless.codec.ConformalStateCodec;
import io.regretless.codec.PackedState;
import io.regretless.codec.StateReader;
import io.regretless.codec.StateWriter;

/**
 * The recommended calibrator ({@link CalibratorKind#DEFAULT}): one configuration for every series, chosen by
 * measurement on the conformal-reference grid (four real series × two base forecasters × three targets; README,
 * "Which calibrator"). Three parts:
 *
 * <ol>
 *   <li>a {@link Scorecaster} forecasts the next score ĝ_t from the recent ones (conformal PID control's
 *       scorecaster, Angelopoulos, Candès &amp; Tibshirani 2023);</li>
 *   <li>split conformal on scores normalised by a partial scale σ_t = max(ĝ_t, {@value #FLOOR}·s̄_t)^{@value #POWER}
 *       (s̄_t the mean past score): base radius = σ_t · the inverted-CDF c-quantile of every past s_i/σ_i
 *       ({@link PastScores}, exact up to {@link CalibratorConfig#exactHistory()}). Power 1 would be the locally
 *       weighted conformal score (conditional coverage, wide where the scores are volatile), power 0 split
 *       conformal (one radius for all); in between spends the width where it buys most coverage;</li>
 *   <li>a {@link CoverageController} multiplies the base radius to hold coverage c in the long run and over
 *       short windows;</li>
 *   <li>when the scores take few distinct values ({@link ScoreLattice}: a series recorded to a fixed precision
 *       under a naive or seasonal-naive forecaster), the radius is lowered to the largest of them it exceeds,
 *       which covers exactly the same steps with a narrower interval (split conformal's radius is a past score
 *       for the same reason).</li>
 * </ol>
 *
 * <p>Never unbounded. Warm start: the calibration scores are replayed through parts 1, 2 and 4; the controller
 * starts at 1. O(d² + log n + n) per step while exact (d = {@value Scorecaster#DIM}); state ≈ 2.7 KB, plus at most
 * 1 KB of lattice values, plus 8 bytes per exact past score.
 */
public final class DefaultCalibrator implements Calibrator {
    static final double POWER = 0.4;
    static final double FLOOR = 0.3;

    private final double coverage;
    private final Scorecaster scorecaster;
    private final PastScores normalised;
    private final CoverageController controller;
    private final ScoreLattice lattice;
    private double meanScore;
    private long count;
    private double cached = Double.NaN;

    private DefaultCalibrator(double coverage, Scorecaster scorecaster, PastScores normalised,
                              CoverageController controller, ScoreLattice lattice, double meanScore, long count) {
        this.coverage = coverage;
        this.scorecaster = scorecaster;
        this.normalised = normalised;
        this.controller = controller;
        this.lattice = lattice;
        this.meanScore = meanScore;
        this.count = count;
    }

    static DefaultCalibrator warmStarted(CalibratorConfig config, double[] calibrationScores) {
        double unit = 0;
        for (double s : calibrationScores) {
            unit += Math.abs(s);
        }
        unit = calibrationScores.length == 0 || unit == 0 ? 1.0 : unit / calibrationScores.length;
        DefaultCalibrator d = new DefaultCalibrator(config.coverage(), new Scorecaster(unit),
            new PastScores(config.exactHistory()), new CoverageController(config.coverage()), new ScoreLattice(), 0, 0);
        for (double s : calibrationScores) {
            d.learn(s);
        }
        return d;
    }

    @Override
    public CalibratorKind kind() {
        return CalibratorKind.DEFAULT;
    }

    @Override
    public double coverage() {
        return coverage;
    }

    private double scale() {
        double floor = Math.max(Double.MIN_NORMAL, FLOOR * meanScore);
        return StrictMath.pow(Math.max(scorecaster.forecast(), floor), POWER);
    }

    @Override
    public double radius() {
        if (Double.isNaN(cached)) {
            cached = lattice.snap(unsnappedRadius());
        }
        return cached;
    }

    /** The radius before {@link ScoreLattice#snap}: what a multiplier such as a group offset should scale. */
    double unsnappedRadius() {
        double base = normalised.count() == 0 ? 0 : scale() * normalised.quantile(coverage);
        return Math.max(0, base * controller.multiplier());
    }

    /** {@code radius} lowered to the largest past score it exceeds when the scores are on a lattice. */
    double snap(double radius) {
        return lattice.snap(radius);
    }

    @Override
    public void update(double score) {
        controller.update(score > radius());
        learn(score);
    }

    private void learn(double score) {
        if (count > 0) {
            normalised.add(score / scale());
        }
        count++;
        meanScore += (score - meanScore) / count;
        scorecaster.update(score);
        lattice.add(score);
        cached = Double.NaN;
    }

    @Override
    public PackedState exportState() {
        StateWriter w = new StateWriter(kind().wireName()).putDouble(coverage).putDouble(meanScore).putLong(count);
        scorecaster.writeTo(w);
        controller.writeTo(w);
        ConformalStateCodec.putPastScores(normalised.state(), w);
        lattice.writeTo(w);
        return w.build();
    }

    static DefaultCalibrator restore(PackedState state) {
        StateReader r = new StateReader(state, CalibratorKind.DEFAULT.wireName());
        double coverage = r.getDouble();
        double mean = r.getDouble();
        long count = r.getLong();
        Scorecaster sc = Scorecaster.readFrom(r);
        CoverageController controller = CoverageController.readFrom(r, coverage);
        PastScores normalised = PastScores.restore(ConformalStateCodec.getPastScores(r));
        // a state written before the lattice existed: its scores are gone, so it never snaps
        ScoreLattice lattice = r.atEnd() ? ScoreLattice.continuous(count) : ScoreLattice.readFrom(r);
        r.finish();
        if (count < 0 || !(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("corrupt default calibrator state");
        }
        return new DefaultCalibrator(coverage, sc, normalised, controller, lattice, mean, count);
    }
}
