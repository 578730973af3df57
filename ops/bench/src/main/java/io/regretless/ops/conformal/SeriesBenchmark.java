package io.regretless.ops.conformal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.regretless.conformal.metrics.GroupCoverage;

/**
 * {@code conformal-bench series=<file.csv> column=<name> [forecasters=naive,snaive:7,ar:3] [targets=0.8,0.9,0.95]
 * [calibrators=all] [groups=<column>[:season|:month],...]}: one series from a CSV file through every calibrator (the
 * reference's nine configurations and {@code default}) under each base forecaster, following the conformal-reference
 * protocol ({@link ProtocolReplay}), in process. Prints one table with the reference's metric names; with
 * {@code groups=}, every step names its groups ({@link GroupColumns}), the calibrators read and learn with them (only
 * {@code multivalid} uses them) and a second table gives each row's coverage on each group.
 */
public final class SeriesBenchmark {
    private SeriesBenchmark() {
    }

    /** Whether the arguments ask for this mode (a {@code series=} naming a file). */
    public static boolean wants(String[] args) {
        for (String a : args) {
            if (a.startsWith("series=") && a.contains(".csv")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        String file = null;
        String column = null;
        List<BaseForecaster> forecasters = List.of(BaseForecaster.parse("naive"));
        List<Double> targets = List.of(0.8, 0.9, 0.95);
        List<MethodRow> methods = MethodRow.all();
        String groupSpec = null;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            String name = arg.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = arg.substring(eq + 1).trim();
            switch (name) {
                case "series" -> file = value;
                case "column" -> column = value;
                case "forecasters", "forecaster" -> forecasters = split(value).stream().map(BaseForecaster::parse).toList();
                case "targets", "target" -> targets = split(value).stream().map(Double::parseDouble).toList();
                case "calibrators", "calibrator" -> methods = MethodRow.parse(value);
                case "groups" -> groupSpec = value;
                default -> throw new IllegalArgumentException("unknown option '" + name + "' for a series file; known: "
                    + "series, column, forecasters, targets, calibrators, groups");
            }
        }
        if (file == null || column == null) {
            throw new IllegalArgumentException("series=<file.csv> needs column=<name>");
        }
        double[] raw = SeriesFile.read(file, column);
        List<List<String>> groups = groupSpec == null ? List.of() : GroupColumns.read(file, groupSpec);
        List<RowFigures> rows = new ArrayList<>();
        for (BaseForecaster f : forecasters) {
            ProtocolReplay replay = ProtocolReplay.of(column, raw, f);
            List<List<String>> streamed = groups.isEmpty() ? List.of()
                : groups.subList(raw.length - replay.steps(), raw.length);
            for (double target : targets) {
                for (MethodRow m : methods) {
                    rows.add(RowFigures.run(replay, m, target, streamed));
                }
            }
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Online conformal prediction on %s column %s: %d points, train = floor(0.2 T), "
            + "calibration = ceil(0.2 train), widths on the min-max scaled series%n%n", file, column, raw.length);
        out.print(table(rows));
        if (!groups.isEmpty()) {
            out.printf(Locale.ROOT, "%nCoverage per group (groups=%s; a step counts in each of its groups)%n%n", groupSpec);
            out.print(groupTable(rows));
        }
    }

    /** Per row, each group's scored steps and coverage, then the row's largest |coverage − target| over its groups. */
    static String groupTable(List<RowFigures> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-14s %-10s %-6s %-13s %-20s %6s %9s %9s%n",
            "series", "base", "target", "method", "group", "n", "coverage", "-target"));
        for (RowFigures r : rows) {
            double worst = 0;
            for (GroupCoverage.Figure g : r.groups()) {
                out.append(String.format(Locale.ROOT, "%-14s %-10s %-6.2f %-13s %-20s %6d %9.5f %+9.5f%n", r.series(),
                    r.forecaster(), r.target(), r.method(), g.group(), g.scored(), g.coverage(), g.coverage() - r.target()));
                worst = Math.max(worst, Math.abs(g.coverage() - r.target()));
            }
            out.append(String.format(Locale.ROOT, "%-14s %-10s %-6.2f %-13s %-20s %6s %9s %9.5f%n", r.series(),
                r.forecaster(), r.target(), r.method(), "worst |cov - target|", "", "", worst));
        }
        return out.toString();
    }

    /** The rows with the reference's column names. */
    static String table(List<RowFigures> rows) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "%-14s %-10s %-6s %-13s %6s %9s %11s %18s %7s %7s %9s%n", "series", "base", "target", "method",
            "n_test", "coverage", "mean_width", "median_half_width", "LCE_20", "LCE_100", "frac_inf"));
        for (RowFigures r : rows) {
            out.append(String.format(Locale.ROOT, "%-14s %-10s %-6.2f %-13s %6d %9.5f %11.5f %18.5f %7.3f %7.3f %9.5f%n",
                r.series(), r.forecaster(), r.target(), r.method(), r.scored(), r.coverage(), r.meanWidth(),
                r.medianHalfWidth(), r.lce20(), r.lce100(), r.fracInf()));
        }
        return out.toString();
    }

    static List<String> split(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
