package io.regretless.ops.conformal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.regretless.conformal.CalibratorKind;

/**
 * What one {@link ConformalBenchmark} run covers. Rows are every calibrator × series × forecaster
 * × target of the lists.
 *
 * @param series           series to replay: seattle, co2
 * @param forecasters      base forecasters: naive, seasonal
 * @param targets          target coverages, each in (0, 1)
 * @param calibrators      calibrators, by wire name (scp, scp-window, nexcp, aci, faci, sf-ogd, faci-s, saocp,
 *                         quantile-tracker)
 * @param points           use only the first this many points of each series (0: all)
 * @param repeats          timed in-process passes over the grid after the first one (whose figures are
 *                         reported); in-process labels/s is the median over them
 * @param kafka            also run the grid through the topology on a broker (false: in-process only)
 * @param warmupRun        before the measured Kafka runs, one unmeasured run with one model per calibrator (the
 *                         first series, forecaster and target), so the first measured run does not pay for the
 *                         JIT compiling Kafka Streams and the calibrators
 * @param kafkaRepeats     Kafka runs of each group; labels/s (Kafka) is their median, and every run's records
 *                         must give the in-process table
 * @param grouping         {@code calibrator}: one application run per calibrator, holding its rows' models, so
 *                         labels/s (Kafka) is per calibrator; {@code all}: one run with every row's model
 * @param partitions       partitions of every topic
 * @param threads          Kafka Streams {@code num.stream.threads}
 * @param commitIntervalMs Kafka Streams {@code commit.interval.ms}
 * @param timeoutSeconds   how long one application run may take before the benchmark gives up
 */
