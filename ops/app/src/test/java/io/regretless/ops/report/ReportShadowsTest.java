package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.regretless.schemas.CandidateEvaluation;
import io.regretless.schemas.PolicyEstimate;
import io.regretless.schemas.PolicyEvaluation;

/**
 * The report's shadow-policy section: per model, a table of the latest evaluation's figures (the
 * most decisions scored, first copies only) and one chart with each candidate's DR estimate over
 * time and its interval as a band.
 */
class ReportShadowsTest {
    private static final ReportFixture FIXTURE = ReportFixture.replayed();
    private static final ReportPage PAGE = new ReportPage(
        EvaluationReport.build(FIXTURE.source(), ReportFixture.TOPICS, "shadows", 1.0).html());
    private static final Pattern BAND = Pattern.compile("<polygon data-band=\"([^\"]*)\"");

    @Test
    void theTableShowsTheLatestFirstCopy() {
        PolicyEvaluation last = FIXTURE.firstPolicyEvaluations.get(FIXTURE.firstPolicyEvaluations.size() - 1);
        Map<String, List<String>> table = PAGE.table("shadows", ReportFixture.SQUARECB);
        assertEquals(List.of("linucb", "uniform", "deployed"), List.copyOf(table.keySet()));
        for (CandidateEvaluation c : last.getCandidates()) {
            List<String> row = table.get(c.getCandidate());
            assertEquals(c.getPolicy(), ReportPage.text(row.get(1)));
            assertEquals(estimate(c, "ips").getValue(), ReportPage.number(row.get(2)), 5e-4, c.getCandidate() + " IPS");
            assertEquals(estimate(c, "snips").getValue(), ReportPage.number(row.get(4)), 5e-4, c.getCandidate() + " SNIPS");
            assertEquals(estimate(c, "dr").getValue(), ReportPage.number(row.get(5)), 5e-4, c.getCandidate() + " DR");
            assertEquals("[" + HtmlTable.format(estimate(c, "dr").getLower()) + ", "
                + HtmlTable.format(estimate(c, "dr").getUpper()) + "]", ReportPage.text(row.get(6)));
            assertEquals(estimate(c, "ips").getEffectiveSampleSize(), ReportPage.number(row.get(7)),
                estimate(c, "ips").getEffectiveSampleSize() * 1e-3, c.getCandidate() + " ESS");
        }
    }

    @Test
    void oneChartPerModelWithALineAndABandPerCandidateFromTheFirstCopies() {
        List<ReportPage.Chart> charts = PAGE.charts().stream().filter(c -> c.section().equals("shadows")).toList();
        assertEquals(1, charts.size());
        ReportPage.Chart chart = charts.get(0);
        assertEquals(ReportFixture.SQUARECB, chart.model());
        assertEquals(List.of("deployed", "linucb", "uniform"), chart.lines().stream().map(ReportPage.Line::series).sorted()
            .toList());
        Matcher bands = BAND.matcher(chart.svg());
        int count = 0;
        while (bands.find()) {
            count++;
        }
        assertEquals(3, count, "an interval band per candidate");
        for (ReportPage.Line line : chart.lines()) {
            assertEquals(FIXTURE.firstPolicyEvaluations.size(), line.points().size(), line.series() + ": a point per record");
            double[] lastPoint = line.points().get(line.points().size() - 1);
            PolicyEvaluation last = FIXTURE.firstPolicyEvaluations.get(FIXTURE.firstPolicyEvaluations.size() - 1);
            CandidateEvaluation c = last.getCandidates().stream()
                .filter(x -> x.getCandidate().equals(line.series())).findFirst().orElseThrow();
            double yPerPixel = Math.abs(chart.valueAt('y', 0) - chart.valueAt('y', 1));
            assertEquals(estimate(c, "dr").getValue(), chart.valueAt('y', lastPoint[1]), yPerPixel,
                line.series() + ": the last point is the latest DR estimate");
        }
        assertTrue(chart.caption().startsWith(ReportFixture.SQUARECB + ": "), chart.caption());
    }

    private static PolicyEstimate estimate(CandidateEvaluation c, String estimator) {
        return c.getEstimates().stream().filter(e -> e.getEstimator().equals(estimator)).findFirst().orElseThrow();
    }
}
