package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import io.regretless.codec.ExpertsStateCodec;

class SleepingAdaNormalHedgeTest {

    /** Φ(R, C) = exp([R]₊² / (3C)), straight from Luo &amp; Schapire 2015. */
    private static double phi(double r, double c) {
        double rp = Math.max(r, 0.0);
        return Math.exp(rp * rp / (3.0 * c));
    }

    /** w(R, C) = ½ [Φ(R + 1, C + 1) − Φ(R − 1, C + 1)]. */
    private static double w(double r, double c) {
        return 0.5 * (phi(r + 1, c + 1) - phi(r - 1, c + 1));
    }

    @Test
    void weightsFollowAHandComputedSequence() {
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(3);
        double[] p = new double[3];

        // Round 1: all awake, R = C = 0, so every weight is ½(e^{1/3} − 1) and p is uniform.
        h.weights(new int[] {0, 1, 2}, p);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, p, 1e-15);
        h.update(new int[] {0, 1, 2}, new double[] {0.0, 0.5, 1.0});
        // ⟨p, ℓ⟩ = 0.5, r = (0.5, 0, −0.5).
        assertState(h, new double[] {0.5, 0.0, -0.5}, new double[] {0.5, 0.0, 0.5});

        // Round 2: expert 1 asleep. w0 = ½(e^{1.5²/4.5} − e^0), w2 = ½(e^{0.5²/4.5} − e^0).
        double w0 = 0.5 * (Math.exp(0.5) - 1.0);
        double w2 = 0.5 * (Math.exp(0.25 / 4.5) - 1.0);
        assertEquals(w0, w(0.5, 0.5), 1e-15);
        assertEquals(w2, w(-0.5, 0.5), 1e-15);
        h.weights(new int[] {0, 2}, p);
        assertEquals(w0 / (w0 + w2), p[0], 1e-14);
        assertEquals(w2 / (w0 + w2), p[1], 1e-14);
        assertEquals(0.9190652058599572, p[0], 1e-14); // the same, evaluated independently
        double mix2 = p[0] * 0.2 + p[1] * 0.6;
        h.update(new int[] {0, 2}, new double[] {0.2, 0.6});
        double[] r2 = {0.5 + (mix2 - 0.2), 0.0, -0.5 + (mix2 - 0.6)};
        double[] c2 = {0.5 + Math.abs(mix2 - 0.2), 0.0, 0.5 + Math.abs(mix2 - 0.6)};
        assertState(h, r2, c2);

