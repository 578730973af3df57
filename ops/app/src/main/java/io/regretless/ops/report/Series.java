package io.regretless.ops.report;

import java.util.Arrays;

/** One named line of a chart: x and y values in arrival order, growing without per-point objects. */
final class Series {
    private final String name;
    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int size;

    Series(String name) {
        this.name = name;
    }

    void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }
}