public record ConformalOptions(List<BenchSeries> series, List<Forecaster> forecasters, List<Double> targets,
                               List<CalibratorKind> calibrators, int points, int repeats, boolean kafka,
                               boolean warmupRun, int kafkaRepeats, Grouping grouping, int partitions, int threads, long commitIntervalMs,
                               int timeoutSeconds) {

    /** How the rows' models are spread over application runs. */
    public enum Grouping { CALIBRATOR, ALL }

    public ConformalOptions {
        series = distinct("series", series);
        forecasters = distinct("forecasters", forecasters);
        targets = distinct("targets", targets);
        calibrators = distinct("calibrators", calibrators);
        for (double t : targets) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("targets must be in (0, 1), got " + t);
            }
        }
        if (points < 0 || repeats < 0) {
            throw new IllegalArgumentException("points and repeats must be >= 0");
        }
        if (kafkaRepeats < 1) {
            throw new IllegalArgumentException("kafkaRepeats must be >= 1, got " + kafkaRepeats);
        }
        if (grouping == null) {
            throw new IllegalArgumentException("grouping is required");
        }
        if (partitions < 1 || threads < 1 || commitIntervalMs < 1 || timeoutSeconds < 1) {
            throw new IllegalArgumentException("partitions, threads, commitIntervalMs and timeoutSeconds must be >= 1");
        }
    }

    /**
     * The whole grid: both series, both forecasters, targets 0.8, 0.9, 0.95, every calibrator (12 rows
     * each, 132 in all); 9 timed in-process passes; Kafka with a warm-up run, then 3 runs per calibrator (12
     * models each), 2 partitions, 1 stream thread, commit.interval.ms = 100 (the application's
     * default), at most 10 minutes per run. About 2 minutes on two cores.
     */
    public static ConformalOptions defaults() {
        return new ConformalOptions(List.of(BenchSeries.values()), List.of(Forecaster.values()),
            List.of(0.8, 0.9, 0.95), List.of(CalibratorKind.values()), 0, 9, true, true, 3, Grouping.CALIBRATOR,
            2, 1, 100, 600);
    }

    /**
     * The defaults with {@code name=value} overrides, one per argument, named as the record's
     * components, lists comma-separated, e.g. {@code series=seattle targets=0.9 calibrators=saocp,faci
     * points=300 kafka=false}.
     *
     * @throws IllegalArgumentException on an unknown name or a malformed value
     */
    public static ConformalOptions parse(String... args) {
        ConformalOptions o = defaults();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            String name = arg.substring(0, eq).replaceFirst("^--", "").toLowerCase(Locale.ROOT);
            String value = arg.substring(eq + 1).trim();
            try {
                o = o.with(name, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + ": not a number: '" + value + "'", e);
            }
        }
        return o;
    }

    private ConformalOptions with(String name, String value) {
        List<BenchSeries> s = series;
        List<Forecaster> f = forecasters;
        List<Double> t = targets;
        List<CalibratorKind> c = calibrators;
        int pts = points, rep = repeats, part = partitions, thr = threads, timeout = timeoutSeconds;
        boolean k = kafka;
        boolean wr = warmupRun;
        int kr = kafkaRepeats;
        Grouping g = grouping;
        long commit = commitIntervalMs;
        switch (name) {
            case "series" -> s = list(value, BenchSeries::parse);
            case "forecasters", "forecaster" -> f = list(value, Forecaster::parse);
            case "targets", "target" -> t = list(value, Double::parseDouble);
            case "calibrators", "calibrator" -> c = value.equalsIgnoreCase("all")
                ? List.of(CalibratorKind.values()) : list(value, CalibratorKind::parse);
            case "points" -> pts = Integer.parseInt(value);
            case "repeats" -> rep = Integer.parseInt(value);
            case "kafka" -> k = bool(value);
            case "warmuprun" -> wr = bool(value);
            case "kafkarepeats" -> kr = Integer.parseInt(value);
            case "grouping" -> g = Grouping.valueOf(value.toUpperCase(Locale.ROOT));
            case "partitions" -> part = Integer.parseInt(value);
            case "threads" -> thr = Integer.parseInt(value);
            case "commitintervalms" -> commit = Long.parseLong(value);
            case "timeoutseconds" -> timeout = Integer.parseInt(value);
            default -> throw new IllegalArgumentException("unknown option '" + name + "'; known: series, "
                + "forecasters, targets, calibrators, points, repeats, kafka, warmupRun, kafkaRepeats, grouping, partitions, threads, "
                + "commitIntervalMs, timeoutSeconds");
        }
        return new ConformalOptions(s, f, t, c, pts, rep, k, wr, kr, g, part, thr, commit, timeout);
    }

    /** The rows, in table order: calibrator, then series, forecaster, target. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (CalibratorKind c : calibrators) {
            for (BenchSeries s : series) {
                for (Forecaster f : forecasters) {
                    for (double t : targets) {
                        cells.add(new Cell(c, s, f, t));
                    }
                }
            }
        }
        return cells;
    }

    /** One line naming every option, for the report. */
    public String describe() {
        return String.format(Locale.ROOT, "series=%s forecasters=%s targets=%s calibrators=%s points=%s repeats=%d "
                + "kafka=%s warmupRun=%s kafkaRepeats=%d grouping=%s partitions=%d threads=%d commitIntervalMs=%d timeoutSeconds=%d",
            join(series.stream().map(BenchSeries::shortName).toList()),
            join(forecasters.stream().map(Forecaster::shortName).toList()),
            join(targets.stream().map(String::valueOf).toList()),
            calibrators.size() == CalibratorKind.values().length ? "all"
                : join(calibrators.stream().map(CalibratorKind::wireName).toList()),
            points == 0 ? "all" : Integer.toString(points), repeats, kafka,
            warmupRun, kafkaRepeats, grouping.name().toLowerCase(Locale.ROOT), partitions, threads, commitIntervalMs, timeoutSeconds);
    }

    private static String join(List<String> items) {
        return String.join(",", items);
    }

    private static <T> List<T> list(String value, Function<String, T> parse) {
        return Arrays.stream(value.split(",")).filter(v -> !v.isBlank()).map(String::trim).map(parse).toList();
    }

    private static <T> List<T> distinct(String name, List<T> items) {
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return List.copyOf(new LinkedHashSet<>(items));
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: '" + value + "'");
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
