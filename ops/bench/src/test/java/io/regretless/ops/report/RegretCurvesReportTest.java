package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.BenchMain;
import io.regretless.ops.mab.RegretCurves;
import io.regretless.ops.mab.RegretCurves.Curve;
import io.regretless.ops.mab.RegretCurves.Point;

/**
 * {@code mab-bench}'s page on a setting of seconds (2 seeds, T = 3,000, a change every 1,500
 * rounds): every learner's curve on every chart in its table's colour, the tables' figures those
 * of the run, and curves that are what cumulative pseudo-regret is — non-decreasing, the mean
 * between the smallest and largest seed — with UCB1 under its finite-time bound.
 */
class RegretCurvesReportTest {
    static final List<String> LEARNERS = List.of("ucb1", "ts-bernoulli", "ts-gaussian", "exp3-ix", "ts-discounted",
        "sw-ucb");
    static RegretCurves.Result result;
    static ReportPage page;

    @BeforeAll
    static void run() throws Exception {
        result = RegretCurves.run(new RegretCurves.Settings(2, 3_000, 1_500, 0.99, 1),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        page = new ReportPage(RegretCurvesReport.render("regret", result));
    }

    @Test
    void everyLearnerIsOnEveryChartInItsTablesColour() {
        List<ReportPage.Chart> charts = page.charts();
        assertEquals(List.of("stationary", "stationary-log", "abrupt"), charts.stream().map(ReportPage.Chart::name).toList());
        Map<String, String> swatches = page.swatches();
        for (ReportPage.Chart chart : charts) {
            assertEquals(LEARNERS, chart.lines().stream().map(ReportPage.Line::series).toList(), chart.name());
            for (ReportPage.Line line : chart.lines()) {
                assertEquals(swatches.get(line.series()), line.colour(), chart.name() + " " + line.series());
            }
            assertEquals(LEARNERS.size(), chart.svg().split("data-band=").length - 1, "one band per learner");
            assertEquals("cumulative regret", chart.axisTitles().get('y'));
        }
        assertEquals(6, swatches.values().stream().distinct().count(), "six colours");
    }

    @Test
    void theTablesShowTheRunsFigures() {
        Map<String, List<String>> stationary = page.table("regret-stationary", null);
        Map<String, List<String>> abrupt = page.table("regret-abrupt", null);
        assertEquals(LEARNERS, List.copyOf(stationary.keySet()));
        assertEquals(LEARNERS, List.copyOf(abrupt.keySet()));
        for (Curve c : result.of(RegretCurves.STATIONARY)) {
            assertEquals(HtmlTable.format(c.meanAtEnd()), ReportPage.text(stationary.get(c.learner()).get(1)));
            assertEquals(HtmlTable.format(c.bound()), ReportPage.text(stationary.get(c.learner()).get(3)));
        }
        for (Curve c : result.of(RegretCurves.ABRUPT)) {
            assertEquals(2, c.recoveries().length, "one change in 3,000 rounds, two seeds");
            assertEquals(c.recoveredWithin(result.settings().recoveryBound()) + " of 2",
                ReportPage.text(abrupt.get(c.learner()).get(3)));
        }
    }

    @Test
    void curvesAreCumulativeRegretAndUcb1StaysUnderItsBound() {
        for (Curve c : result.curves()) {
            assertEquals(200, c.points().size(), c.learner());
            double previous = 0;
            for (Point p : c.points()) {
                assertTrue(p.mean() >= previous - 1e-9, c.scenario() + " " + c.learner() + " decreases at " + p.round());
                assertTrue(p.min() <= p.mean() + 1e-9 && p.mean() <= p.max() + 1e-9, c.learner() + " at " + p.round());
                previous = p.mean();
            }
            assertEquals(c.points().get(c.points().size() - 1).mean(), c.meanAtEnd(), 1e-9);
        }
        Curve ucb1 = result.of(RegretCurves.STATIONARY).get(0);
        assertEquals("ucb1", ucb1.learner());
        assertTrue(ucb1.meanAtEnd() < ucb1.bound(), "Auer et al. 2002, Theorem 1: " + ucb1.meanAtEnd() + " < "
            + ucb1.bound());
    }

    @Test
    void theCommandWritesTheCurvesAndThePage(@TempDir Path dir) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = BenchMain.commandLine().execute("mab-bench", "--seeds", "1", "--rounds", "1000", "--segment", "500",
                "--out", dir.toString());
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, exit, printed.toString(StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(dir.resolve("regret-curves.csv"));
        assertEquals("scenario,learner,round,mean_regret,min_regret,max_regret", csv.get(0));
        assertEquals(1 + 2 * LEARNERS.size() * 200, csv.size());
        assertEquals(3, new ReportPage(Files.readString(dir.resolve("regret-curves.html"))).charts().size());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("R(T) mean"));
    }
}
