package io.regretless.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.regretless.ops.broker.EmbeddedKafkaBroker;

/**
 * The end-to-end benchmark behind the README's throughput table, run small on the embedded broker:
 * every phase completes every request it sent, the printed table says so, its two ratio lines are
 * there and are the ratios of the throughputs it reports, and the run leaves no topic behind.
 * Nothing is asserted about how fast anything was.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EndToEndBenchmarkIntegrationTest {
    static final int REQUESTS = 60;
    static final Pattern NUMBER_ROW = Pattern.compile("^\\| (.+?) \\| (\\S+) \\| (\\d+) \\| ([\\d,]+) \\| ([\\d.]+) \\| ([\\d.]+) \\| ([\\d.]+) \\|$");

    @Test
    void everyPhaseCompletesWhatItSentAndTheTableAgreesWithItself() throws Exception {
        Options options = Options.parse("requests=" + REQUESTS, "warmup=10", "models=2", "partitions=2", "inFlight=8",
            "dimension=8", "actions=3", "contextFeatures=3", "commitIntervalMs=100", "threads=1");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            Report report = new EndToEndBenchmark(broker.clientProperties()).run(options);
            String table = report.table();
            System.out.print(table);

            for (PhaseResult phase : List.of(report.bandit(), report.oneModel(), report.passThrough())) {
                assertEquals(REQUESTS, phase.records(), "every measured request completed once");
                assertTrue(phase.elapsedNanos() > 0 && phase.throughput() > 0, "a phase took some time: " + phase);
                assertTrue(phase.latencies().percentileMillis(50) <= phase.latencies().percentileMillis(99)
                    && phase.latencies().percentileMillis(99) <= phase.latencies().maxMillis(), table);
            }

            List<Matcher> rows = table.lines().map(NUMBER_ROW::matcher).filter(Matcher::matches).toList();
            assertEquals(3, rows.size(), "three rows of figures:\n" + table);
            assertTrue(rows.get(0).group(1).startsWith("bandit loop, 2 models"), table);
            assertTrue(rows.get(1).group(1).startsWith("bandit loop, 1 model"), table);
            assertTrue(rows.get(2).group(1).startsWith("pass-through"), table);
            assertEquals(List.of("8", "8", "all"), rows.stream().map(m -> m.group(2)).toList(), "the windows run");
            for (Matcher row : rows) {
                assertEquals(REQUESTS, Integer.parseInt(row.group(3)), "records of " + row.group(1));
            }

            double loopRatio = ratio(table, "loop/pass-through throughput ratio: ");
            double oneModelRatio = ratio(table, "one-model/two-model throughput ratio: ");
            assertTrue(loopRatio > 0 && oneModelRatio > 0, table);
            assertEquals(report.bandit().throughput() / report.passThrough().throughput(), loopRatio, 0.0005, table);
            assertEquals(report.oneModel().throughput() / report.bandit().throughput(), oneModelRatio, 0.0005, table);

            double meanReward = ratio(table, "Bandit mean reward ");
            assertTrue(meanReward >= 0 && meanReward <= 1, "a mean of rewards in [0, 1]: " + meanReward);

            try (Admin admin = Admin.create(broker.clientProperties())) {
                Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(left.stream().noneMatch(name -> name.startsWith("bench-")), "the run's topics are deleted: " + left);
            }
        }
    }

    /** The number printed after {@code label} on its line. */
    static double ratio(String table, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "(-?[\\d.]+)").matcher(table);
        assertTrue(m.find(), "a line '" + label + "<number>' in\n" + table);
        return Double.parseDouble(m.group(1));
    }
}
