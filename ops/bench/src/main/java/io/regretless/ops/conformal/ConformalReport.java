package io.regretless.ops.conformal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark's result: one row per calibrator × series × forecaster × target with the figures
 * from the topology and from the learner alone, their throughputs, and whether the two tables are
 * identical.
 *
 * @param options   what was run
 * @param rows      in table order
 * @param kafkaRuns the application runs (empty when Kafka was not run)
 * @param wallTime  the whole benchmark, broker start excluded
 */
public record ConformalReport(ConformalOptions options, List<Row> rows, List<KafkaRun> kafkaRuns, Duration wallTime) {

    /**
     * One row.
     *
     * @param inProcess              the learner alone
     * @param kafka                  through the topology; null when Kafka was not run
     * @param inProcessLabelsPerSecond labels (warm-up included) per second of the learner alone, median of the
     *                               timed passes (NaN without timed passes)
     * @param kafkaLabelsPerSecond   labels per second of the application run that held the row's model (shared
     *                               by the rows of that run); NaN when Kafka was not run
     */
    public record Row(Cell cell, CellRun inProcess, CellRun kafka, double inProcessLabelsPerSecond,
                      double kafkaLabelsPerSecond) {

        /** The row's figures: the topology's when it ran, else the learner's. */
        public IntervalMetrics metrics() {
            return kafka != null ? kafka.metrics() : inProcess.metrics();
        }

        /**
         * Whether the topology gave the same row as the learner alone: every scored step's covered flag and
         * width, and every figure, bit for bit. False when Kafka was not run.
         */
        public boolean identical() {
            return kafka != null && kafka.labels() == inProcess.labels()
                && Arrays.equals(kafka.covered(), inProcess.covered())
                && Arrays.equals(kafka.widths(), inProcess.widths())
                && kafka.metrics().equals(inProcess.metrics());
        }
    }

    public boolean kafkaRan() {
        return !kafkaRuns.isEmpty();
    }

    /**
     * True when Kafka ran, every row is {@link Row#identical()}, every further run of a row's model gave the same
     * steps, and no run reported an inconsistency.
     */
    public boolean identical() {
        return kafkaRan() && rows.stream().allMatch(Row::identical) && repeatsAgree() && inconsistencies().isEmpty();
    }

    private boolean repeatsAgree() {
        for (Row row : rows) {
            for (KafkaRun run : kafkaRuns) {
                CellRun other = run.runs().get(row.cell().modelId());
                if (other != null && !(Arrays.equals(other.covered(), row.inProcess().covered())
                    && Arrays.equals(other.widths(), row.inProcess().widths())
                    && other.metrics().equals(row.inProcess().metrics()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every run's inconsistencies (see {@link KafkaRun#inconsistencies()}). */
    public List<String> inconsistencies() {
        List<String> all = new ArrayList<>();
        kafkaRuns.forEach(r -> all.addAll(r.inconsistencies()));
        return all;
    }

    /** The table, with a header describing the replays and runs and a final line on identity. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Online conformal prediction benchmark: %s%n", options.describe()));
        Set<String> described = new HashSet<>();
        for (Row r : rows) {
            String key = r.cell().series() + "/" + r.cell().forecaster();
            if (described.add(key)) {
                int scored = r.inProcess().covered().length;
                out.append(String.format(Locale.ROOT, "  %-17s %,6d labels per model: %,d warm-up (calibration) + %,d scored%n",
                    key, r.inProcess().labels(), r.inProcess().labels() - scored, scored));
            }
        }
        out.append(String.format(Locale.ROOT, "%n%-16s %-8s %-9s %6s %8s %9s %9s %7s %7s %15s %17s%n", "calibrator",
            "series", "forecast", "target", "coverage", "meanWidth", "medHalfW", "LCE_20", "LCE_100",
            "labels/s(Kafka)", "labels/s(in-proc)"));
        for (Row r : rows) {
            IntervalMetrics m = r.metrics();
            Cell c = r.cell();
            out.append(String.format(Locale.ROOT, "%-16s %-8s %-9s %6.2f %8.4f %9s %9s %7s %7s %15s %17s%s%n",
                c.calibrator().wireName(), c.series().shortName(), c.forecaster().shortName(), c.target(),
                m.coverage(), fixed(m.meanWidth(), 4), fixed(m.medianHalfWidth(), 4), fixed(m.lce20(), 3),
                fixed(m.lce100(), 3), rate(r.kafkaLabelsPerSecond()), rate(r.inProcessLabelsPerSecond()),
                r.kafka() != null && !r.identical() ? "  *differs" : ""));
        }
        out.append(String.format(Locale.ROOT, "%nWidths are on the min-max normalised [0, 1] scale of each series; "
            + "medHalfW is the paper's median half-width; inf = unbounded intervals (ACI).%n"));
        out.append(String.format(Locale.ROOT, "labels/s counts warm-up labels too. In-process: one ConformalSeries per "
            + "row, median of %d timed passes.%n", options.repeats()));
        if (kafkaRan()) {
            out.append(String.format(Locale.ROOT, "Kafka: %d measured application run(s) (%s), %d partition(s), %d stream "
                    + "thread(s), exactly_once_v2, commit.interval.ms=%d; labels/s = the run's labels / (first input "
                    + "sent -> last output consumed), the application started beforehand.%n", kafkaRuns.size(),
                (options.grouping() == ConformalOptions.Grouping.CALIBRATOR ? "one per calibrator" : "all rows in one")
                    + (options.kafkaRepeats() > 1 ? " x " + options.kafkaRepeats() + ", median" : ""),
                options.partitions(), options.threads(), options.commitIntervalMs()));
            for (KafkaRun run : kafkaRuns) {
                out.append(String.format(Locale.ROOT, "  %-40s %,8d labels %,8d intervals %,8d evaluations in %6.2f s "
                        + "= %,10.0f labels/s%n", runName(run), run.labels(), run.intervals(), run.evaluations(),
                    run.processing().toNanos() / 1e9, run.labelsPerSecond()));
            }
        }
        for (Row r : rows) {
            if (r.kafka() != null && !r.identical()) {
                out.append(String.format(Locale.ROOT, "  %s differs: Kafka %s, in-process %s%n", r.cell().modelId(),
                    r.kafka().metrics(), r.inProcess().metrics()));
            }
        }
        inconsistencies().forEach(p -> out.append("  inconsistent: ").append(p).append(System.lineSeparator()));
        out.append(String.format(Locale.ROOT, "Benchmark wall time %.1f s.%n", wallTime.toMillis() / 1000.0));
        out.append(identityLine()).append(System.lineSeparator());
        return out.toString();
    }

    /** The final line of the table. */
    public String identityLine() {
        if (!kafkaRan()) {
            return "Kafka table vs in-process table: not compared (kafka=false).";
        }
        long differing = rows.stream().filter(r -> !r.identical()).count();
        if (identical()) {
            return String.format(Locale.ROOT, "Kafka table vs in-process table: IDENTICAL (%d rows; every scored step's "
                + "covered flag and width, and every figure, bit for bit).", rows.size());
        }
        return String.format(Locale.ROOT, "Kafka table vs in-process table: DIFFERENT (%d of %d rows differ, %d "
            + "inconsistent records).", differing, rows.size(), inconsistencies().size());
    }

    private static String runName(KafkaRun run) {
        List<String> kinds = run.cells().stream().map(c -> c.calibrator().wireName()).distinct().toList();
        String name = kinds.size() == 1 ? kinds.get(0) : kinds.size() + " calibrators";
        return name + " (" + run.cells().size() + " models)";
    }

    private static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }
}
