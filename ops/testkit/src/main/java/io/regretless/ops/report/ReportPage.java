package io.regretless.ops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report page read back through the markup it documents (tables by {@code data-table}, rows by
 * {@code data-key}, charts by {@code <figure>}, tick labels, lines by {@code data-series}), so the
 * tests check what a reader sees rather than the objects behind it.
 */
final class ReportPage {
    private static final Pattern TABLE = Pattern.compile(
        "<table class=\"summary\" data-table=\"([^\"]*)\"(?: data-model=\"([^\"]*)\")?>(.*?)</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr data-key=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);
    private static final Pattern FIGURE = Pattern.compile("<figure data-section=\"([^\"]*)\"(?: data-model=\"([^\"]*)\")?"
        + " data-chart=\"([^\"]*)\"><figcaption>(.*?)</figcaption>(<svg.*?</svg>)</figure>", Pattern.DOTALL);
    private static final Pattern TICK = Pattern.compile(
        "<text class=\"tick-([xy])\" x=\"([^\"]*)\" y=\"([^\"]*)\"[^>]*>([^<]*)</text>");
    private static final Pattern AXIS_TITLE = Pattern.compile(
        "<text class=\"axis-title\" data-axis=\"([xy])\"[^>]*>([^<]+)</text>");
    private static final Pattern LINE = Pattern.compile(
        "<polyline data-series=\"([^\"]*)\" fill=\"none\" stroke-width=\"[^\"]*\" stroke=\"([^\"]*)\" "
            + "points=\"([^\"]*)\"/>");
    private static final Pattern SWATCH = Pattern.compile(
        "<span class=\"swatch\" style=\"background:([^\"]*)\"></span>([^<]*)</td>");

    final String html;

    ReportPage(String html) {
        this.html = html;
    }

    /** The rows of a table (of a model, or null), each the texts of its cells, by row key. */
    Map<String, List<String>> table(String name, String model) {
        Matcher t = TABLE.matcher(html);
        while (t.find()) {
            if (t.group(1).equals(name) && (model == null || model.equals(unescape(t.group(2))))) {
                Map<String, List<String>> rows = new LinkedHashMap<>();
                Matcher r = ROW.matcher(t.group(3));
                while (r.find()) {
                    List<String> cells = new ArrayList<>();
                    Matcher c = CELL.matcher(r.group(2));
                    while (c.find()) {
                        cells.add(c.group(1));
                    }
                    rows.put(unescape(r.group(1)), cells);
                }
                return rows;
            }
        }
        throw new AssertionError("no table " + name + (model == null ? "" : " of " + model));
    }

    /** The colour of each name's swatch in the tables, by name (the last one found). */
    Map<String, String> swatches() {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SWATCH.matcher(html);
        while (m.find()) {
            out.put(unescape(m.group(2)), m.group(1));
        }
        return out;
    }

    List<Chart> charts() {
        List<Chart> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            out.add(new Chart(m.group(1), m.group(2) == null ? null : unescape(m.group(2)), unescape(m.group(3)),
                unescape(m.group(4)), m.group(5)));
        }
        return out;
    }

    /** A cell's text without tags. */
    static String text(String cell) {
        return unescape(cell.replaceAll("<[^>]+>", "")).trim();
    }

    /** A figure as the page writes it: "1,234", "0.7512", "−∞", "∞", "—" (NaN), "20k", "1.5M". */
    static double number(String text) {
        String s = text(text).replace(",", "").replace('−', '-');
        if (s.equals("—")) {
            return Double.NaN;
        }
        if (s.endsWith("∞")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double unit = s.endsWith("k") ? 1e3 : s.endsWith("M") ? 1e6 : s.endsWith("G") ? 1e9 : 1;
        return Double.parseDouble(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    record Tick(double position, String label) {
        double value() {
            return number(label);
        }
    }

    record Line(String series, String colour, List<double[]> points) {
    }

    /** One chart: its section, model (sleeping experts), y-axis name, caption and SVG. */
    record Chart(String section, String model, String name, String caption, String svg) {
        /** Tick labels of an axis with their position: x for the x axis, y for the y axis. */
        List<Tick> ticks(char axis) {
            List<Tick> out = new ArrayList<>();
            Matcher m = TICK.matcher(svg);
            while (m.find()) {
                if (m.group(1).charAt(0) == axis) {
                    out.add(new Tick(Double.parseDouble(m.group(axis == 'x' ? 2 : 3)), unescape(m.group(4))));
                }
            }
            return out;
        }

        Map<Character, String> axisTitles() {
            Map<Character, String> out = new LinkedHashMap<>();
            Matcher m = AXIS_TITLE.matcher(svg);
            while (m.find()) {
                out.put(m.group(1).charAt(0), unescape(m.group(2)));
            }
            return out;
        }

        List<Line> lines() {
            List<Line> out = new ArrayList<>();
            Matcher m = LINE.matcher(svg);
            while (m.find()) {
                List<double[]> points = new ArrayList<>();
                for (String p : m.group(3).trim().split(" ")) {
                    String[] xy = p.split(",");
                    points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
                }
                out.add(new Line(unescape(m.group(1)), m.group(2), points));
            }
            return out;
        }

        /** The value at a pixel position, read off an axis's ticks as a reader would. */
        double valueAt(char axis, double position) {
            List<Tick> ticks = ticks(axis);
            Tick a = ticks.get(0);
            Tick b = ticks.get(ticks.size() - 1);
            return a.value() + (position - a.position()) / (b.position() - a.position()) * (b.value() - a.value());
        }
    }
}
