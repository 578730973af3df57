package io.regretless.ops.conformal;

import java.util.Locale;

/**
 * A base forecaster of the conformal-reference protocol ({@code data/README.md}): {@code naive} (ŷ_t = y_{t−1}),
 * {@code snaive:m} (ŷ_t = y_{t−m}) or {@code ar:p}, an autoregression with intercept
 * ŷ_t = b_0 + Σ_{i=1..p} b_i y_{t−i} fitted once by ordinary least squares on a prefix of the series (the
 * training prefix minus its calibration tail) and then applied to the true lagged values.
 *
 * @param kind  naive, snaive or ar
 * @param order m of snaive, p of ar, 1 for naive
 */
public record BaseForecaster(String kind, int order) {

    public BaseForecaster {
        if (!kind.equals("naive") && !kind.equals("snaive") && !kind.equals("ar")) {
            throw new IllegalArgumentException("unknown forecaster '" + kind + "'; known: naive, snaive:<m>, ar:<p>");
        }
        if (order < 1) {
            throw new IllegalArgumentException("forecaster order must be >= 1, got " + order);
        }
    }

    /** Parses {@code naive}, {@code snaive:7}, {@code ar:3}, or the reference's spellings {@code ar(3)}. */
    public static BaseForecaster parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT).replace('(', ':').replace(")", "");
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s : s.substring(0, colon);
        if (kind.equals("naive")) {
            return new BaseForecaster("naive", 1);
        }
        if (colon < 0) {
            throw new IllegalArgumentException("forecaster '" + spec + "' needs an order, e.g. snaive:7 or ar:3");
        }
        return new BaseForecaster(kind, Integer.parseInt(s.substring(colon + 1)));
    }

    /** How many past values one forecast needs. */
    public int lag() {
        return order;
    }

    /** E.g. {@code naive}, {@code snaive:7}, {@code ar:3}. */
    public String label() {
        return kind.equals("naive") ? "naive" : kind + ":" + order;
    }

    /**
     * The forecasts ŷ_t for every t ≥ {@link #lag()} (NaN before), AR coefficients fitted on {@code y[0, fitEnd)}.
     */
    public double[] forecasts(double[] y, int fitEnd) {
        double[] yhat = new double[y.length];
        java.util.Arrays.fill(yhat, 0, Math.min(order, y.length), Double.NaN);
        switch (kind) {
            case "naive", "snaive" -> {
                for (int t = order; t < y.length; t++) {
                    yhat[t] = y[t - order];
                }
            }
            default -> {
                double[] b = fitAutoregression(y, fitEnd, order);
                for (int t = order; t < y.length; t++) {
                    double f = b[0];
                    for (int i = 1; i <= order; i++) {
                        f += b[i] * y[t - i];
                    }
                    yhat[t] = f;
                }
            }
        }
        return yhat;
    }

    /** OLS coefficients (intercept first) of y_t on y_{t−1..t−p} for t in [p, fitEnd), by Householder QR. */
    static double[] fitAutoregression(double[] y, int fitEnd, int p) {
        int rows = fitEnd - p;
        int cols = p + 1;
        if (rows < cols) {
            throw new IllegalArgumentException("an AR(" + p + ") needs more than " + cols + " fitting points, got " + rows);
        }
        double[][] a = new double[rows][cols];
        double[] rhs = new double[rows];
        for (int r = 0; r < rows; r++) {
            int t = p + r;
            a[r][0] = 1;
            for (int i = 1; i <= p; i++) {
                a[r][i] = y[t - i];
            }
            rhs[r] = y[t];
        }
        return leastSquares(a, rhs);
    }

    /** min ‖Ax − b‖ by Householder QR (A of full column rank). */
    static double[] leastSquares(double[][] a, double[] b) {
        int m = a.length;
        int n = a[0].length;
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm = Math.hypot(norm, a[i][k]);
            }
            if (norm == 0) {
                throw new IllegalArgumentException("collinear regressors");
            }
            double alpha = a[k][k] > 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) {
                v[i - k] = a[i][k];
            }
            v[0] -= alpha;
            double vv = 0;
            for (double x : v) {
                vv += x * x;
            }
            for (int j = k; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i - k] * a[i][j];
                }
                double f = 2 * dot / vv;
                for (int i = k; i < m; i++) {
                    a[i][j] -= f * v[i - k];
                }
            }
            double dot = 0;
            for (int i = k; i < m; i++) {
                dot += v[i - k] * b[i];
            }
            double f = 2 * dot / vv;
            for (int i = k; i < m; i++) {
                b[i] -= f * v[i - k];
            }
        }
        double[] x = new double[n];
        for (int k = n - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < n; j++) {
                s -= a[k][j] * x[j];
            }
            x[k] = s / a[k][k];
        }
        return x;
    }
}
