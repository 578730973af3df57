package io.regretless.ops.experts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import io.regretless.ops.broker.EmbeddedKafkaBroker;

/**
 * The sleeping-experts benchmark: the paper's synthetic experiment (Acharya et al., ICLR 2024, §5.1:
 * 100,000 rows, 20 features, 8 groups by shape and colour, seed 21) and a real tabular data set with
 * groups ({@link SeattleWeatherGroups}), each replayed in process through the baseline and the
 * groupwise learner, printing per-group regret side by side and rows/s; optionally the first rows
 * of the synthetic set through the topology on an embedded broker (features mode), printing events/s
 * and the per-group regret read from the group-evaluation topic next to the in-process figures. With
 * a data directory ({@link GroupwiseDataSet}) it replays that set in each of its row orders instead and
 * prints the per-group means beside the reference's results ({@link DataSetComparison}).
 */
public final class ExpertsBenchmark {
    /**
     * @param rows      synthetic rows replayed in process (at most 100,000)
     * @param kafkaRows synthetic rows sent through the topology; 0 = no Kafka run
     * @param commitIntervalMs the application's {@code commit.interval.ms} in the Kafka run
     * @param data      a directory in the data/groupwise format to replay instead of the built-in sets; null = none
     * @param shrinkage the group models' λ
     */
    public record Settings(int rows, int kafkaRows, boolean realData, Duration timeout, long commitIntervalMs,
                           Path data, double shrinkage) {
        public Settings {
            int most = SyntheticGroups.PAPER_ROWS;
            if (rows < 1 || rows > most || kafkaRows < 0 || kafkaRows > most) {
                throw new IllegalArgumentException("rows and kafka rows must lie in [1, " + most
                    + "] (kafka rows may be 0), got " + rows + " and " + kafkaRows);
            }
            if (!(shrinkage > 0) || !Double.isFinite(shrinkage)) {
                throw new IllegalArgumentException("shrinkage must be finite and > 0, got " + shrinkage);
            }
        }
    }

    private ExpertsBenchmark() {
    }

    /** Runs the benchmark and prints its tables to {@code out}. */
    public static void run(Settings settings, PrintStream out) throws InterruptedException {
        if (settings.data() != null) {
            printDataSet(GroupwiseDataSet.load(settings.data()), settings.shrinkage(), out);
            return;
        }
        SyntheticGroups paper = SyntheticGroups.paper();
        InProcessRun synthetic = InProcessRun.of("synthetic", paper, settings.rows(), settings.shrinkage());
        out.printf(Locale.ROOT, "%nSynthetic experiment (Acharya et al. 2024, §5.1): %,d rows x %d features, "
            + "groups = 2 shapes + 6 colours, seed %d; square loss, labels in [0, 1]; shrinkage %s%n", settings.rows(),
            paper.features(), SyntheticGroups.PAPER_SEED, settings.shrinkage());
        out.print(RegretTables.inProcess(synthetic));
        checkServedModel(synthetic, out);

        if (settings.realData()) {
            SeattleWeatherGroups seattle = SeattleWeatherGroups.load();
            InProcessRun real = InProcessRun.of("seattle", seattle, seattle.rows(), settings.shrinkage());
            out.printf(Locale.ROOT, "%nSeattle weather 2012-2015 (NOAA): %,d days in date order; label temp_max, "
                + "features temp_min, precipitation, wind (min-max scaled); groups = weather + season%n",
                seattle.rows());
            out.print(RegretTables.inProcess(real));
            checkServedModel(real, out);
        }

        if (settings.kafkaRows() > 0) {
            out.printf(Locale.ROOT, "%nStarting an embedded Kafka broker for %,d synthetic rows through the "
                + "topology...%n", settings.kafkaRows());
            InProcessRun same = InProcessRun.of("synthetic", paper, settings.kafkaRows(), settings.shrinkage());
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
                KafkaGroupwiseRun runner = new KafkaGroupwiseRun(broker, settings.timeout(),
                    settings.commitIntervalMs());
                KafkaGroupwiseRun.Result kafka = runner.run(paper, settings.kafkaRows(), settings.shrinkage());
                out.printf(Locale.ROOT, "%nThrough Kafka (features mode, one model, exactly-once, commit.interval.ms=%d,"
                    + " broker at %s)%n", settings.commitIntervalMs(), broker.bootstrapServers());
                out.print(RegretTables.kafka(kafka, same));
            }
        }
    }

    /** Every row order of the set through both learners, per-group means beside the reference's. */
    static void printDataSet(GroupwiseDataSet data, double shrinkage, PrintStream out) {
        DataSetComparison c = DataSetComparison.run(data, shrinkage);
        out.printf(Locale.ROOT, "%n%s: %,d rows x %d features (as given, group indicators included), %d groups + "
            + "always-on, %d row orders; square loss, labels in [0, 1]%n"
            + "baseline: one ridge regression (λ = 1) on every row; groupwise: pooled ridge + per-group ridges shrunk "
            + "toward it (λ = %s) + baseline copies, sleeping exponential weights (η = 1/2); both clip predictions "
            + "to [0, 1]%n"
            + "means over the %d orders; regret = loss - loss of the least-squares fit in hindsight on all the "
            + "group's rows (LS loss); excess %% = (groupwise - baseline loss) / baseline loss%n%n",
            data.name(), data.rows(), data.features(), data.groups(), data.orders(), shrinkage, data.orders());
        out.print(RegretTables.dataSet(c));
        if (!data.reference().isEmpty()) {
            out.printf(Locale.ROOT, "ref: the authors' code (krishnacharya/multidecomp) on the same rows and orders "
                + "(reference_regret.csv): its baseline is the same ridge without clipping (its loss, ref base + "
                + "ref LS, is at least ours); its groupwise learner is one ridge per group (λ = 1) + AdaNormalHedge, "
                + "charged <p, l> (compare with 'gw <p,l>'); its comparator is fitted on the group's first T_g - 1 "
                + "rows, which shifts both ref regrets alike. ref exc %% = (ref gw - ref base) / (ref base + ref LS).%n");
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
