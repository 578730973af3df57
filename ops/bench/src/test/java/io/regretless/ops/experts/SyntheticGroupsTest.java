package io.regretless.ops.experts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticGroupsTest {

    @Test
    void followsThePapersDesign() {
        SyntheticGroups data = SyntheticGroups.generate(50_000, 20, 21);
        double[] expected = {0.5, 0.5, 0.61, 0.12, 0.10, 0.08, 0.06, 0.03};
        long[] counts = new long[data.groups()];
        int[] g = new int[2];
        double min = 1;
        double max = 0;
        for (int t = 0; t < data.rows(); t++) {
            data.groups(t, g);
            assertTrue(g[0] < 2 && g[1] >= 2, "one shape and one colour");
            counts[g[0]]++;
            counts[g[1]]++;
            min = Math.min(min, data.label(t));
            max = Math.max(max, data.label(t));
        }
        for (int k = 0; k < counts.length; k++) {
            double share = counts[k] / (double) data.rows();
            // 4 standard errors of a binomial share.
            assertEquals(expected[k], share, 4 * Math.sqrt(expected[k] * (1 - expected[k]) / data.rows()), data.groupName(k));
        }
        assertEquals(0.0, min);
        assertEquals(1.0, max);
        // Groups really differ: true coefficients of two groups are not alike.
        assertNotEquals(data.trueCoefficients(0)[0], data.trueCoefficients(1)[0]);
    }

    @Test
    void isDeterministicInItsSeed() {
        SyntheticGroups a = SyntheticGroups.generate(1000, 5, 21);
        SyntheticGroups b = SyntheticGroups.generate(1000, 5, 21);
        SyntheticGroups c = SyntheticGroups.generate(1000, 5, 22);
        double[] xa = new double[5];
        double[] xb = new double[5];
        for (int t = 0; t < 1000; t++) {
            a.features(t, xa);
            b.features(t, xb);
            assertArrayEquals(xa, xb);
            assertEquals(a.label(t), b.label(t));
        }
        assertNotEquals(a.label(0), c.label(0));
    }
}
