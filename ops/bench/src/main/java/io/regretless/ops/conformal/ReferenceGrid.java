package io.regretless.ops.conformal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code conformal-bench reference=data/conformal-reference [calibrators=all] [equal-coverage]}: the whole
 * conformal-reference grid
 * (every series × base forecaster of {@code anchors_cov{80,90,95}.csv}, targets 0.8, 0.9, 0.95) through the
 * reference's nine calibrator configurations and {@code default}, each row printed next to the reference's figures;
 * then the {@code default} calibrator's checks: |coverage − target| ≤ 0.01, no unbounded interval, LCE_100 ≤ 0.10,
 * and its mean width over that of the narrowest reference method within 0.01 of the target with bounded intervals
 * (frac_inf = 0), with the geometric mean of those ratios and the worst row; beside it, the same ratio against the
 * narrowest reference method that passes all three of {@code default}'s checks (LCE_100 ≤ 0.10 too), on the rows
 * where one does.
 *
 * <p>The series are read from the folder {@code series/} beside the reference folder. The reference's naive and
 * seasonal-naive rows should be matched exactly, its AR rows to about ±0.01 (the AR fit is solver-sensitive).
 */
public final class ReferenceGrid {
    /** Reference dataset name → series file and column; seasonal period of snaive. */
    private record Source(String file, String column, int period) {
    }

    private static final Map<String, Source> SOURCES = Map.of(
        "seattle_temp_max", new Source("seattle-weather.csv", "temp_max", 7),
        "us_births_1969_1988", new Source("us-births-1969-1988.csv", "births", 7),
        "sp500_2000_2020_close", new Source("sp500-2000.csv", "close", 5),
        "co2_mauna_loa_monthly", new Source("co2-concentration.csv", "CO2", 12));

    static final double[] TARGETS = {0.8, 0.9, 0.95};

    /** One reference row. */
    record Anchor(String dataset, String base, String method, double target, double baseMae, double coverage,
                  double meanWidth, double medianHalfWidth, double lce20, double lce100, double fracInf) {
    }

    /**
     * The {@code default} row's checks on one series × forecaster × target, against the narrowest reference in band
     * with bounded intervals ({@code best}) and the narrowest that also has LCE_100 ≤ 0.10 ({@code checked}; method
     * "-" and width NaN when no reference method passes all three).
     */
    public record DefaultCheck(String dataset, String base, double target, RowFigures figures, String bestMethod,
                               double bestWidth, String checkedMethod, double checkedWidth) {
        public double ratio() {
            return figures.meanWidth() / bestWidth;
        }

        /** The ratio against the narrowest reference that passes all three checks; NaN when none does. */
        public double checkedRatio() {
            return figures.meanWidth() / checkedWidth;
        }

        public boolean coverageOk() {
            return Math.abs(figures.coverage() - target) <= 0.01;
        }

        public boolean bounded() {
            return figures.fracInf() == 0;
        }

        /** LCE_100 is a multiple of 0.01 computed in floating point, so 0.10 may print as 0.1000000000000001. */
        public boolean lceOk() {
            return figures.lce100() <= 0.10 + 1e-9;
        }
    }

    private ReferenceGrid() {
    }

