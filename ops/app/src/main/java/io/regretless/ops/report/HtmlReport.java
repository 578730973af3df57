package io.regretless.ops.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.CandidateEvaluation;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.PolicyEstimate;
import io.regretless.schemas.PolicyEvaluation;

/**
 * One self-contained HTML page (inline SVG, no scripts, no network): what was read and how many
 * duplicates were dropped; per section a table of figures per model and charts in which each
 * model, series, expert or group keeps one colour ({@link Palette}); per model with shadow policies
 * a table and a chart of each candidate's estimate with its interval; one chart pair per
 * sleeping-experts model; and the dead letters by reason.
 *
 * <p>Markup a reader or a test can find: tables carry {@code data-table} (and {@code data-model}
 * for a sleeping-experts model or a model's shadow policies), their rows {@code data-key}; charts are
 * {@code <figure data-section="..." data-chart="...">} (and {@code data-model}).
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(String title, ReportData data) {
        StringBuilder html = page(title);
        readSection(html, data);
        if (data.isEmpty()) {
            html.append("<p>No feedback, evaluation, combined, policy-evaluation or dead-letter records yet.</p>");
        }
        banditSection(html, data);
        shadowSection(html, data);
        conformalSection(html, data);
        expertsSection(html, data);
        deadLetterSection(html, data);
        return html.append("</body></html>").toString();
    }

    /** The page's head, style and title, up to the first section. */
    static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .append(SvgLineChart.escape(title)).append("</title><style>body{font-family:sans-serif;margin:24px;}"
                + "h2{margin-top:32px;font-size:20px;}h3{font-size:16px;margin-top:22px;}"
                + "p.note{color:#555;font-size:13px;max-width:760px;}"
                + "table.summary{border-collapse:collapse;font-size:13px;margin:8px 0 16px;}"
                + "table.summary th{text-align:left;border-bottom:2px solid #999;padding:3px 8px;}"
                + "table.summary td{border-bottom:1px solid #ddd;padding:3px 8px;vertical-align:top;}"
                + "table.summary td:first-child{white-space:nowrap;}table.summary ul{margin:0;padding-left:16px;}"
                + "td.num{text-align:right;font-variant-numeric:tabular-nums;}"
                + "span.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;}"
                + "figure{margin:8px 0 20px;}figcaption{font-weight:bold;font-size:14px;margin-bottom:4px;}"
                + "</style></head><body>")
            .append("<h1>").append(SvgLineChart.escape(title)).append("</h1><p class=\"note\">generated ")
            .append(Instant.now()).append("</p>");
    }

    private static void readSection(StringBuilder html, ReportData data) {
        html.append("<h2>What was read</h2><p class=\"note\">Every topic is read from its beginning to its end "
            + "(committed records only). A replay from offset 0 or an at-least-once restart writes outputs again: "
            + "each record is counted once, the first copy read, and the later copies are dropped and counted "
            + "here.</p>");
        HtmlTable table = new HtmlTable(html, "data-table=\"read\"", "topic", "decoded", "unreadable",
            "duplicates dropped", "used", "one record is one");
        for (ReportTopic topic : ReportTopic.values()) {
            ReadTally t = data.read(topic);
            table.row(topic.suffix(), HtmlTable.text(topic.suffix()), HtmlTable.count(t.decodedCount()),
                HtmlTable.count(t.unreadableCount()), HtmlTable.count(t.duplicateCount()),
                HtmlTable.count(t.usedCount()), HtmlTable.text(topic.identity()));
        }
        table.close();
    }

    private static void banditSection(StringBuilder html, ReportData data) {
        if (data.bandits.isEmpty()) {
            return;
        }
        Palette palette = Palette.of(data.bandits.keySet());
        html.append("<h2>Contextual bandits</h2><p class=\"note\">The best constant action is the candidate with "
            + "the highest inverse-propensity estimate of its average reward, (1/n) Σ 1[chosen = a] · reward / "
            + "propensity, among the actions offered with a probability above zero in every decision (none when "
            + "the learner gave some candidate probability zero, as a greedy one does); the regret against it is "
            + "an estimate.</p>");
        HtmlTable table = new HtmlTable(html, "data-table=\"bandits\"", "model", "learner", "decisions",
            "observed-reward share", "average reward", "min propensity", "median propensity",
            "best constant action", "its average reward (IPS)", "regret vs it (IPS)");
        for (BanditTally tally : data.bandits.values()) {
            BanditTally.Summary s = tally.summary();
            table.row(s.model(), HtmlTable.named(s.model(), palette.colour(s.model())), HtmlTable.text(s.learners()),
                HtmlTable.count(s.decisions()), HtmlTable.figure(s.observedShare()), HtmlTable.figure(s.averageReward()),
                HtmlTable.figure(s.minPropensity()), HtmlTable.figure(s.medianPropensity()),
                HtmlTable.text(s.bestAction() == null ? "—" : s.bestAction()), HtmlTable.figure(s.bestActionValue()),
                HtmlTable.figure(s.regretVsBest()));
        }
        table.close();
        Collection<BanditTally> tallies = data.bandits.values();
        chart(html, "bandits", null, "Cumulative reward", "decisions", "cumulative reward",
            lines(tallies, t -> t.cumulativeReward), palette);
        chart(html, "bandits", null, "Progressive average reward", "decisions", "reward per decision",
            lines(tallies, t -> t.averageReward), palette);
        List<Series> regret = lines(tallies, t -> t.regret);
        if (!regret.isEmpty()) {
            chart(html, "bandits", null, "Cumulative regret against the best possible reward", "decisions",
                "cumulative regret", regret, palette);
        }
    }

    private static void shadowSection(StringBuilder html, ReportData data) {
        if (data.shadows.isEmpty()) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        data.shadows.values().forEach(t -> names.addAll(t.candidates()));
        data.shadows.values().forEach(t -> t.latest().getCandidates().forEach(c -> names.add(c.getCandidate())));
        Palette palette = Palette.of(names);
        html.append("<h2>Shadow policies</h2><p class=\"note\">Candidate policies evaluated on a model's own log "
            + "(regretless.model.&lt;id&gt;.shadows): each logged decision is scored with a candidate's probabilities "
            + "before the candidate learns its reward, so an estimate is what the candidate would have earned on these "
            + "decisions had it been deployed. IPS and DR are unbiased, SNIPS consistent; intervals are 95 % normal "
            + "approximations; ESS is the effective sample size of IPS's importance weights. The dashed line is what "
            + "the logged policy earned.</p>");
        for (Map.Entry<String, ShadowTally> e : data.shadows.entrySet()) {
            String model = e.getKey();
            ShadowTally tally = e.getValue();
            PolicyEvaluation last = tally.latest();
            String attribute = "data-model=\"" + SvgLineChart.escape(model) + "\"";
            html.append("<h3>").append(SvgLineChart.escape(model)).append("</h3><p class=\"note\">")
                .append(String.format(Locale.ROOT, "%,d", last.getRounds()))
                .append(" logged decisions scored; the logged policy earned ")
                .append(HtmlTable.format(last.getAverageReward())).append(" per decision.</p>");
            HtmlTable table = new HtmlTable(html, "data-table=\"shadows\" " + attribute, "candidate", "policy", "IPS",
                "IPS 95 % interval", "SNIPS", "DR", "DR 95 % interval", "ESS", "max weight");
            for (CandidateEvaluation c : last.getCandidates()) {
                PolicyEstimate ips = ShadowTally.estimate(c, "ips");
                PolicyEstimate snips = ShadowTally.estimate(c, "snips");
                PolicyEstimate dr = ShadowTally.estimate(c, "dr");
                table.row(c.getCandidate(), HtmlTable.named(c.getCandidate(), palette.colour(c.getCandidate())),
                    HtmlTable.text(c.getPolicy()), HtmlTable.figure(value(ips)), HtmlTable.text(interval(ips)),
                    HtmlTable.figure(value(snips)), HtmlTable.figure(value(dr)), HtmlTable.text(interval(dr)),
                    HtmlTable.figure(ips == null ? Double.NaN : ips.getEffectiveSampleSize()),
                    HtmlTable.figure(ips == null ? Double.NaN : ips.getMaxWeight()));
            }
            table.close();
            List<Series> lines = new ArrayList<>(tally.estimate.values());
            List<SvgLineChart.Band> bands = new ArrayList<>();
            tally.lower.forEach((name, lower) -> bands.add(new SvgLineChart.Band(name, lower, tally.upper.get(name))));
            if (!lines.isEmpty()) {
                html.append("<figure data-section=\"shadows\" ").append(attribute).append(" data-chart=\"estimate\">")
                    .append("<figcaption>").append(SvgLineChart.escape(model + ": each candidate's doubly robust "
                        + "estimate with its 95 % interval (shaded)")).append("</figcaption>")
                    .append(SvgLineChart.render("logged decisions scored", "estimated reward per decision", lines, bands,
                        palette, last.getAverageReward()))
                    .append("</figure>");
            }
        }
    }

    private static double value(PolicyEstimate e) {
        return e == null || e.getValue() == null ? Double.NaN : e.getValue();
    }

    private static String interval(PolicyEstimate e) {
        if (e == null) {
            return "—";
        }
        return "[" + HtmlTable.format(e.getLower() == null ? Double.NEGATIVE_INFINITY : e.getLower()) + ", "
            + HtmlTable.format(e.getUpper() == null ? Double.POSITIVE_INFINITY : e.getUpper()) + "]";
    }

    private static void conformalSection(StringBuilder html, ReportData data) {
        if (data.conformal.isEmpty()) {
            return;
        }
        TreeSet<String> names = new TreeSet<>(data.conformal.keySet());
        data.conformal.values().forEach(t -> names.addAll(t.groups().keySet()));
        Palette palette = Palette.of(names);
        html.append("<h2>Online conformal prediction</h2><p class=\"note\">Figures of each series' latest "
            + "evaluation, i.e. over every label the application scored; LCE is the largest distance of the "
            + "coverage over k consecutive labels from the target.</p>");
        HtmlTable table = new HtmlTable(html, "data-table=\"conformal\"", "series", "calibrator", "labels scored",
            "evaluations read", "target", "coverage", "coverage − target", "mean width", "median half-width",
            "LCE", "k");
        TreeSet<Double> targets = new TreeSet<>();
        for (Map.Entry<String, ConformalTally> e : data.conformal.entrySet()) {
            ConformalEvaluation last = e.getValue().latest();
            targets.add(last.getCoverageTarget());
            table.row(e.getKey(), HtmlTable.named(e.getKey(), palette.colour(e.getKey())),
                HtmlTable.text(last.getCalibrator()), HtmlTable.count(last.getLabels()),
                HtmlTable.count(e.getValue().evaluations()), HtmlTable.figure(last.getCoverageTarget()),
                HtmlTable.figure(last.getCoverage()), HtmlTable.figure(last.getCoverage() - last.getCoverageTarget()),
                HtmlTable.figure(unboundedIfNull(last.getMeanWidth())),
                HtmlTable.figure(unboundedIfNull(last.getMedianHalfWidth())),
                HtmlTable.figure(last.getLocalCoverageError() == null ? Double.NaN : last.getLocalCoverageError()),
                HtmlTable.count(last.getWindow()));
        }
        table.close();
        double[] references = targets.stream().mapToDouble(Double::doubleValue).toArray();
        Collection<ConformalTally> tallies = data.conformal.values();
        chart(html, "conformal", null, "Running coverage (dashed: targets)", "scored labels", "coverage",
            lines(tallies, t -> t.coverage), palette, references);
        List<Series> window = lines(tallies, t -> t.windowCoverage);
        if (!window.isEmpty()) {
            chart(html, "conformal", null, "Coverage over the last k labels (dashed: targets)", "scored labels",
                "window coverage", window, palette, references);
        }
        List<Series> halfWidth = lines(tallies, t -> t.halfWidth);
        if (!halfWidth.isEmpty()) {
            chart(html, "conformal", null, "Median half-width", "scored labels", "median half-width", halfWidth,
                palette);
        }
        for (Map.Entry<String, ConformalTally> e : data.conformal.entrySet()) {
            if (!e.getValue().groups().isEmpty()) {
                conformalGroups(html, e.getKey(), e.getValue(), palette);
            }
        }
    }

    /** A series' coverage per group of its predictions: a table of the latest figures and a chart over time. */
    private static void conformalGroups(StringBuilder html, String series, ConformalTally tally, Palette palette) {
        double target = tally.latest().getCoverageTarget();
        String attribute = "data-model=\"" + SvgLineChart.escape(series) + "\"";
        html.append("<h3>").append(SvgLineChart.escape(series)).append(": coverage per group</h3><p class=\"note\">"
            + "Each group's scored labels and the share of them inside their interval, as of the latest evaluation "
            + "that named the group (groups overlap: a label counts in each group of its prediction).</p>");
        HtmlTable table = new HtmlTable(html, "data-table=\"conformal-groups\" " + attribute, "group", "labels scored",
            "coverage", "coverage − target");
        for (Map.Entry<String, ConformalTally.GroupFigures> g : tally.groups().entrySet()) {
            ConformalTally.GroupFigures f = g.getValue();
            table.row(g.getKey(), HtmlTable.named(g.getKey(), palette.colour(g.getKey())), HtmlTable.count(f.labels()),
                HtmlTable.figure(f.coverage()), HtmlTable.figure(f.coverage() - target));
        }
        table.close();
        chart(html, "conformal", series, series + ": running coverage per group (dashed: target)",
            "scored labels of the series", "group coverage", new ArrayList<>(tally.groupCoverage.values()), palette,
            target);
    }

    private static void expertsSection(StringBuilder html, ReportData data) {
        if (data.experts.isEmpty()) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        for (ExpertsTally t : data.experts.values()) {
            names.addAll(t.weights.keySet());
            names.addAll(t.regret.keySet());
        }
        Palette palette = Palette.of(names);
        html.append("<h2>Sleeping experts</h2><p class=\"note\">Per model and group, the latest evaluation: "
            + "the combined predictions' cumulative square loss on the group's rounds, that of the least-squares "
            + "fit in hindsight on those rounds, and the regret, their difference (negative: better than every "
            + "fixed linear model on the group).</p>");
        for (Map.Entry<String, ExpertsTally> e : data.experts.entrySet()) {
            String model = e.getKey();
            ExpertsTally tally = e.getValue();
            String attribute = "data-model=\"" + SvgLineChart.escape(model) + "\"";
            html.append("<h3>").append(SvgLineChart.escape(model)).append("</h3><p class=\"note\">")
                .append(String.format(Locale.ROOT, "%,d", tally.combined()))
                .append(" combined predictions read.</p>");
            if (!tally.latest.isEmpty()) {
                HtmlTable table = new HtmlTable(html, "data-table=\"experts\" " + attribute, "group", "rounds",
                    "loss", "loss per round", "hindsight loss", "regret");
                for (ExpertsEvaluation last : tally.latest.values()) {
                    table.row(last.getGroup(), HtmlTable.named(last.getGroup(), palette.colour(last.getGroup())),
                        HtmlTable.count(last.getRounds()), HtmlTable.figure(last.getAlgorithmLoss()),
                        HtmlTable.figure(last.getAlgorithmLoss() / last.getRounds()),
                        HtmlTable.figure(last.getHindsightLoss()), HtmlTable.figure(last.getRegret()));
                }
                table.close();
            }
            if (!tally.weights.isEmpty()) {
                chart(html, "experts", model, model + ": weight of each expert (features mode: of each group's model) "
                    + "when awake", "combined predictions", "weight", new ArrayList<>(tally.weights.values()), palette);
            }
            if (!tally.regret.isEmpty()) {
                chart(html, "experts", model, model + ": regret per group against the least-squares fit in hindsight",
                    "rounds of the group", "regret", new ArrayList<>(tally.regret.values()), palette);
            }
        }
    }

    private static void deadLetterSection(StringBuilder html, ReportData data) {
        html.append("<h2>Dead letters</h2>");
        if (data.deadLetters.isEmpty()) {
            html.append("<p class=\"note\">None.</p>");
            return;
        }
        html.append("<p class=\"note\">Refused records by reason and by the topic they came from, with the first ")
            .append(DeadLetterTally.EXAMPLES).append(" read of each reason.</p>");
        HtmlTable table = new HtmlTable(html, "data-table=\"dead-letters\"", "reason", "records", "by source topic",
            "first details");
        for (Map.Entry<String, DeadLetterTally> e : data.deadLetters.entrySet()) {
            DeadLetterTally tally = e.getValue();
            StringBuilder topics = new StringBuilder("<td><ul>");
            tally.bySourceTopic.forEach((topic, n) -> topics.append("<li data-topic=\"")
                .append(SvgLineChart.escape(topic)).append("\">").append(SvgLineChart.escape(topic)).append(": ")
                .append(String.format(Locale.ROOT, "%,d", n)).append("</li>"));
            StringBuilder details = new StringBuilder("<td><ul>");
            for (DeadLetter letter : tally.first) {
                details.append("<li class=\"detail\">").append(SvgLineChart.escape(letter.getSourceTopic()))
                    .append('[').append(letter.getPartition()).append("]@").append(letter.getOffset()).append(": ")
                    .append(SvgLineChart.escape(letter.getDetail())).append("</li>");
            }
            table.row(e.getKey(), HtmlTable.text(e.getKey()), HtmlTable.count(tally.count()),
                topics.append("</ul></td>").toString(), details.append("</ul></td>").toString());
        }
        table.close();
    }

    private static double unboundedIfNull(Double v) {
        return v == null ? Double.POSITIVE_INFINITY : v;
    }

    private static <T> List<Series> lines(Collection<T> tallies, Function<T, Series> line) {
        List<Series> out = new ArrayList<>();
        for (T t : tallies) {
            Series s = line.apply(t);
            if (s.size() > 0) {
                out.add(s);
            }
        }
        return out;
    }

    private static void chart(StringBuilder html, String section, String model, String caption, String x, String y,
                              List<Series> series, Palette palette, double... references) {
        html.append("<figure data-section=\"").append(section).append('"');
        if (model != null) {
            html.append(" data-model=\"").append(SvgLineChart.escape(model)).append('"');
        }
        html.append(" data-chart=\"").append(SvgLineChart.escape(y)).append("\"><figcaption>")
            .append(SvgLineChart.escape(caption)).append("</figcaption>")
            .append(SvgLineChart.render(x, y, series, palette, references)).append("</figure>");
    }
}
