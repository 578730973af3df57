package io.regretless.ops.report;

import java.util.List;
import java.util.Locale;

/**
 * A static SVG line chart: both axes with round tick values, grid lines and a title, one polyline
 * per series (at most {@value #MAX_POINTS} points each, evenly thinned, the last point always
 * kept) in its palette colour, a legend, optional translucent bands around series (an interval
 * over time) and optional dashed horizontal reference lines (a coverage target). The axes span
 * the outer ticks, so every point lies inside the frame. No scripts, so it renders anywhere,
 * offline.
 *
 * <p>Markup a reader or a test can find: tick labels are {@code <text class="tick-x|tick-y">},
 * axis titles {@code <text class="axis-title" data-axis="x|y">}, each line is a
 * {@code <polyline data-series="name">} and each band a {@code <polygon data-band="name">}.
 */
final class SvgLineChart {
    static final int MAX_POINTS = 400;
    static final int WIDTH = 760;
    static final int LEFT = 72;
    static final int RIGHT = 190;
    static final int TOP = 16;
    static final int BOTTOM = 48;
    private static final int MIN_HEIGHT = 320;
    private static final int LEGEND_ROW = 18;

    private SvgLineChart() {
    }

    /**
     * A band: the area between a lower and an upper line at the same x values, drawn in the colour
     * of the series of the same name.
     */
    record Band(String name, Series lower, Series upper) {
        Band {
            if (lower.size() != upper.size()) {
                throw new IllegalArgumentException("a band's lines need the same points: " + lower.size() + " and "
                    + upper.size());
            }
        }
    }

    static String render(String xTitle, String yTitle, List<Series> series, Palette palette, double... references) {
        return render(xTitle, yTitle, series, List.of(), palette, references);
    }

    static String render(String xTitle, String yTitle, List<Series> series, List<Band> bands, Palette palette,
                         double... references) {
        List<Series> all = new java.util.ArrayList<>(series);
        for (Band b : bands) {
            all.add(b.lower());
            all.add(b.upper());
        }
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : all) {
            for (int i = 0; i < s.size(); i++) {
                if (Double.isFinite(s.x(i)) && Double.isFinite(s.y(i))) {
                    minX = Math.min(minX, s.x(i));
                    maxX = Math.max(maxX, s.x(i));
                    minY = Math.min(minY, s.y(i));
                    maxY = Math.max(maxY, s.y(i));
                }
            }
        }
        for (double r : references) {
            minY = Math.min(minY, r);
            maxY = Math.max(maxY, r);
        }
        int height = Math.max(MIN_HEIGHT, TOP + LEGEND_ROW * series.size() + BOTTOM);
        Frame f = new Frame(AxisTicks.covering(minX, maxX), AxisTicks.covering(minY, maxY), height);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
            WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\"/>", LEFT, TOP, WIDTH - LEFT - RIGHT,
            f.bottom() - TOP));
        axes(svg, f, xTitle, yTitle);
        for (Band b : bands) {
            band(svg, f, b, palette.colour(b.name()));
        }
        for (double r : references) {
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>",
                LEFT, WIDTH - RIGHT, f.py(r), f.py(r)));
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = palette.colour(s.name());
            svg.append("<polyline data-series=\"").append(escape(s.name()))
                .append("\" fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(colour).append("\" points=\"");
            int step = Math.max(1, (s.size() + MAX_POINTS - 1) / MAX_POINTS);
            for (int i = 0; i < s.size(); i += step) {
                point(svg, f, s, i);
            }
            if ((s.size() - 1) % step != 0) {
                point(svg, f, s, s.size() - 1);
            }
            svg.append("\"/>");
            int ly = TOP + 14 + LEGEND_ROW * k;
            svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                WIDTH - RIGHT + 10, ly - 10, colour, WIDTH - RIGHT + 28, ly, escape(s.name())));
        }
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", LEFT, TOP,
            WIDTH - LEFT - RIGHT, f.bottom() - TOP));
        return svg.append("</svg>").toString();
    }

    private static void band(StringBuilder svg, Frame f, Band b, String colour) {
        if (b.upper().size() == 0) {
            return;
        }
        svg.append("<polygon data-band=\"").append(escape(b.name())).append("\" fill=\"").append(colour)
            .append("\" fill-opacity=\"0.15\" stroke=\"none\" points=\"");
        int n = b.upper().size();
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        List<Integer> kept = new java.util.ArrayList<>();
        for (int i = 0; i < n; i += step) {
            kept.add(i);
        }
        if ((n - 1) % step != 0) {
            kept.add(n - 1);
        }
        for (int i : kept) {
            point(svg, f, b.upper(), i);
        }
        for (int k = kept.size() - 1; k >= 0; k--) {
            point(svg, f, b.lower(), kept.get(k));
        }
        svg.append("\"/>");
    }

    private static void point(StringBuilder svg, Frame f, Series s, int i) {
        if (Double.isFinite(s.x(i)) && Double.isFinite(s.y(i))) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(s.x(i)), f.py(s.y(i))));
        }
    }

    private static void axes(StringBuilder svg, Frame f, String xTitle, String yTitle) {
        AxisTicks xs = f.x();
        for (int i = 0; i < xs.count(); i++) {
            double px = f.px(xs.value(i));
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e2e2e2\"/>"
                    + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                    + "<text class=\"tick-x\" x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                px, px, TOP, f.bottom(), px, px, f.bottom(), f.bottom() + 4, px, f.bottom() + 16, xs.label(i)));
        }
        AxisTicks ys = f.y();
        for (int i = 0; i < ys.count(); i++) {
            double py = f.py(ys.value(i));
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e2e2e2\"/>"
                    + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>"
                    + "<text class=\"tick-y\" x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                    + "dominant-baseline=\"middle\">%s</text>",
                LEFT, WIDTH - RIGHT, py, py, LEFT - 4, LEFT, py, py, LEFT - 6, py, ys.label(i)));
        }
        svg.append(String.format(Locale.ROOT,
            "<text class=\"axis-title\" data-axis=\"x\" x=\"%d\" y=\"%d\" font-size=\"12\" "
                + "text-anchor=\"middle\">%s</text>",
            (LEFT + WIDTH - RIGHT) / 2, f.bottom() + 36, escape(xTitle)));
        int middle = (TOP + f.bottom()) / 2;
        svg.append(String.format(Locale.ROOT,
            "<text class=\"axis-title\" data-axis=\"y\" x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 14 %d)\">%s</text>", middle, middle, escape(yTitle)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Data to pixels: the outer ticks are the frame's edges. */
    private record Frame(AxisTicks x, AxisTicks y, int height) {
        int bottom() {
            return height - BOTTOM;
        }

        double px(double v) {
            return LEFT + (v - x.first()) / (x.last() - x.first()) * (WIDTH - LEFT - RIGHT);
        }

        double py(double v) {
            return bottom() - (v - y.first()) / (y.last() - y.first()) * (bottom() - TOP);
        }
    }
}
