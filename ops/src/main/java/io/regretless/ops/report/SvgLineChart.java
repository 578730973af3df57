package io.regretless.ops.report;

import java.util.List;
import java.util.Locale;

/**
 * A static SVG line chart: axes with min/max labels, one polyline per series (at most
 * {@value #MAX_POINTS} points each, evenly thinned), a legend, and optional horizontal reference
 * lines (a coverage target). No scripts, so it renders anywhere, offline.
 */
final class SvgLineChart {
    static final int MAX_POINTS = 400;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;
    private static final int LEFT = 60;
    private static final int RIGHT = 180;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private SvgLineChart() {
    }

    static String render(String xLabel, String yLabel, List<Series> series, double... references) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.size(); i++) {
                if (Double.isFinite(s.y(i))) {
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
        if (!(maxX > minX)) {
            maxX = minX + 1;
        }
        if (!(maxY > minY)) {
            maxY = minY + 1;
        }
        Frame f = new Frame(minX, maxX, minY, maxY);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
            WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#999\"/>",
            LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        axisLabels(svg, f, xLabel, yLabel);
        for (double r : references) {
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>",
                LEFT, WIDTH - RIGHT, f.py(r), f.py(r)));
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(colour).append("\" points=\"");
            int step = Math.max(1, s.size() / MAX_POINTS);
            for (int i = 0; i < s.size(); i += step) {
                if (Double.isFinite(s.y(i))) {
                    svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", f.px(s.x(i)), f.py(s.y(i))));
                }
            }
            svg.append("\"/>");
            int ly = TOP + 14 + 18 * k;
            svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>",
                WIDTH - RIGHT + 10, ly - 10, colour, WIDTH - RIGHT + 28, ly, escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static void axisLabels(StringBuilder svg, Frame f, String xLabel, String yLabel) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
            LEFT, HEIGHT - BOTTOM + 14, number(f.minX)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
            WIDTH - RIGHT, HEIGHT - BOTTOM + 14, number(f.maxX)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
            (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, escape(xLabel)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
            LEFT - 4, HEIGHT - BOTTOM, number(f.minY)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
            LEFT - 4, TOP + 10, number(f.maxY)));
        svg.append(String.format(Locale.ROOT,
            "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
            (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.3g", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Frame(double minX, double maxX, double minY, double maxY) {
        double px(double x) {
            return LEFT + (x - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
        }

        double py(double y) {
            return HEIGHT - BOTTOM - (y - minY) / (maxY - minY) * (HEIGHT - TOP - BOTTOM);
        }
    }
}
