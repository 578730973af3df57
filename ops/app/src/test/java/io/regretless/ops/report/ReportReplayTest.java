package io.regretless.ops.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Feedback;

/**
 * The report of topics that a replay and an at-least-once restart wrote partly twice shows what the
 * first copies say: every figure of its tables equals the one computed here from the fixture's
 * first copies, and the duplicates it dropped and the unreadable records it skipped are counted
 * per topic. Built from encoded topic values, without a broker.
 */
class ReportReplayTest {
    private static final ReportFixture FIXTURE = ReportFixture.replayed();
    private static final EvaluationReport.Result RESULT =
        EvaluationReport.build(FIXTURE.source(), ReportFixture.TOPICS, "replayed", 1.0);
    private static final ReportPage PAGE = new ReportPage(RESULT.html());

    @Test
    void duplicatesAreDroppedAndCountedPerTopic() {
        ReportData data = FIXTURE.data(1.0);
        Map<String, List<String>> read = PAGE.table("read", null);
        long duplicates = 0;
        long unreadable = 0;
        for (ReportTopic topic : ReportTopic.values()) {
            int copies = FIXTURE.copiesWritten.get(topic);
            int garbage = FIXTURE.unreadableWritten.get(topic);
            int written = FIXTURE.values.get(ReportFixture.TOPICS.prefix() + "." + topic.suffix()).size();
            assertTrue(copies > 0, "the fixture wrote copies of " + topic);
            assertEquals(copies, data.read(topic).duplicateCount(), topic + ": duplicates dropped");
            assertEquals(garbage, data.read(topic).unreadableCount(), topic + ": unreadable");
            assertEquals(written - garbage, data.read(topic).decodedCount(), topic + ": decoded");
            List<String> row = read.get(topic.suffix());
            assertEquals(written - garbage, (long) ReportPage.number(row.get(1)), topic + ": decoded on the page");
            assertEquals(garbage, (long) ReportPage.number(row.get(2)), topic + ": unreadable on the page");
            assertEquals(copies, (long) ReportPage.number(row.get(3)), topic + ": duplicates on the page");
            assertEquals(written - garbage - copies, (long) ReportPage.number(row.get(4)), topic + ": used on the page");
            duplicates += copies;
            unreadable += garbage;
        }
        assertEquals(duplicates, RESULT.duplicates());
        assertEquals(unreadable, RESULT.unreadable());
        assertEquals(FIXTURE.values.get(ReportFixture.TOPICS.feedback()).size(), RESULT.feedback());
    }

    @Test
    void curvesAdvanceOnceThroughEachRecord() {
        ReportData data = FIXTURE.data(1.0);
        for (Map.Entry<String, List<Feedback>> e : FIXTURE.firstFeedback.entrySet()) {
            Series cumulative = data.bandits.get(e.getKey()).cumulativeReward;
            assertEquals(e.getValue().size(), cumulative.size(), e.getKey() + ": one point per distinct request");
            assertEquals(e.getValue().stream().mapToDouble(Feedback::getReward).sum(),
                cumulative.y(cumulative.size() - 1), 1e-9, e.getKey() + ": final cumulative reward");
        }
        for (ConformalTally tally : data.conformal.values()) {
            for (int i = 1; i < tally.coverage.size(); i++) {
                assertEquals(tally.coverage.x(i - 1) + 1, tally.coverage.x(i), "one point per scored label, in order");
            }
        }
    }

    @Test
    void banditTableShowsTheFirstCopies() {
        Map<String, List<String>> table = PAGE.table("bandits", null);
        assertEquals(FIXTURE.firstFeedback.keySet(), table.keySet());
        for (Map.Entry<String, List<Feedback>> e : FIXTURE.firstFeedback.entrySet()) {
            List<Feedback> first = e.getValue();
            List<String> row = table.get(e.getKey());
            int n = first.size();
            double rewardSum = first.stream().mapToDouble(Feedback::getReward).sum();
            double[] propensities = first.stream().mapToDouble(f -> f.getDecision().getPropensity()).sorted().toArray();
            double median = n % 2 == 1 ? propensities[n / 2] : (propensities[n / 2 - 1] + propensities[n / 2]) / 2;
            assertEquals(first.get(0).getDecision().getLearner(), ReportPage.text(row.get(1)));
            assertEquals(n, (long) ReportPage.number(row.get(2)), "decisions");
            assertShown(first.stream().filter(Feedback::getObserved).count() / (double) n, row.get(3), "observed share");
            assertShown(rewardSum / n, row.get(4), "average reward");
            assertShown(propensities[0], row.get(5), "min propensity");
            assertShown(median, row.get(6), "median propensity");

            Map<String, Double> ips = constantActionValues(first);
            if (ips.isEmpty()) {
                assertEquals("—", ReportPage.text(row.get(7)), e.getKey() + ": no constant action is estimable");
                assertTrue(Double.isNaN(ReportPage.number(row.get(9))));
                continue;
            }
            String best = ips.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            assertEquals(best, ReportPage.text(row.get(7)), e.getKey() + ": best constant action");
            assertShown(ips.get(best), row.get(8), "its IPS value");
            assertShown(n * ips.get(best) - rewardSum, row.get(9), "regret against it");
        }
        assertEquals(Set.of("a", "b", "c"),
            constantActionValues(FIXTURE.firstFeedback.get(ReportFixture.SQUARECB)).keySet(),
            "'d', offered in every other request only, has no constant-action value");
    }

