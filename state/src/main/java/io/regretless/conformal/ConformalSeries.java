package io.regretless.conformal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.regretless.conformal.metrics.GroupCoverage;
import io.regretless.conformal.metrics.IntervalEvaluator;

/**
 * The online conformal calibration of one series as a service runs it: the first {@code warmup}
 * labels are the calibration set (their signed residuals, outliers removed as the reference does,
 * warm-start the calibrator, see {@link Calibrators#warmStartFromResiduals}); until then intervals
 * are unbounded. After the warm start each label updates the calibrator with its score |y − ŷ| and
 * is scored against the interval that was issued for it (coverage, widths, LCE_k).
 *
 * <p>Predictions may name groups (overlapping subpopulations). A series accepts at most {@value #MAX_GROUPS}
 * distinct group names, each of 1 to {@value #MAX_GROUP_NAME_BYTES} UTF-8 bytes, and remembers them
 * ({@link #groups()}); its calibrator and evaluation only ever see accepted groups, which is what bounds its state.
 * A service accepts a prediction's groups when it issues the interval ({@link #accept}), so that a label, which
 * may come much later, never finds the series full; {@link #observe(double, double, double, double, Collection)}
 * accepts them too, for callers that score at once.
 *
 * <p>The same object serves the Kafka topology and the in-process benchmark, so both produce the
 * same figures for the same input. Deterministic; not thread-safe.
 */
public final class ConformalSeries {
    private final CalibratorKind kind;
    private final CalibratorConfig config;
    private final int warmup;
    private final int lceWindow;
    private final Set<String> groups = new LinkedHashSet<>();
    private double[] warmupResiduals;
    private int collected;
    private Calibrator calibrator;
    private IntervalEvaluator evaluator;
    private long version;

    private ConformalSeries(CalibratorKind kind, CalibratorConfig config, int warmup, int lceWindow) {
        if (warmup < 1) {
            throw new IllegalArgumentException("warmup must be >= 1, got " + warmup);
        }
        if (lceWindow < 1) {
            throw new IllegalArgumentException("LCE window must be >= 1, got " + lceWindow);
        }
        this.kind = kind;
        this.config = config;
        this.warmup = warmup;
        this.lceWindow = lceWindow;
        this.warmupResiduals = new double[warmup];
    }

    /**
     * An upper bound on the stored size of a series in bytes (Avro: 8 per double, at most 10 per long), so a
     * deployment can check it against the changelog's record limit: the larger of the warm-up residuals and the
     * calibrator, plus the evaluation. A history of every past score ({@link PastScores}) costs at most
     * max(8·exactHistory, 28·{@link PastScores#SKETCH_MAX_TUPLES}) bytes (about 280 KB at the defaults, so a
     * history-based series stays under 600 KB); the evaluation holds one such history of widths, the LCE flags
     * and up to {@value #MAX_GROUPS} groups (names counted at up to {@value #MAX_GROUP_NAME_BYTES} bytes), whose
     * names the series also keeps once more as its accepted groups.
     */
    public static long maxStateBytes(CalibratorKind kind, CalibratorConfig config, int warmup, int lceWindow) {
        long history = Math.max(8L * config.exactHistory(), 28L * PastScores.SKETCH_MAX_TUPLES) + 64;
        long groups = (long) MAX_GROUPS * (MAX_GROUP_NAME_BYTES + 40);
        long calibrator = switch (kind) {
            case SCP, NEXCP, ACI, FACI -> history + 1_024;
            case DEFAULT -> history + 4_096;
            case MULTIVALID -> history + 4_096 + groups;
            case SCP_WINDOW -> 8L * config.window() + 64;
            case QUANTILE_TRACKER -> 8L * config.trackerWindow() + 64;
            case SF_OGD, FACI_S -> 2_048;
            // about g·(1 + log2 t) experts of 7 numbers; t < 2^63
            case SAOCP -> 70L * config.saocpLifetime() * 64 + 64;
        };
        long evaluation = history + lceWindow / 8 + 256 + groups;
        return Math.max(8L * warmup, calibrator) + evaluation + groups + 256;
    }

    /** The longest group name, in UTF-8 bytes, that a series accepts and {@link #maxStateBytes} accounts for. */
    public static final int MAX_GROUP_NAME_BYTES = 128;

    /** The most distinct groups a series accepts: as many as its calibrator and its evaluation can hold. */
    public static final int MAX_GROUPS = Math.min(GroupCoverage.MAX_GROUPS, MultivalidCalibrator.MAX_GROUPS);

    /** A series that has seen no label yet. */
    public static ConformalSeries create(CalibratorKind kind, CalibratorConfig config, int warmup, int lceWindow) {
        return new ConformalSeries(kind, config, warmup, lceWindow);
    }

