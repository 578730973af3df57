package io.regretless.ops.experts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.experts.GroupwiseRidge;
import io.regretless.linalg.RidgeStatistics;
import io.regretless.ops.experts.GroupwiseDataSet.ReferenceRegret;
import io.regretless.ops.experts.GroupwiseExperiment.GroupResult;

/**
 * The five real sets of data/groupwise replayed in their ten row orders, as {@code experts-bench --data}
 * does: what issue 13 asks of the groupwise learner — no group worse than the baseline by more than
 * 0.5 % of the baseline's cumulative loss — and the reference's own baseline reproduced.
 */
class GroupwiseDataSetTest {
    private static Path set(String name) {
        URL url = GroupwiseDataSetTest.class.getResource("/data/groupwise/" + name);
        assertTrue(url != null, "data/groupwise/" + name + " is missing from the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cps_wages_1985", "us_births_dow_season", "penguins", "flights_10k", "gapminder"})
    void noGroupIsWorseThanTheBaselineByMoreThanHalfAPercent(String name) {
        GroupwiseDataSet data = GroupwiseDataSet.load(set(name));
        DataSetComparison c = DataSetComparison.run(data, GroupwiseRidge.DEFAULT_SHRINKAGE);
        String table = RegretTables.dataSet(c);
        assertEquals(0, c.worseBy(DataSetComparison.TOLERANCE_PERCENT), table);
        assertTrue(c.mean().alwaysOn().groupwiseLoss() <= c.mean().alwaysOn().baselineLoss(), table);
        double[] unclipped = unclippedRidgeLoss(data);
        for (int k = 0; k < c.mean().groups().size(); k++) {
            GroupResult g = c.mean().groups().get(k);
            ReferenceRegret ref = data.reference().get(g.group().equals("always-on") ? "always_on" : g.group());
            assertEquals(ref.size(), g.rounds(), g.group());
            // The reference's baseline is one ridge (λ = 1) on X without clipping: the same cumulative loss
            // (its regret + its comparator's loss, printed to 5 significant digits).
            double referenceLoss = ref.baselineRegret() + ref.hindsightLoss();
            assertEquals(referenceLoss, unclipped[k], 5e-5 * referenceLoss, g.group());
            // Ours clips its predictions to [0, 1], which can only lower the loss (by up to 2.5 % on cps wages).
            assertTrue(g.baselineLoss() <= unclipped[k] + 1e-12, g.group());
        }
    }

    /** Per group (always-on last), the mean over the orders of an unclipped ridge regression's loss on X. */
    private static double[] unclippedRidgeLoss(GroupwiseDataSet data) {
        double[] loss = new double[data.groups() + 1];
        int[] groups = new int[data.groups()];
        double[] x = new double[data.features()];
        for (int k = 0; k < data.orders(); k++) {
            GroupedData rows = data.inOrder(k);
            RidgeStatistics ridge = new RidgeStatistics(data.features(), GroupwiseRidge.POOLED_REGULARIZATION);
            for (int t = 0; t < rows.rows(); t++) {
                rows.features(t, x);
                double e = rows.label(t) - ridge.predict(x);
                int count = rows.groups(t, groups);
                for (int j = 0; j < count; j++) {
                    loss[groups[j]] += e * e / data.orders();
                }
                loss[data.groups()] += e * e / data.orders();
                ridge.update(x, rows.label(t));
            }
        }
        return loss;
    }

    @Test
    void aSetIsReadWithItsGroupsOrdersAndReference() {
        GroupwiseDataSet data = GroupwiseDataSet.load(set("penguins"));
        assertEquals("penguins", data.name());
        assertEquals(333, data.rows());
        assertEquals(11, data.features());
        assertEquals(8, data.groups(), "always_on is implicit");
        assertEquals("Torgersen", data.groupName(5));
        assertEquals(10, data.orders());
        assertEquals(9, data.reference().size());
        assertEquals(47, data.reference().get("Torgersen").size());
        GroupedData first = data.inOrder(0);
        assertTrue(first.featuresIncludeGroups());
        int[] groups = new int[8];
        int count = first.groups(0, groups);
        assertEquals(3, count, "species, island and sex");
        double[] x = new double[11];
        first.features(0, x);
        for (double v : x) {
            assertTrue(v >= 0 && v <= 1);
        }
    }

    @Test
    void theCommandPrintsTheTableAndBothCounts() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExpertsBenchmark.printDataSet(GroupwiseDataSet.load(set("gapminder")), GroupwiseRidge.DEFAULT_SHRINKAGE,
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("groups worse than baseline by more than 0.5%: 0"), out);
        assertTrue(out.contains("groups strictly worse: "), out);
        assertTrue(out.contains("cluster5") && out.contains("ref base") && out.contains("excess %"), out);
    }

    @Test
    void inconsistentFilesAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("X.csv"), "a,b\n0.1,0.2\n0.3,0.4\n");
        Files.writeString(dir.resolve("A.csv"), "g,always_on\n1,1\n0,1\n");
        Files.writeString(dir.resolve("y.csv"), "y\n0.5\n0.7\n");
        Files.writeString(dir.resolve("perms.csv"), "1,0\n0,1\n");
        GroupwiseDataSet ok = GroupwiseDataSet.load(dir);
        assertEquals(1, ok.groups());
        assertEquals(0.7, ok.inOrder(0).label(0));
        assertTrue(ok.reference().isEmpty());
        Files.writeString(dir.resolve("perms.csv"), "1,1\n");
        assertThrows(IllegalArgumentException.class, () -> GroupwiseDataSet.load(dir));
        Files.writeString(dir.resolve("perms.csv"), "1,0\n");
        Files.writeString(dir.resolve("y.csv"), "y\n0.5\n1.7\n");
        assertThrows(IllegalArgumentException.class, () -> GroupwiseDataSet.load(dir));
        Files.writeString(dir.resolve("y.csv"), "y\n0.5\n");
        assertThrows(IllegalArgumentException.class, () -> GroupwiseDataSet.load(dir));
    }
}
