package io.regretless.ops.experts;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import io.regretless.ops.broker.EmbeddedKafkaBroker;

/**
 * The sleeping-experts benchmark: the paper's synthetic experiment (Acharya et al., ICLR 2024, §5.1:
 * 100,000 rows, 20 features, 8 groups by shape and colour, seed 21) and a real tabular data set with
 * groups ({@link SeattleWeatherGroups}), each replayed in process through the baseline and the
 * groupwise learner, printing per-group regret side by side and rows/s; optionally the first rows
 * of the synthetic set through the topology on an embedded broker (features mode), printing events/s
 * and the per-group regret read from the group-evaluation topic next to the in-process figures.
 */
public final class ExpertsBenchmark {
    /**
     * @param rows      synthetic rows replayed in process (at most 100,000)
     * @param kafkaRows synthetic rows sent through the topology; 0 = no Kafka run
     * @param commitIntervalMs the application's {@code commit.interval.ms} in the Kafka run
     */
    public record Settings(int rows, int kafkaRows, boolean realData, Duration timeout, long commitIntervalMs) {
        public Settings {
            int most = SyntheticGroups.PAPER_ROWS;
            if (rows < 1 || rows > most || kafkaRows < 0 || kafkaRows > most) {
                throw new IllegalArgumentException("rows and kafka rows must lie in [1, " + most
                    + "] (kafka rows may be 0), got " + rows + " and " + kafkaRows);
            }
        }
    }

    private ExpertsBenchmark() {
    }

    /** Runs the benchmark and prints its tables to {@code out}. */
    public static void run(Settings settings, PrintStream out) throws InterruptedException {
        SyntheticGroups paper = SyntheticGroups.paper();
        InProcessRun synthetic = InProcessRun.of("synthetic", paper, settings.rows());
        out.printf(Locale.ROOT, "%nSynthetic experiment (Acharya et al. 2024, §5.1): %,d rows x %d features, "
            + "groups = 2 shapes + 6 colours, seed %d; square loss, labels in [0, 1]%n", settings.rows(),
            paper.features(), SyntheticGroups.PAPER_SEED);
        out.print(RegretTables.inProcess(synthetic));
        checkServedModel(synthetic, out);

        if (settings.realData()) {
            SeattleWeatherGroups seattle = SeattleWeatherGroups.load();
            InProcessRun real = InProcessRun.of("seattle", seattle, seattle.rows());
            out.printf(Locale.ROOT, "%nSeattle weather 2012-2015 (NOAA): %,d days in date order; label temp_max, "
                + "features temp_min, precipitation, wind (min-max scaled); groups = weather + season%n",
                seattle.rows());
            out.print(RegretTables.inProcess(real));
            checkServedModel(real, out);
        }

        if (settings.kafkaRows() > 0) {
            out.printf(Locale.ROOT, "%nStarting an embedded Kafka broker for %,d synthetic rows through the "
                + "topology...%n", settings.kafkaRows());
            InProcessRun same = InProcessRun.of("synthetic", paper, settings.kafkaRows());
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
                KafkaGroupwiseRun runner = new KafkaGroupwiseRun(broker, settings.timeout(),
                    settings.commitIntervalMs());
                KafkaGroupwiseRun.Result kafka = runner.run(paper, settings.kafkaRows());
                out.printf(Locale.ROOT, "%nThrough Kafka (features mode, one model, exactly-once, commit.interval.ms=%d,"
                    + " broker at %s)%n", settings.commitIntervalMs(), broker.bootstrapServers());
                out.print(RegretTables.kafka(kafka, same));
            }
        }
    }

    private static void checkServedModel(InProcessRun run, PrintStream out) {
        double expected = run.result().alwaysOn().groupwiseRegret();
        if (Math.abs(run.serviceRegret() - expected) > 1e-6 * Math.max(1, Math.abs(expected))) {
            throw new IllegalStateException("the served model's always-on regret " + run.serviceRegret()
                + " differs from the experiment's " + expected);
        }
        out.printf(Locale.ROOT, "(the served model's always-on regret %.4f equals the experiment's)%n",
            run.serviceRegret());
    }
}