        // Round 3: expert 0 asleep, awake listed out of order (2, 1); outputs follow that order.
        double v2 = w(r2[2], c2[2]);
        double v1 = w(0.0, 0.0);
        h.weights(new int[] {2, 1}, p);
        assertEquals(v2 / (v1 + v2), p[0], 1e-14);
        assertEquals(v1 / (v1 + v2), p[1], 1e-14);
        assertEquals(0.007855574144362257, p[0], 1e-14);
        double mix3 = p[0] * 0.1 + p[1] * 0.6;
        h.update(new int[] {2, 1}, new double[] {0.1, 0.6});
        assertState(h,
            new double[] {r2[0], mix3 - 0.6, r2[2] + (mix3 - 0.1)},
            new double[] {c2[0], Math.abs(mix3 - 0.6), c2[2] + Math.abs(mix3 - 0.1)});
        assertEquals(-0.371553869416164, h.regret(2), 1e-14);
        assertEquals(1.3636982952718018, h.absoluteRegret(2), 1e-14);
    }

    private static void assertState(SleepingAdaNormalHedge h, double[] r, double[] c) {
        for (int i = 0; i < r.length; i++) {
            assertEquals(r[i], h.regret(i), 1e-14, "R_" + i);
            assertEquals(c[i], h.absoluteRegret(i), 1e-14, "C_" + i);
        }
    }

    @Test
    void logWeightMatchesTheFormulaAndStaysFiniteWhereItOverflows() {
        double[][] cases = {{0, 0}, {0.3, 0.7}, {-0.5, 2}, {1, 1}, {1.5, 2}, {7, 9}, {40, 100}, {-1, 3}, {-3, 5}};
        for (double[] rc : cases) {
            double expected = Math.log(w(rc[0], rc[1]));
            assertEquals(expected, SleepingAdaNormalHedge.logWeight(rc[0], rc[1]), 1e-12 * Math.max(1, Math.abs(expected)),
                "R=" + rc[0] + " C=" + rc[1]);
        }
        // Φ overflows here (R²/(3C) ≈ 3333); log w ≈ a₁ − ln 2 since e^{a₂ − a₁} is negligible.
        double r = 1e4;
        double c = 1e4;
        double a1 = (r + 1) * (r + 1) / (3 * (c + 1));
        assertTrue(Double.isInfinite(phi(r + 1, c + 1)));
        assertEquals(a1 - Math.log(2) + Math.log(-Math.expm1(-4 * r / (3 * (c + 1)))),
            SleepingAdaNormalHedge.logWeight(r, c), 1e-9);
        // Two huge, close weights still split sensibly instead of inf/inf = NaN.
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(2);
        int[] both = {0, 1};
        for (int t = 0; t < 5000; t++) {
            h.update(both, new double[] {0.0, 1.0});
        }
        double[] p = new double[2];
        h.weights(both, p);
        assertTrue(p[0] > 0.999 && Double.isFinite(p[1]) && p[1] >= 0, "p = " + p[0] + ", " + p[1]);
    }

    @Test
    void allZeroWeightsPlayUniformlyOverTheAwake() {
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(4);
        // Experts 1 and 2 lose badly against expert 0 until R ≤ −1, where w = 0.
        for (int t = 0; t < 4; t++) {
            h.update(new int[] {0, 1, 2}, new double[] {0.0, 1.0, 1.0});
        }
        assertTrue(h.regret(1) <= -1 && h.regret(2) <= -1);
        double[] p = new double[2];
        h.weights(new int[] {1, 2}, p);
        assertArrayEquals(new double[] {0.5, 0.5}, p);
    }

    @Test
    void priorTiltsTheFirstRound() {
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(new double[] {1, 3, 6});
        double[] p = new double[2];
        h.weights(new int[] {1, 2}, p);
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0}, p, 1e-15);
    }

    @Test
    void asleepExpertsNeverChange() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 6;
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(n);
        int[] awake = new int[n];
        double[] losses = new double[n];
        for (int t = 0; t < 3000; t++) {
            int count = 0;
            boolean[] isAwake = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < 0.4) {
                    awake[count] = i;
                    losses[count++] = random.nextDouble();
                    isAwake[i] = true;
                }
            }
            double[] before = new double[2 * n];
            for (int i = 0; i < n; i++) {
                before[2 * i] = h.regret(i);
                before[2 * i + 1] = h.absoluteRegret(i);
            }
            h.update(awake, count, losses);
            for (int i = 0; i < n; i++) {
                if (!isAwake[i]) {
                    assertEquals(Double.doubleToRawLongBits(before[2 * i]), Double.doubleToRawLongBits(h.regret(i)));
                    assertEquals(Double.doubleToRawLongBits(before[2 * i + 1]),
                        Double.doubleToRawLongBits(h.absoluteRegret(i)));
                }
            }
        }
    }

    @Test
    void weightsThatWerePlayedAreTheOnesCharged() {
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(2);
        h.update(new int[] {0, 1}, 2, new double[] {0.9, 0.1}, new double[] {0.0, 1.0});
        // ⟨p, ℓ⟩ = 0.1 with the given p, not 0.5 with the uniform p the state would play.
        assertEquals(0.1, h.regret(0), 1e-15);
        assertEquals(-0.9, h.regret(1), 1e-15);
    }

    @Test
    void rejectsMalformedRounds() {
        SleepingAdaNormalHedge h = new SleepingAdaNormalHedge(3);
        double[] out = new double[3];
        assertThrows(IllegalArgumentException.class, () -> h.update(new int[] {0}, new double[] {1.5}));
        assertThrows(IllegalArgumentException.class, () -> h.update(new int[] {0}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> h.update(new int[] {0, 0}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> h.weights(new int[] {3}, out));
        assertThrows(IllegalArgumentException.class, () -> h.weights(new int[] {}, out));
        assertThrows(IllegalArgumentException.class,
            () -> h.update(new int[] {0, 1}, 2, new double[] {0.7, 0.7}, new double[] {0.1, 0.2}));
        assertThrows(IllegalArgumentException.class, () -> new SleepingAdaNormalHedge(new double[] {1, 0}));
        // A rejected round leaves the state as it was, and the marker scratch is clean for the next one.
        assertEquals(ExpertsStateCodec.export(new SleepingAdaNormalHedge(3)), ExpertsStateCodec.export(h));
        h.update(new int[] {0, 1}, new double[] {0.1, 0.2});
    }
}