    public static boolean wants(String[] args) {
        for (String a : args) {
            if (a.startsWith("reference=") || a.equals("reference")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        Path dir = Path.of("data/conformal-reference");
        List<MethodRow> methods = MethodRow.all();
        boolean equalCoverage = false;
        for (String arg : args) {
            if (arg.equals("reference")) {
                continue;
            }
            if (arg.equals("equal-coverage")) {
                equalCoverage = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : arg.substring(eq + 1).trim();
            switch (name) {
                case "reference" -> dir = Path.of(value);
                case "calibrators", "calibrator" -> methods = MethodRow.parse(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "' for the reference grid; "
                    + "known: reference, calibrators, equal-coverage");
            }
        }
        PrintStream out = System.out;
        List<Anchor> anchors = anchors(dir);
        List<RowFigures> rows = new ArrayList<>();
        Map<String, ProtocolReplay> replays = replays(dir, anchors);
        out.printf(Locale.ROOT, "Conformal reference grid %s: %d series x forecaster, targets 0.8 0.9 0.95%n%n", dir,
            replays.size());
        StringBuilder cmp = new StringBuilder(String.format(Locale.ROOT,
            "%-22s %-7s %-6s %-13s %9s %9s %9s %11s %11s %8s %18s %7s %7s %9s%n", "dataset", "base", "target",
            "method", "coverage", "ref_cov", "d_cov", "mean_width", "ref_width", "d_width", "median_half_width",
            "LCE_20", "LCE_100", "frac_inf"));
        for (Map.Entry<String, ProtocolReplay> e : replays.entrySet()) {
            String[] key = e.getKey().split("\\|");
            for (double target : TARGETS) {
                for (MethodRow m : methods) {
                    RowFigures r = RowFigures.run(e.getValue(), m, target);
                    rows.add(r);
                    Anchor a = find(anchors, key[0], key[1], m.name(), target);
                    cmp.append(String.format(Locale.ROOT,
                        "%-22s %-7s %-6.2f %-13s %9.5f %9s %9s %11.5f %11s %8s %18.5f %7.3f %7.3f %9.5f%n",
                        key[0], key[1], target, m.name(), r.coverage(), a == null ? "-" : fmt(a.coverage, 5),
                        a == null ? "-" : String.format(Locale.ROOT, "%+.5f", r.coverage() - a.coverage),
                        r.meanWidth(), a == null ? "-" : fmt(a.meanWidth, 5),
                        a == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", 100 * (r.meanWidth() / a.meanWidth - 1)),
                        r.medianHalfWidth(), r.lce20(), r.lce100(), r.fracInf()));
                }
            }
        }
        out.print(cmp);
        List<DefaultCheck> checks = defaultChecks(anchors, rows);
        if (!checks.isEmpty()) {
            out.println();
            out.print(ratioTable(checks));
            if (equalCoverage) {
                out.print(EqualCoverage.table(replays, checks));
            }
        }
    }

    /** For each {@code default} row: the narrowest reference method in band with bounded intervals. */
    static List<DefaultCheck> defaultChecks(List<Anchor> anchors, List<RowFigures> rows) {
        List<DefaultCheck> checks = new ArrayList<>();
        for (RowFigures r : rows) {
            if (!r.method().equals("default")) {
                continue;
            }
            String[] key = r.series().split("\\|");
            Anchor best = null;
            Anchor checked = null;
            for (Anchor a : anchors) {
                if (a.dataset.equals(key[0]) && a.base.equals(key[1]) && a.target == r.target()
                    && Math.abs(a.coverage - a.target) <= 0.01 + 1e-12 && a.fracInf == 0) {
                    if (best == null || a.meanWidth < best.meanWidth) {
                        best = a;
                    }
                    if (a.lce100 <= 0.10 + 1e-9 && (checked == null || a.meanWidth < checked.meanWidth)) {
                        checked = a;
                    }
                }
            }
            if (best != null) {
                checks.add(new DefaultCheck(key[0], key[1], r.target(), r, best.method, best.meanWidth,
                    checked == null ? "-" : checked.method, checked == null ? Double.NaN : checked.meanWidth));
            }
        }
        return checks;
    }

    /** The ratio table, its geometric mean and worst row, and one line per check. */
    public static String ratioTable(List<DefaultCheck> checks) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "default vs the narrowest reference method within 0.01 of the target with bounded intervals%n"
                + "%-22s %-7s %-6s %9s %9s %7s %11s %-13s %11s %7s  %-13s %7s%n", "dataset", "base", "target",
            "coverage", "frac_inf", "LCE_100", "mean_width", "best_ref", "ref_width", "ratio", "ref_all_checks",
            "ratio"));
        double logSum = 0;
        double checkedLogSum = 0;
        int checkedRows = 0;
        DefaultCheck worst = null;
        int coverageOk = 0;
        int bounded = 0;
        int lceOk = 0;
        for (DefaultCheck c : checks) {
            RowFigures f = c.figures();
            out.append(String.format(Locale.ROOT,
                "%-22s %-7s %-6.2f %9.5f %9.5f %7.3f %11.5f %-13s %11.5f %7.4f  %-13s %7s%s%n",
                c.dataset(), c.base(), c.target(), f.coverage(), f.fracInf(), f.lce100(), f.meanWidth(),
                c.bestMethod(), c.bestWidth(), c.ratio(), c.checkedMethod(),
                Double.isNaN(c.checkedWidth()) ? "-" : String.format(Locale.ROOT, "%.4f", c.checkedRatio()),
                (c.coverageOk() ? "" : "  coverage!") + (c.bounded() ? "" : "  unbounded!") + (c.lceOk() ? "" : "  LCE!")));
            logSum += Math.log(c.ratio());
            if (!Double.isNaN(c.checkedWidth())) {
                checkedLogSum += Math.log(c.checkedRatio());
                checkedRows++;
            }
            if (worst == null || c.ratio() > worst.ratio()) {
                worst = c;
            }
            coverageOk += c.coverageOk() ? 1 : 0;
            bounded += c.bounded() ? 1 : 0;
            lceOk += c.lceOk() ? 1 : 0;
        }
        int n = checks.size();
        out.append(String.format(Locale.ROOT, "%ngeometric mean of the ratios: %.4f (target <= 1.00)%n",
            Math.exp(logSum / n)));
        out.append(String.format(Locale.ROOT, "worst row: %s %s %.2f ratio %.4f (target <= 1.10)%n",
            worst.dataset(), worst.base(), worst.target(), worst.ratio()));
        out.append(String.format(Locale.ROOT, "rows with |coverage - target| <= 0.01: %d of %d; no unbounded interval: "
            + "%d of %d; LCE_100 <= 0.10: %d of %d%n", coverageOk, n, bounded, n, lceOk, n));
        out.append(String.format(Locale.ROOT, "against the narrowest reference passing the same three checks: geometric "
            + "mean %.4f over the %d rows that have one (%d rows have none)%n",
            checkedRows == 0 ? Double.NaN : Math.exp(checkedLogSum / checkedRows), checkedRows, n - checkedRows));
        return out.toString();
    }

