package io.regretless.ops.conformal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code conformal-bench series=<file.csv> column=<name> [forecasters=naive,snaive:7,ar:3] [targets=0.8,0.9,0.95]
 * [calibrators=all]}: one series from a CSV file through every calibrator (the reference's nine configurations and
 * {@code default}) under each base forecaster, following the conformal-reference protocol ({@link ProtocolReplay}),
 * in process. Prints one table with the reference's metric names.
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
                default -> throw new IllegalArgumentException("unknown option '" + name + "' for a series file; known: "
                    + "series, column, forecasters, targets, calibrators");
            }
        }
        if (file == null || column == null) {
            throw new IllegalArgumentException("series=<file.csv> needs column=<name>");
        }
        double[] raw = SeriesFile.read(file, column);
        List<RowFigures> rows = new ArrayList<>();
        for (BaseForecaster f : forecasters) {
            ProtocolReplay replay = ProtocolReplay.of(column, raw, f);
            for (double target : targets) {
                for (MethodRow m : methods) {
                    rows.add(RowFigures.run(replay, m, target));
                }
            }
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Online conformal prediction on %s column %s: %d points, train = floor(0.2 T), "
            + "calibration = ceil(0.2 train), widths on the min-max scaled series%n%n", file, column, raw.length);
        out.print(table(rows));
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