    /** IPS value of each action that every decision offered with a positive probability, from scratch. */
    private static Map<String, Double> constantActionValues(List<Feedback> feedback) {
        Set<String> everywhere = null;
        for (Feedback f : feedback) {
            Set<String> positive = new TreeSet<>();
            for (ActionProbability p : f.getDecision().getProbabilities()) {
                if (p.getProbability() > 0) {
                    positive.add(p.getActionId());
                }
            }
            if (everywhere == null) {
                everywhere = positive;
            } else {
                everywhere.retainAll(positive);
            }
        }
        Map<String, Double> values = new TreeMap<>();
        for (String a : everywhere) {
            values.put(a, feedback.stream().filter(f -> f.getDecision().getChosenActionId().equals(a))
                .mapToDouble(f -> f.getReward() / f.getDecision().getPropensity()).sum() / feedback.size());
        }
        return values;
    }

    @Test
    void conformalTableShowsTheFirstRun() {
        Map<String, List<String>> table = PAGE.table("conformal", null);
        assertEquals(FIXTURE.firstLabels.keySet(), table.keySet());
        for (Map.Entry<String, List<ReportFixture.ConformalLabel>> e : FIXTURE.firstLabels.entrySet()) {
            List<ReportFixture.ConformalLabel> labels = e.getValue();
            List<String> row = table.get(e.getKey());
            int n = labels.size();
            double target = ReportPage.number(row.get(4));
            double coverage = labels.stream().filter(ReportFixture.ConformalLabel::covered).count() / (double) n;
            double[] halves = labels.stream().mapToDouble(ReportFixture.ConformalLabel::halfWidth).sorted().toArray();
            double meanWidth = labels.stream().mapToDouble(l -> 2 * l.halfWidth()).average().orElseThrow();
            double lce = 0;
            int k = ReportFixture.LCE_WINDOW;
            for (int end = k; end <= n; end++) {
                long hits = labels.subList(end - k, end).stream().filter(ReportFixture.ConformalLabel::covered).count();
                lce = Math.max(lce, Math.abs(hits / (double) k - target));
            }
            assertEquals(n, (long) ReportPage.number(row.get(2)), e.getKey() + ": labels scored");
            assertEquals(n, (long) ReportPage.number(row.get(3)), e.getKey() + ": evaluations read, each once");
            assertEquals(e.getKey().equals(ReportFixture.TEMPERATURE) ? 0.9 : 0.8, target);
            assertShown(coverage, row.get(5), e.getKey() + ": coverage");
            assertShown(coverage - target, row.get(6), e.getKey() + ": coverage − target");
            assertShown(meanWidth, row.get(7), e.getKey() + ": mean width");
            double median = n % 2 == 1 ? halves[n / 2] : (halves[n / 2 - 1] + halves[n / 2]) / 2;
            assertShown(median, row.get(8), e.getKey() + ": median half-width");
            assertShown(lce, row.get(9), e.getKey() + ": LCE");
            assertEquals(k, (long) ReportPage.number(row.get(10)));
        }
        assertEquals("∞", ReportPage.text(table.get(ReportFixture.LOAD).get(7)),
            "a series that issued unbounded intervals has an unbounded mean width");
    }

