package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CategoricalTest {

    @Test
    void drawsInProportionAndNeverAZeroProbability() {
        double[] p = {0.0, 0.2, 0.0, 0.8, 0.0};
        int[] counts = new int[p.length];
        SplittableRandom random = new SplittableRandom(3L);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[Categorical.sample(p, random)]++;
        }
        assertEquals(0, counts[0] + counts[2] + counts[4]);
        assertEquals(0.2, counts[1] / (double) n, 5 * Math.sqrt(0.2 * 0.8 / n));
    }

    @Test
    void roundingShortfallGoesToTheLastPositiveIndex() {
        double[] p = {0.3, 0.3, 0.3, 0.0}; // sums to 0.9: the missing mass must not reach index 3
        int[] counts = new int[p.length];
        SplittableRandom random = new SplittableRandom(4L);
        for (int i = 0; i < 10_000; i++) {
            counts[Categorical.sample(p, random)]++;
        }
        assertEquals(0, counts[3]);
        assertThrows(IllegalArgumentException.class, () -> Categorical.sample(new double[] {0, 0}, random));
    }
}
