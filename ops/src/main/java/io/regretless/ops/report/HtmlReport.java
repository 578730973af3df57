package io.regretless.ops.report;

import java.time.Instant;
import java.util.Map;

/** One self-contained HTML page (inline SVG, no scripts, no network) of the report's charts. */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(String title, ReportData data) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .append(SvgLineChart.escape(title)).append("</title><style>body{font-family:sans-serif;margin:24px;}"
                + "h2{margin-top:28px;font-size:18px;}p.note{color:#555;font-size:13px;}</style></head><body>")
            .append("<h1>").append(SvgLineChart.escape(title)).append("</h1><p class=\"note\">generated ")
            .append(Instant.now()).append("</p>");
        if (!data.cumulativeReward.isEmpty()) {
            html.append("<h2>Contextual bandits</h2>");
            chart(html, "Cumulative reward", "decisions", "reward", data.cumulativeReward);
            chart(html, "Progressive average reward", "decisions", "reward per decision", data.averageReward);
            if (!data.regret.isEmpty()) {
                chart(html, "Cumulative regret against the best possible reward", "decisions", "regret", data.regret);
            }
        }
        if (!data.coverage.isEmpty()) {
            html.append("<h2>Online conformal prediction</h2>");
            double[] targets = data.coverageTargets.values().stream().distinct().mapToDouble(Double::doubleValue).toArray();
            chart(html, "Running coverage (dashed: targets)", "scored labels", "coverage", data.coverage, targets);
            if (!data.windowCoverage.isEmpty()) {
                chart(html, "Coverage over the last k labels", "scored labels", "window coverage", data.windowCoverage, targets);
            }
            if (!data.halfWidth.isEmpty()) {
                chart(html, "Median half-width", "scored labels", "half-width", data.halfWidth);
            }
        }
        if (!data.expertWeights.isEmpty() || !data.groupRegret.isEmpty()) {
            html.append("<h2>Sleeping experts</h2>");
            if (!data.expertWeights.isEmpty()) {
                chart(html, "Weight of each expert when awake", "combined predictions", "weight", data.expertWeights);
            }
            if (!data.groupRegret.isEmpty()) {
                chart(html, "Regret per group against the least-squares fit in hindsight", "rounds of the group",
                    "regret", data.groupRegret);
            }
        }
        if (data.cumulativeReward.isEmpty() && data.coverage.isEmpty() && data.expertWeights.isEmpty()) {
            html.append("<p>No feedback, evaluation or combined records yet.</p>");
        }
        return html.append("</body></html>").toString();
    }

    private static void chart(StringBuilder html, String caption, String x, String y, Map<String, Series> series,
                              double... references) {
        html.append("<h3>").append(SvgLineChart.escape(caption)).append("</h3>")
            .append(SvgLineChart.render(x, y, ReportData.list(series), references));
    }
}