    static Map<String, ProtocolReplay> replays(Path dir, List<Anchor> anchors) {
        Path seriesDir = dir.toAbsolutePath().getParent().resolve("series");
        Map<String, ProtocolReplay> replays = new LinkedHashMap<>();
        Map<String, double[]> raw = new LinkedHashMap<>();
        for (Anchor a : anchors) {
            String key = a.dataset + "|" + a.base;
            if (replays.containsKey(key)) {
                continue;
            }
            Source s = SOURCES.get(a.dataset);
            if (s == null) {
                throw new IllegalArgumentException("unknown reference dataset " + a.dataset);
            }
            double[] values = raw.computeIfAbsent(a.dataset,
                d -> SeriesFile.read(seriesDir.resolve(s.file).toString(), s.column));
            BaseForecaster f = a.base.equals("snaive") ? new BaseForecaster("snaive", s.period)
                : BaseForecaster.parse(a.base);
            replays.put(key, ProtocolReplay.of(key, values, f));
        }
        return replays;
    }

    static List<Anchor> anchors(Path dir) {
        List<Anchor> out = new ArrayList<>();
        for (double target : TARGETS) {
            Path file = dir.resolve(String.format(Locale.ROOT, "anchors_cov%d.csv", Math.round(target * 100)));
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file.toAbsolutePath(), e);
            }
            List<String> header = List.of(lines.get(0).split(","));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] c = line.split(",", -1);
                out.add(new Anchor(c[header.indexOf("dataset")], c[header.indexOf("base")], c[header.indexOf("method")],
                    target, d(c, header, "base_MAE"), d(c, header, "coverage"), d(c, header, "mean_width"),
                    d(c, header, "median_half_width"),
                    d(c, header, "LCE_20"), d(c, header, "LCE_100"), d(c, header, "frac_inf")));
            }
        }
        return out;
    }

    private static double d(String[] cells, List<String> header, String column) {
        return Double.parseDouble(cells[header.indexOf(column)]);
    }

    private static Anchor find(List<Anchor> anchors, String dataset, String base, String method, double target) {
        for (Anchor a : anchors) {
            if (a.dataset.equals(dataset) && a.base.equals(base) && a.method.equals(method) && a.target == target) {
                return a;
            }
        }
        return null;
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
