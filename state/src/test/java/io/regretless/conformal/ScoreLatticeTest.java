package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link ScoreLattice}: on scores that take few values a snapped radius covers exactly the values the radius
 * covers (so coverage cannot change, only width), continuous scores are never snapped, and the state round-trips.
 */
class ScoreLatticeTest {

    /** Scores k·step for k in [0, levels), computed as differences of scaled values, as a series' scores are. */
    private static double latticeScore(SplittableRandom random, double step, int levels) {
        int k = random.nextInt(levels);
        double base = random.nextInt(200) * step;
        return Math.abs((base + k * step) - base);
    }

    @Test
    void aSnappedRadiusCoversExactlyTheLatticeValuesTheRadiusCovers() {
        SplittableRandom random = new SplittableRandom(7);
        double step = 1.0 / 186;
        ScoreLattice lattice = new ScoreLattice();
        double[] seen = new double[2000];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = latticeScore(random, step, 40);
            lattice.add(seen[i]);
        }
        assertTrue(lattice.isLattice());
        assertEquals(40, lattice.size());
        int narrower = 0;
        for (int trial = 0; trial < 5000; trial++) {
            double r = random.nextDouble() * 45 * step;
            double snapped = lattice.snap(r);
            assertTrue(snapped <= r, "never wider");
            narrower += snapped < r ? 1 : 0;
            for (int j = 0; j < 200; j++) {
                double s = latticeScore(random, step, 45);
                // values never seen (k ≥ 40) are only guaranteed to miss both when they miss r
                if (s < 39.5 * step || s > r) {
                    assertEquals(s <= r, s <= snapped, "score " + s + " radius " + r + " snapped " + snapped);
                }
            }
        }
        assertTrue(narrower > 4000, "almost every radius falls between two values: " + narrower);
    }

    @Test
    void continuousScoresAreNeverSnappedAndDropTheirValues() {
        SplittableRandom random = new SplittableRandom(8);
        ScoreLattice lattice = new ScoreLattice();
        for (int i = 0; i < 1000; i++) {
            double s = Math.abs(random.nextGaussian());
            double r = random.nextDouble();
            assertEquals(r, lattice.snap(r), "no repeated values, no snapping");
            lattice.add(s);
        }
        assertTrue(lattice.isContinuous());
        assertEquals(0, lattice.size());
    }

    @Test
    void snappingWaitsUntilTheScoresRepeat() {
        ScoreLattice lattice = new ScoreLattice();
        for (int k = 0; k < 10; k++) {
            lattice.add(k * 0.1);
        }
        assertFalse(lattice.isLattice(), "ten scores, ten values: nothing says they repeat");
        assertEquals(0.55, lattice.snap(0.55));
        for (int k = 0; k < 10; k++) {
            lattice.add(k * 0.1 * (1 + 1e-12));
        }
        assertTrue(lattice.isLattice());
        assertEquals(10, lattice.size(), "values within the tie tolerance are one value");
        assertEquals(0.5 * (1 + ScoreLattice.TIE), lattice.snap(0.55), 1e-15);
        assertEquals(0.0, lattice.snap(0.05), "a radius below the second value snaps to the first, 0");
    }

    @Test
    void stateRoundTripsInBothModes() {
        SplittableRandom random = new SplittableRandom(9);
        ScoreLattice onLattice = new ScoreLattice();
        ScoreLattice continuous = new ScoreLattice();
        for (int i = 0; i < 500; i++) {
            onLattice.add(latticeScore(random, 0.01, 30));
            continuous.add(random.nextDouble());
        }
        for (ScoreLattice l : new ScoreLattice[] {onLattice, continuous}) {
            ScoreLattice copy = ScoreLattice.restore(l.state());
            assertEquals(l.isContinuous(), copy.isContinuous());
            assertEquals(l.size(), copy.size());
            for (int i = 0; i < 100; i++) {
                double x = random.nextDouble() * 0.4;
                assertEquals(Double.doubleToRawLongBits(l.snap(x)), Double.doubleToRawLongBits(copy.snap(x)));
            }
        }
    }
}
