package io.regretless.ops.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * A table of the report: a header row, then one row per key ({@code <tr data-key="...">}) of
 * cells made by the static factories, which escape text and write numbers the same way
 * everywhere: counts in full with thousands separators, other figures to four significant digits
 * (whole numbers from 1,000 on), "—" for a figure that does not exist and "∞" for an unbounded one.
 */
final class HtmlTable {
    private final StringBuilder html;

    /** Opens a table; {@code attributes} are written into the tag as given (escape values yourself). */
    HtmlTable(StringBuilder html, String attributes, String... headers) {
        this.html = html;
        html.append("<table class=\"summary\" ").append(attributes).append("><tr>");
        for (String h : headers) {
            html.append("<th>").append(SvgLineChart.escape(h)).append("</th>");
        }
        html.append("</tr>");
    }

    HtmlTable row(String key, String... cells) {
        html.append("<tr data-key=\"").append(SvgLineChart.escape(key)).append("\">");
        for (String c : cells) {
            html.append(c);
        }
        html.append("</tr>");
        return this;
    }

    void close() {
        html.append("</table>");
    }

    static String text(String text) {
        return "<td>" + SvgLineChart.escape(text) + "</td>";
    }

    /** A name with the colour its lines have on the section's charts. */
    static String named(String name, String colour) {
        return "<td><span class=\"swatch\" style=\"background:" + colour + "\"></span>" + SvgLineChart.escape(name)
            + "</td>";
    }

    static String count(long n) {
        return "<td class=\"num\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
    }

    static String figure(double v) {
        return "<td class=\"num\">" + format(v) + "</td>";
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).toPlainString();
    }
}
