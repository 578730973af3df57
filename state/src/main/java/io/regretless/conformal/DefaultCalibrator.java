package io.regretless.conformal;

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
    /** The misses the coverage controller remembers: its state holds the last min(seen, this) of them. */
    public static final int MISS_WINDOW = CoverageController.WINDOW;
    /** The most distinct values a score lattice keeps. */
    public static final int LATTICE_MAX_VALUES = ScoreLattice.MAX_VALUES;

    /**
     * The coverage, the mean past score and the scores seen, the scorecaster, the controller, every past
     * normalised score, and the lattice.
     */
    public record State(double coverage, double meanScore, long count, ScorecasterState scorecaster,
                        ControllerState controller, PastScores.State normalised, LatticeState lattice)
        implements Calibrator.State {
    }

    /** The scorecaster: its unit, the scores seen, the fast and slow means, the lags, θ and P (row-major). */
    public record ScorecasterState(double unit, long seen, double fast, double slow, double[] lags, double[] theta,
                                   double[] p) {
    }

    /** The controller: θ, the steps seen, and the last min(seen, {@link #MISS_WINDOW}) misses, oldest first. */
    public record ControllerState(double theta, long seen, boolean[] recentMisses) {
    }

    /** The lattice: the scores seen and its distinct values ascending, or null once continuous. */
    public record LatticeState(long seen, double[] values) {
    }

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
    public State state() {
        return new State(coverage, meanScore, count, scorecaster.state(), controller.state(), normalised.state(),
            lattice.state());
    }

    /** @throws IllegalArgumentException if the state is not a valid calibrator's */
    public static DefaultCalibrator restore(State state) {
        double coverage = state.coverage();
        Scorecaster sc = Scorecaster.restore(state.scorecaster());
        CoverageController controller = CoverageController.restore(state.controller(), coverage);
        PastScores normalised = PastScores.restore(state.normalised());
        ScoreLattice lattice = ScoreLattice.restore(state.lattice());
        if (state.count() < 0 || !(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("corrupt default calibrator state");
        }
        return new DefaultCalibrator(coverage, sc, normalised, controller, lattice, state.meanScore(), state.count());
    }
}