    /**
     * A series restored from its parts, as {@link #warmupResiduals()}, {@link #calibrator()},
     * {@link #evaluator()}, {@link #version()} and {@link #groups()} exported them (calibrator and evaluator null
     * while warming up).
     */
    public static ConformalSeries restore(CalibratorKind kind, CalibratorConfig config, int warmup, int lceWindow,
                                          double[] warmupResiduals, Calibrator.State calibrator,
                                          IntervalEvaluator.State evaluator, long version, List<String> groups) {
        ConformalSeries series = new ConformalSeries(kind, config, warmup, lceWindow);
        series.accept(groups);
        if (calibrator == null) {
            if (warmupResiduals.length >= warmup) {
                throw new IllegalStateException("a warming series holds " + warmupResiduals.length
                    + " residuals but warms up at " + warmup);
            }
            System.arraycopy(warmupResiduals, 0, series.warmupResiduals, 0, warmupResiduals.length);
            series.collected = warmupResiduals.length;
        } else {
            series.calibrator = Calibrators.restore(calibrator);
            if (series.calibrator.kind() != kind) {
                throw new IllegalStateException("stored calibrator is " + series.calibrator.kind().wireName()
                    + " but the series is configured as " + kind.wireName());
            }
            series.evaluator = IntervalEvaluator.restore(evaluator);
            series.warmupResiduals = null;
        }
        series.version = version;
        return series;
    }

    public CalibratorKind kind() {
        return kind;
    }

    public double coverage() {
        return config.coverage();
    }

    public int lceWindow() {
        return lceWindow;
    }

    /** The groups accepted so far, in order of first appearance. */
    public List<String> groups() {
        return List.copyOf(groups);
    }

    /** How many groups the series has accepted. */
    public int groupCount() {
        return groups.size();
    }

    /** Whether the series has accepted every one of {@code groups}. */
    public boolean hasAccepted(Collection<String> groups) {
        return this.groups.containsAll(groups);
    }

    /** The distinct names among {@code groups} that this series has not accepted yet, in order. */
    public List<String> unacceptedGroups(Collection<String> groups) {
        List<String> unseen = new ArrayList<>();
        for (String g : groups) {
            if (!this.groups.contains(g) && !unseen.contains(g)) {
                unseen.add(g);
            }
        }
        return unseen;
    }

    /**
     * Accepts {@code groups} for this series' predictions; all or none.
     *
     * @return whether a group was new (the series' state changed)
     * @throws IllegalArgumentException when a name is empty or longer than {@value #MAX_GROUP_NAME_BYTES} UTF-8
     *                                  bytes, or the series would hold more than {@value #MAX_GROUPS} groups
     */
    public boolean accept(Collection<String> groups) {
        if (this.groups.containsAll(groups)) {
            return false;
        }
        List<String> unseen = unacceptedGroups(groups);
        for (String g : unseen) {
            int bytes = g.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_GROUP_NAME_BYTES) {
                throw new IllegalArgumentException("group name '" + g + "' has " + bytes + " UTF-8 bytes; 1 to "
                    + MAX_GROUP_NAME_BYTES + " allowed");
            }
        }
        if (this.groups.size() + unseen.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("the series holds " + this.groups.size() + " groups; " + unseen
                + " would make " + (this.groups.size() + unseen.size()) + ", more than " + MAX_GROUPS);
        }
        return this.groups.addAll(unseen);
    }

    /** Labels learned from, warm-up included. */
    public long version() {
        return version;
    }

    public boolean isWarm() {
        return calibrator != null;
    }

    /** The radius for the next interval: +∞ while warming up. */
    public double radius() {
        return isWarm() ? calibrator.radius() : Double.POSITIVE_INFINITY;
    }

    /**
     * The radius for a prediction in {@code groups}; only a group-conditional calibrator
     * ({@link CalibratorKind#MULTIVALID}) makes it depend on them.
     */
    public double radius(Collection<String> groups) {
        return isWarm() ? calibrator.radius(groups) : Double.POSITIVE_INFINITY;
    }

    /**
     * Learns from the true value {@code y} of a prediction {@code yhat} that was issued the interval
     * [lower, upper] (infinite bounds allowed). Returns whether the interval covered y, or null for
     * a warm-up label, which is not scored.
     */
    public Boolean observe(double yhat, double lower, double upper, double y) {
        return observe(yhat, lower, upper, y, List.of());
    }

    /**
     * {@link #observe(double, double, double, double)} for a prediction in {@code groups} (those its radius was
     * read with): the calibrator learns with them and the evaluation counts the interval in each group
     * ({@link IntervalEvaluator#groupCoverage()}). Accepts the groups first ({@link #accept}), so a prediction that
     * would exceed the series' bounds throws before anything changes.
     */
    public Boolean observe(double yhat, double lower, double upper, double y, Collection<String> groups) {
        accept(groups);
        version++;
        if (!isWarm()) {
            warmupResiduals[collected++] = y - yhat;
            if (collected == warmup) {
                calibrator = Calibrators.warmStartFromResiduals(kind, config,
                    Calibrators.removeOutliers(warmupResiduals));
                evaluator = new IntervalEvaluator(config.coverage(), config.exactHistory(), lceWindow);
                warmupResiduals = null;
            }
            return null;
        }
        boolean covered = evaluator.observe(y, lower, upper, groups);
        calibrator.update(Math.abs(y - yhat), groups);
        return covered;
    }

    /** The residuals collected so far while warming up; empty once warm. */
    public double[] warmupResiduals() {
        return isWarm() ? new double[0] : Arrays.copyOf(warmupResiduals, collected);
    }

    /** The calibrator's state, or null while warming up. */
    public Calibrator.State calibrator() {
        return isWarm() ? calibrator.state() : null;
    }

    /** The running evaluation, or null while warming up. */
    public IntervalEvaluator evaluator() {
        return evaluator;
    }
}