    @Test
    void conformalGroupTableShowsEachGroupOfTheFirstRun() {
        List<ReportFixture.ConformalLabel> labels = FIXTURE.firstLabels.get(ReportFixture.TEMPERATURE);
        Map<String, long[]> counts = new TreeMap<>();
        for (ReportFixture.ConformalLabel l : labels) {
            for (String g : l.groups()) {
                long[] c = counts.computeIfAbsent(g, k -> new long[2]);
                c[0]++;
                c[1] += l.covered() ? 1 : 0;
            }
        }
        Map<String, List<String>> table = PAGE.table("conformal-groups", ReportFixture.TEMPERATURE);
        assertEquals(counts.keySet(), table.keySet());
        assertEquals(6, counts.size(), "four seasons and two weathers");
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            List<String> row = table.get(e.getKey());
            double coverage = e.getValue()[1] / (double) e.getValue()[0];
            assertEquals(e.getValue()[0], (long) ReportPage.number(row.get(1)), e.getKey() + ": labels scored");
            assertShown(coverage, row.get(2), e.getKey() + ": coverage");
            assertShown(coverage - 0.9, row.get(3), e.getKey() + ": coverage − target");
        }
        assertThrows(AssertionError.class, () -> PAGE.table("conformal-groups", ReportFixture.LOAD),
            "a series whose predictions named no groups has no group table");
        ReportPage.Chart chart = PAGE.charts().stream()
            .filter(c -> c.name().equals("group coverage") && ReportFixture.TEMPERATURE.equals(c.model()))
            .findFirst().orElseThrow();
        assertEquals(counts.keySet(), chart.lines().stream().map(ReportPage.Line::series)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void expertsTablesShowTheFirstCopiesPerModelAndGroup() {
        for (Map.Entry<String, Map<String, List<Double>>> model : FIXTURE.firstGroupLosses.entrySet()) {
            Map<String, List<String>> table = PAGE.table("experts", model.getKey());
            assertEquals(model.getValue().keySet(), table.keySet(), model.getKey() + ": one row per group");
            for (Map.Entry<String, List<Double>> group : model.getValue().entrySet()) {
                List<Double> losses = group.getValue();
                List<String> row = table.get(group.getKey());
                double loss = losses.stream().mapToDouble(Double::doubleValue).sum();
                double hindsight = ReportFixture.hindsightLoss(losses);
                assertEquals(losses.size(), (long) ReportPage.number(row.get(1)), group.getKey() + ": rounds");
                assertShown(loss, row.get(2), group.getKey() + ": loss");
                assertShown(loss / losses.size(), row.get(3), group.getKey() + ": loss per round");
                assertShown(hindsight, row.get(4), group.getKey() + ": hindsight loss");
                assertShown(loss - hindsight, row.get(5), group.getKey() + ": regret");
            }
        }
    }

    @Test
    void deadLettersAreCountedByReasonAndSourceTopic() {
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Map<String, Long>> byTopic = new TreeMap<>();
        Map<String, List<String>> firstDetails = new LinkedHashMap<>();
        for (DeadLetter letter : FIXTURE.firstDeadLetters) {
            byReason.merge(letter.getReason(), 1L, Long::sum);
            byTopic.computeIfAbsent(letter.getReason(), r -> new TreeMap<>()).merge(letter.getSourceTopic(), 1L, Long::sum);
            List<String> details = firstDetails.computeIfAbsent(letter.getReason(), r -> new ArrayList<>());
            if (details.size() < 3) {
                details.add(letter.getDetail());
            }
        }
        Map<String, List<String>> table = PAGE.table("dead-letters", null);
        assertEquals(byReason.keySet(), table.keySet());
        for (Map.Entry<String, Long> e : byReason.entrySet()) {
            List<String> row = table.get(e.getKey());
            assertEquals(e.getValue(), (long) ReportPage.number(row.get(1)), e.getKey() + ": records");
            Map<String, Long> shownTopics = new TreeMap<>();
            for (String item : row.get(2).split("</li>")) {
                String text = ReportPage.text(item);
                if (!text.isEmpty()) {
                    int colon = text.lastIndexOf(": ");
                    shownTopics.put(text.substring(0, colon), (long) ReportPage.number(text.substring(colon + 2)));
                }
            }
            assertEquals(byTopic.get(e.getKey()), shownTopics, e.getKey() + ": per source topic");
            List<String> shownDetails = new ArrayList<>();
            for (String item : row.get(3).split("</li>")) {
                String text = ReportPage.text(item);
                if (!text.isEmpty()) {
                    shownDetails.add(text.substring(text.indexOf(": ") + 2));
                }
            }
            assertEquals(firstDetails.get(e.getKey()), shownDetails, e.getKey() + ": the first details read");
        }
        assertEquals(2, byReason.get("PROCESSING_ERROR"), "refusals from punctuations carry no offset and are all kept");
    }

    @Test
    void readingEveryCopyWouldHaveShownOtherFigures() {
        List<Feedback> squarecb = FIXTURE.firstFeedback.get(ReportFixture.SQUARECB);
        double first = squarecb.stream().mapToDouble(Feedback::getReward).average().orElseThrow();
        double replayedShare = 200.0 / (squarecb.size() + 200);
        double replayedAverage = squarecb.subList(0, 200).stream().mapToDouble(f -> 1 - f.getReward()).average()
            .orElseThrow();
        double everyCopy = (1 - replayedShare) * first + replayedShare * replayedAverage;
        assertNotEquals(HtmlTable.format(first), HtmlTable.format(everyCopy),
            "the fixture's duplicates change the average reward, so keeping them would fail the table test");
        assertNull(FIXTURE.data(1.0).bandits.get(ReportFixture.LINUCB).summary().bestAction(),
            "a greedy learner's zero probabilities leave no constant action to compare against");
    }

    /** The page shows four significant digits (whole numbers from 1,000). */
    private static void assertShown(double expected, String cell, String what) {
        double shown = ReportPage.number(cell);
        double tolerance = Math.abs(expected) >= 1000 ? 0.5 : Math.abs(expected) * 5e-4 + 1e-12;
        assertEquals(expected, shown, tolerance, what + " (shown " + ReportPage.text(cell) + ")");
    }
}
