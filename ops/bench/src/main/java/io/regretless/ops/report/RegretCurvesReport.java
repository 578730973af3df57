package io.regretless.ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.regretless.ops.mab.RegretCurves;
import io.regretless.ops.mab.RegretCurves.Curve;
import io.regretless.ops.mab.RegretCurves.Point;

/**
 * The multi-armed learners' regret ({@link RegretCurves}) as a page in the report's style: on
 * stationary arms the cumulative regret against t and against ln t (logarithmic growth is a
 * straight line there) with the bounds at T in a table; under abrupt changes the cumulative regret
 * and the recovery after the changes. Each curve is the mean over the seeds, its band the range
 * from the smallest to the largest seed; each learner has one colour on every chart.
 *
 * <p>Markup a reader or a test can find: {@code <figure data-section="regret" data-chart="stationary|
 * stationary-log|abrupt">} and {@code <table data-table="regret-stationary|regret-abrupt">} with a row
 * per learner ({@code data-key}).
 */
public final class RegretCurvesReport {
    private RegretCurvesReport() {
    }

    public static String render(String title, RegretCurves.Result result) {
        RegretCurves.Settings s = result.settings();
        List<String> learners = result.of(RegretCurves.STATIONARY).stream().map(Curve::learner).toList();
        Palette palette = Palette.of(learners);
        StringBuilder html = HtmlReport.page(title);
        html.append(String.format(Locale.ROOT, "<p class=\"note\">K = 10 Bernoulli arms, T = %,d rounds, %d seeds "
                + "(1000 to %d); cumulative pseudo-regret Σ(μ* − μ of the arm played), the quantity the papers bound. "
                + "Lines: mean over the seeds; bands: smallest to largest seed. SW-UCB τ = %d, ξ = 0.6; discounted TS "
                + "γ = %s; EXP3-IX tuned for T; Thompson sampling with its papers' priors Beta(1, 1), N(0, 1).</p>",
            s.rounds(), s.seeds(), 999 + s.seeds(), s.window(), s.discount()));

        html.append("<h2>Stationary arms</h2><p class=\"note\">Best mean 0.5, the other nine below it by gaps "
            + "spread evenly from 0.05 to 0.2. Bounds at T: UCB1, Auer et al. 2002, Theorem 1, Σ 8 ln T/Δᵢ + "
            + "(1 + π²/3) ΣΔᵢ; Thompson sampling, the Lai–Robbins constant ΣΔᵢ/KL(μᵢ, μ*) times ln T, which no "
            + "consistent learner beats and Bernoulli Thompson sampling attains asymptotically (Agrawal &amp; Goyal "
            + "2013, Theorem 1); EXP3-IX, Neu 2015, Theorem 1 at δ = 0.05 (it is built for adversarial rewards and "
            + "its bound grows like √T).</p>");
        HtmlTable stationary = new HtmlTable(html, "data-table=\"regret-stationary\"", "learner", "R(T) mean",
            "sd over seeds", "bound at T", "R(T) / bound");
        for (Curve c : result.of(RegretCurves.STATIONARY)) {
            stationary.row(c.learner(), HtmlTable.named(c.learner(), palette.colour(c.learner())),
                HtmlTable.figure(c.meanAtEnd()), HtmlTable.figure(c.sdAtEnd()), HtmlTable.figure(c.bound()),
                HtmlTable.figure(c.meanAtEnd() / c.bound()));
        }
        stationary.close();
        chart(html, RegretCurves.STATIONARY, "Stationary arms: cumulative regret", "round t",
            result.of(RegretCurves.STATIONARY), palette, false);
        chart(html, RegretCurves.STATIONARY + "-log", "Stationary arms: cumulative regret against ln t "
            + "(logarithmic growth is a straight line)", "ln t", result.of(RegretCurves.STATIONARY), palette, true);

        html.append(String.format(Locale.ROOT, "<h2>Abrupt changes of the best arm</h2><p class=\"note\">Every %,d "
                + "rounds the best arm drops to the second-best level and a mediocre arm becomes best (levels 0.8, 0.7, "
                + "0.6, 0.55, …, 0.25). Recovery after a change: rounds until the new best arm has half of %,d "
                + "consecutive plays; the drift learners' bound is max(2τ, 4/(1 − γ)) = %,d (after τ rounds the window "
                + "holds only rewards after the change; after 4/(1 − γ) the older evidence weighs e⁻⁴). \"never\": "
                + "not within the segment.</p>", s.segment(), RegretCurves.RECOVERY_WINDOW, s.recoveryBound()));
        HtmlTable abrupt = new HtmlTable(html, "data-table=\"regret-abrupt\"", "learner", "R(T) mean", "sd over seeds",
            "recovered within " + s.recoveryBound(), "median recovery", "90th percentile", "slowest");
        for (Curve c : result.of(RegretCurves.ABRUPT)) {
            abrupt.row(c.learner(), HtmlTable.named(c.learner(), palette.colour(c.learner())),
                HtmlTable.figure(c.meanAtEnd()), HtmlTable.figure(c.sdAtEnd()),
                HtmlTable.text(c.recoveredWithin(s.recoveryBound()) + " of " + c.recoveries().length),
                recovery(c.recoveryQuantile(0.5)), recovery(c.recoveryQuantile(0.9)), recovery(c.recoveryQuantile(1.0)));
        }
        abrupt.close();
        chart(html, RegretCurves.ABRUPT, String.format(Locale.ROOT, "Abrupt changes every %,d rounds: cumulative regret",
            s.segment()), "round t", result.of(RegretCurves.ABRUPT), palette, false);
        return html.append("</body></html>").toString();
    }

    private static String recovery(int rounds) {
        return rounds < 0 ? HtmlTable.figure(Double.NaN)
            : rounds == Integer.MAX_VALUE ? HtmlTable.text("never") : HtmlTable.count(rounds);
    }

    private static void chart(StringBuilder html, String name, String caption, String x, List<Curve> curves,
                              Palette palette, boolean logX) {
        List<Series> lines = new ArrayList<>();
        List<SvgLineChart.Band> bands = new ArrayList<>();
        for (Curve c : curves) {
            Series mean = new Series(c.learner());
            Series low = new Series(c.learner());
            Series high = new Series(c.learner());
            for (Point p : c.points()) {
                double t = logX ? Math.log(p.round()) : p.round();
                mean.add(t, p.mean());
                low.add(t, p.min());
                high.add(t, p.max());
            }
            lines.add(mean);
            bands.add(new SvgLineChart.Band(c.learner(), low, high));
        }
        html.append("<figure data-section=\"regret\" data-chart=\"").append(name).append("\"><figcaption>")
            .append(SvgLineChart.escape(caption)).append("</figcaption>")
            .append(SvgLineChart.render(x, "cumulative regret", lines, bands, palette)).append("</figure>");
    }
}
