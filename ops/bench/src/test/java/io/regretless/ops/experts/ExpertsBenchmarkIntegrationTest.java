package io.regretless.ops.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.regretless.ops.experts.GroupwiseExperiment.GroupResult;
import io.regretless.ops.BenchMain;
import io.regretless.ops.broker.RealBroker;
import io.regretless.schemas.ExpertsEvaluation;

/**
 * The experts benchmark's parts: the real data set loads with its groups, the served model matches
 * the experiment, and rows sent through the topology on a real broker give exactly the in-process
 * per-group regret. Figures only, never times.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExpertsBenchmarkIntegrationTest {
    @RegisterExtension
    static final RealBroker KAFKA = new RealBroker();

    @Test
    void seattleWeatherHasTwoGroupsPerDay() {
        SeattleWeatherGroups data = SeattleWeatherGroups.load();
        assertEquals(1461, data.rows());
        assertEquals(3, data.features());
        assertEquals(9, data.groups());
        assertEquals("winter", data.groupName(5));
        int[] groups = new int[9];
        assertEquals(2, data.groups(0, groups));
        assertEquals("drizzle", data.groupName(groups[0]), "2012-01-01");
        assertEquals("winter", data.groupName(groups[1]), "2012-01-01");
        double[] x = new double[3];
        for (int t = 0; t < data.rows(); t++) {
            data.features(t, x);
            for (double v : x) {
                assertTrue(v >= 0 && v <= 1);
            }
            assertTrue(data.label(t) >= 0 && data.label(t) <= 1);
        }
    }

    @Test
    void theTopologyGivesTheInProcessRegretOfEveryGroup() throws Exception {
        int rows = 600;
        SyntheticGroups paper = SyntheticGroups.paper();
        InProcessRun same = InProcessRun.of("synthetic", paper, rows);
        KafkaGroupwiseRun.Result kafka = new KafkaGroupwiseRun(KAFKA.broker(), Duration.ofSeconds(120), 100)
            .run(paper, rows);
        assertEquals(2L * rows + 1, kafka.events());
        assertEquals(3L * rows, kafka.evaluations());
        for (GroupResult g : same.result().groups()) {
            ExpertsEvaluation e = kafka.lastByGroup().get(g.group());
            assertEquals(g.rounds(), e.getRounds(), g.group());
            assertEquals(g.groupwiseRegret(), e.getRegret(), 1e-9, g.group());
            assertEquals(g.hindsightLoss(), e.getHindsightLoss(), 1e-9, g.group());
        }
        String table = RegretTables.kafka(kafka, same);
        assertTrue(table.contains("always-on"), table);
    }

    @Test
    void theCommandPrintsBothLearnersSideBySide() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = BenchMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(1, cli.execute("experts-bench", "--rows", "0"));
        assertTrue(err.toString().contains("rows"), err.toString());
        InProcessRun run = InProcessRun.of("synthetic", SyntheticGroups.paper(), 2_000);
        String table = RegretTables.inProcess(run);
        assertTrue(table.contains("baseline reg") && table.contains("groupwise reg") && table.contains("orange"), table);
        assertEquals(run.result().alwaysOn().groupwiseRegret(), run.serviceRegret(), 1e-9);
    }
}
