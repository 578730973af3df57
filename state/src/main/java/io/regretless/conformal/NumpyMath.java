package io.regretless.conformal;

/**
 * The few numpy/scipy reductions the reference calibrators use, in the same floating-point order, so that
 * continuous radii (FACI-S) match a port of the reference to the last bits and discrete ones (FACI) pick the same
 * rank. {@link StrictMath} is used for exp/log so results do not depend on the JVM's intrinsics.
 */
final class NumpyMath {
    private static final int BLOCK = 128;

    private NumpyMath() {
    }

    /** numpy's pairwise summation ({@code np.sum}) of {@code n} values of a ring starting at {@code start}. */
    static double pairwiseSum(double[] ring, int start, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += ring[(start + i) % ring.length];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = at(ring, start, 0);
            double r1 = at(ring, start, 1);
            double r2 = at(ring, start, 2);
            double r3 = at(ring, start, 3);
            double r4 = at(ring, start, 4);
            double r5 = at(ring, start, 5);
            double r6 = at(ring, start, 6);
            double r7 = at(ring, start, 7);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += at(ring, start, i);
                r1 += at(ring, start, i + 1);
                r2 += at(ring, start, i + 2);
                r3 += at(ring, start, i + 3);
                r4 += at(ring, start, i + 4);
                r5 += at(ring, start, i + 5);
                r6 += at(ring, start, i + 6);
                r7 += at(ring, start, i + 7);
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += at(ring, start, i);
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(ring, start, n2) + pairwiseSum(ring, (start + n2) % ring.length, n - n2);
    }

    private static double at(double[] ring, int start, int i) {
        return ring[(start + i) % ring.length];
    }

    /**
     * scipy ≥ 1.15 {@code logsumexp}: the (first) largest term is taken out of the sum, the rest is summed
     * pairwise relative to it, and the result is {@code log1p(rest) + max}.
     */
    static double logSumExp(double[] a, int n) {
        int iMax = 0;
        for (int i = 1; i < n; i++) {
            if (a[i] > a[iMax]) {
                iMax = i;
            }
        }
        double max = a[iMax];
        // Only eight experts use this, so the sum is numpy's 8-accumulator form; n < 8 is summed in order.
        double s;
        if (n == 8) {
            double s01 = term(a, 0, iMax, max) + term(a, 1, iMax, max);
            double s23 = term(a, 2, iMax, max) + term(a, 3, iMax, max);
            double s45 = term(a, 4, iMax, max) + term(a, 5, iMax, max);
            double s67 = term(a, 6, iMax, max) + term(a, 7, iMax, max);
            s = (s01 + s23) + (s45 + s67);
        } else {
            s = 0.0;
            for (int i = 0; i < n; i++) {
                s += term(a, i, iMax, max);
            }
        }
        return StrictMath.log1p(s) + max;
    }

    private static double term(double[] a, int i, int iMax, double max) {
        return i == iMax ? 0.0 : StrictMath.exp(a[i] - max);
    }

    /** scipy {@code logsumexp([x, y], b=[bx, by])} for two positive weights, as FACI's fixed-share mix uses it. */
    static double logSumExp2(double x, double bx, double y, double by) {
        boolean xIsMax = x >= y;
        double max = xIsMax ? x : y;
        double m = xIsMax ? bx : by;
        double s = xIsMax ? by * StrictMath.exp(y - max) : bx * StrictMath.exp(x - max);
        if (s != 0) {
            s = s / m;
        }
        return StrictMath.log1p(s) + StrictMath.log(m) + max;
    }
}
