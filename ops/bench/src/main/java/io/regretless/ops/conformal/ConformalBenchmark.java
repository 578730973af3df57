package io.regretless.ops.conformal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.regretless.conformal.CalibratorKind;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.broker.KafkaBroker;

/**
 * The conformal-prediction benchmark: replays the shared real series ({@link BenchSeries}) with a
 * naive and a seasonal-naive base forecaster through every calibrator at each target coverage,
 * once with the learner alone ({@link InProcessRunner}) and once through the topology on a broker
 * ({@link KafkaRunner}), and prints one table ({@link ConformalReport#table()}): coverage, mean
 * width, median half-width, LCE_20, LCE_100, labels/s on Kafka and in process, and whether the two
 * tables are identical.
 *
 * <p>Command line: {@code name=value} options of {@link ConformalOptions#parse}, e.g.
 * {@code series=seattle targets=0.9 calibrators=saocp,faci points=300}.
 */
public final class ConformalBenchmark {
    private ConformalBenchmark() {
    }

    /**
     * Parses {@code args} ({@link ConformalOptions#parse}), starts an embedded single-node broker
     * (unless {@code kafka=false}), runs the benchmark, prints the table to standard output and stops
     * the broker.
     *
     * @throws IllegalArgumentException on a bad option
     * @throws IllegalStateException    if the Kafka table is not identical to the in-process one (after
     *                                  printing both), or a Kafka run fails
     */
    public static void main(String[] args) throws Exception {
        if (ReferenceGrid.wants(args)) {
            ReferenceGrid.main(args);
            return;
        }
        if (SeriesBenchmark.wants(args)) {
            SeriesBenchmark.main(args);
            return;
        }
        ConformalOptions options = ConformalOptions.parse(args);
        PrintStream out = System.out;
        ConformalReport report;
        if (options.kafka()) {
            out.println("Starting an embedded Kafka broker...");
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(options.partitions()).start()) {
                out.println("Broker at " + broker.bootstrapServers() + "; running " + options.describe());
                report = run(broker, options, out);
            }
        } else {
            report = run(null, options, out);
        }
        out.println();
        out.print(report.table());
        if (report.kafkaRan() && !report.identical()) {
            throw new IllegalStateException(report.identityLine());
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param broker   the cluster for the Kafka runs; null (or {@code kafka=false}) for in-process only
     * @param progress where a line per phase is printed, or null
     */
    public static ConformalReport run(KafkaBroker broker, ConformalOptions options, PrintStream progress)
            throws InterruptedException {
        long began = System.nanoTime();
        Map<BenchSeries, Map<Forecaster, Replay>> replays = replays(options);
        List<Cell> cells = options.cells();

        long t = System.nanoTime();
        Map<Cell, CellRun> inProcess = new LinkedHashMap<>();
        for (Cell cell : cells) {
            inProcess.put(cell, InProcessRunner.run(cell, replay(replays, cell)));
        }
        Map<Cell, Double> inProcessRates = timeInProcess(cells, replays, inProcess, options.repeats());
        log(progress, String.format(Locale.ROOT, "in-process: %d rows, 1 + %d passes in %.1f s", cells.size(),
            options.repeats(), (System.nanoTime() - t) / 1e9));

        List<KafkaRun> kafkaRuns = new ArrayList<>();
        Map<Cell, CellRun> kafka = new LinkedHashMap<>();
        Map<Cell, Double> kafkaRates = new LinkedHashMap<>();
        if (broker != null && options.kafka()) {
            KafkaRunner runner = new KafkaRunner(broker, options);
            if (options.warmupRun()) {
                t = System.nanoTime();
                List<Cell> warmup = options.calibrators().stream().map(kind -> new Cell(kind, options.series().get(0),
                    options.forecasters().get(0), options.targets().get(0))).toList();
                KafkaRun run = runner.run(warmup, cell -> replay(replays, cell));
                log(progress, String.format(Locale.ROOT, "Kafka warm-up run (not measured): %d models, %,d labels in "
                    + "%.2f s", warmup.size(), run.labels(), (System.nanoTime() - t) / 1e9));
            }
            List<List<Cell>> groups = groups(cells, options.grouping());
            for (int g = 0; g < groups.size(); g++) {
                List<Cell> group = groups.get(g);
                double[] rates = new double[options.kafkaRepeats()];
                for (int r = 0; r < rates.length; r++) {
                    t = System.nanoTime();
                    KafkaRun run = runner.run(group, cell -> replay(replays, cell));
                    kafkaRuns.add(run);
                    rates[r] = run.labelsPerSecond();
                    for (Cell cell : group) {
                        kafka.putIfAbsent(cell, run.runs().get(cell.modelId()));
                    }
                    log(progress, String.format(Locale.ROOT, "Kafka run %d/%d%s: %d models, %,d labels in %.2f s "
                            + "(%.1f s with topics, start and clean-up)", g + 1, groups.size(),
                        rates.length > 1 ? " #" + (r + 1) : "", group.size(), run.labels(),
                        run.processing().toNanos() / 1e9, (System.nanoTime() - t) / 1e9));
                }
                Arrays.sort(rates);
                double median = rates.length % 2 == 1 ? rates[rates.length / 2]
                    : (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
                group.forEach(cell -> kafkaRates.put(cell, median));
            }
        }

        List<ConformalReport.Row> rows = new ArrayList<>();
        for (Cell cell : cells) {
            rows.add(new ConformalReport.Row(cell, inProcess.get(cell), kafka.get(cell),
                inProcessRates.getOrDefault(cell, Double.NaN), kafkaRates.getOrDefault(cell, Double.NaN)));
        }
        return new ConformalReport(options, List.copyOf(rows), List.copyOf(kafkaRuns),
            Duration.ofNanos(System.nanoTime() - began));
    }

    /** The replay of every series × forecaster of the options. */
    public static Map<BenchSeries, Map<Forecaster, Replay>> replays(ConformalOptions options) {
        Map<BenchSeries, Map<Forecaster, Replay>> replays = new EnumMap<>(BenchSeries.class);
        for (BenchSeries s : options.series()) {
            Map<Forecaster, Replay> byForecaster = new EnumMap<>(Forecaster.class);
            for (Forecaster f : options.forecasters()) {
                byForecaster.put(f, Replay.of(s, f, options.points()));
            }
            replays.put(s, byForecaster);
        }
        return replays;
    }

    private static Replay replay(Map<BenchSeries, Map<Forecaster, Replay>> replays, Cell cell) {
        return replays.get(cell.series()).get(cell.forecaster());
    }

    /**
     * Labels per second of each row over {@code repeats} further passes over the whole grid (the first
     * pass, whose figures are reported, warmed the JIT); the median pass per row. Every pass must
     * reproduce the first one's steps.
     */
    private static Map<Cell, Double> timeInProcess(List<Cell> cells, Map<BenchSeries, Map<Forecaster, Replay>> replays,
                                                   Map<Cell, CellRun> first, int repeats) {
        Map<Cell, long[]> nanos = new LinkedHashMap<>();
        cells.forEach(c -> nanos.put(c, new long[repeats]));
        for (int pass = 0; pass < repeats; pass++) {
            for (Cell cell : cells) {
                long start = System.nanoTime();
                CellRun run = InProcessRunner.run(cell, replay(replays, cell));
                nanos.get(cell)[pass] = System.nanoTime() - start;
                CellRun reference = first.get(cell);
                if (!Arrays.equals(run.covered(), reference.covered()) || !Arrays.equals(run.widths(), reference.widths())) {
                    throw new IllegalStateException(cell.modelId() + " is not deterministic: pass " + (pass + 1)
                        + " differs from the first");
                }
            }
        }
        Map<Cell, Double> rates = new LinkedHashMap<>();
        if (repeats == 0) {
            return rates;
        }
        for (Cell cell : cells) {
            long[] n = nanos.get(cell).clone();
            Arrays.sort(n);
            double median = n.length % 2 == 1 ? n[n.length / 2] : (n[n.length / 2 - 1] + n[n.length / 2]) / 2.0;
            rates.put(cell, first.get(cell).labels() / Math.max(1e-9, median / 1e9));
        }
        return rates;
    }

    private static List<List<Cell>> groups(List<Cell> cells, ConformalOptions.Grouping grouping) {
        if (grouping == ConformalOptions.Grouping.ALL) {
            return List.of(cells);
        }
        Map<CalibratorKind, List<Cell>> byKind = new LinkedHashMap<>();
        for (Cell cell : cells) {
            byKind.computeIfAbsent(cell.calibrator(), k -> new ArrayList<>()).add(cell);
        }
        return List.copyOf(byKind.values());
    }

    private static void log(PrintStream progress, String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
