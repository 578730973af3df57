package io.regretless.ops.report;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One colour per name, for every chart and table of a report section: the names sorted, the
 * first ten given the Tableau 10 colours in order, any further ones hues a golden angle apart. A
 * name therefore keeps its colour on every chart it appears on, and a chart never shows two of its
 * series in one colour.
 */
final class Palette {
    private static final String[] FIXED = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};
    private static final double GOLDEN_TURN = 0.6180339887498949;

    private final Map<String, String> colours = new TreeMap<>();

    private Palette(Collection<String> names) {
        int i = 0;
        for (String name : new TreeSet<>(names)) {
            colours.put(name, colour(i++));
        }
    }

    static Palette of(Collection<String> names) {
        return new Palette(names);
    }

    /** The colour of a name this palette was made with, as #rrggbb. */
    String colour(String name) {
        String colour = colours.get(name);
        if (colour == null) {
            throw new IllegalArgumentException("no colour was assigned to '" + name + "'");
        }
        return colour;
    }

    private static String colour(int index) {
        if (index < FIXED.length) {
            return FIXED[index];
        }
        double hue = ((index - FIXED.length) * GOLDEN_TURN) % 1.0;
        return hsv(hue, 0.75, 0.72);
    }

    private static String hsv(double h, double s, double v) {
        int sector = (int) (h * 6) % 6;
        double f = h * 6 - Math.floor(h * 6);
        double p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
        double[][] rgb = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
        double[] c = rgb[sector];
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c[0] * 255), Math.round(c[1] * 255),
            Math.round(c[2] * 255));
    }
}
