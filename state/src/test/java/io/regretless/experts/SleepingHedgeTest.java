package io.regretless.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SleepingHedgeTest {

    @Test
    void specialistsUpdateByHand() {
        double eta = 1.0;
        SleepingHedge h = new SleepingHedge(3, eta);
        // Round 1: experts 0 and 1 awake with losses 0 and 1; their mass 2/3 is shared ∝ e^{−ηℓ}.
        h.update(new int[] {0, 1}, new double[] {0.0, 1.0});
        double z = 1 + Math.exp(-eta);
        assertEquals(Math.log(2.0 / 3 / z), h.logWeight(0), 1e-15);
        assertEquals(Math.log(2.0 / 3 * Math.exp(-eta) / z), h.logWeight(1), 1e-15);
        assertEquals(Math.log(1.0 / 3), h.logWeight(2), 1e-15);
        // Round 2: experts 1 and 2 awake, p ∝ their weights.
        double[] p = new double[2];
        h.weights(new int[] {1, 2}, p);
        double w1 = 2.0 / 3 * Math.exp(-eta) / z;
        double w2 = 1.0 / 3;
        assertArrayEquals(new double[] {w1 / (w1 + w2), w2 / (w1 + w2)}, p, 1e-15);
    }

    @Test
    void asleepWeightsAreFixedAndAwakeMassIsConserved() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5;
        SleepingHedge h = new SleepingHedge(n, 2.0);
        int[] awake = new int[n];
        double[] losses = new double[n];
        for (int t = 0; t < 2000; t++) {
            int count = 0;
            boolean[] on = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (random.nextBoolean()) {
                    awake[count] = i;
                    losses[count++] = random.nextDouble();
                    on[i] = true;
                }
            }
            double[] before = new double[n];
            double massBefore = 0;
            for (int i = 0; i < n; i++) {
                before[i] = h.logWeight(i);
                massBefore += on[i] ? Math.exp(before[i]) : 0;
            }
            h.update(awake, count, losses);
            double massAfter = 0;
            for (int i = 0; i < n; i++) {
                if (on[i]) {
                    massAfter += Math.exp(h.logWeight(i));
                } else {
                    assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(h.logWeight(i)));
                }
            }
            assertEquals(massBefore, massAfter, 1e-12);
        }
    }

    @Test
    void hopelessExpertsDoNotUnderflow() {
        SleepingHedge h = new SleepingHedge(2, 50.0);
        for (int t = 0; t < 1000; t++) {
            h.update(new int[] {0, 1}, new double[] {0.0, 1.0});
        }
        assertTrue(Double.isFinite(h.logWeight(1)) && h.logWeight(1) < -40_000);
        double[] p = new double[1];
        h.weights(new int[] {1}, p);
        assertEquals(1.0, p[0]); // alone, it gets all the awake mass
        assertThrows(IllegalArgumentException.class, () -> h.update(new int[] {0}, new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new SleepingHedge(2, 0.0));
    }
}
