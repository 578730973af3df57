package io.regretless.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CollisionSketchTest {
    /** The bias and the 64 pixels of the digits, as the encoder names them without declarations. */
    static List<String> digitNames() {
        List<String> names = new ArrayList<>(List.of("bias"));
        for (int p = 0; p < 64; p++) {
            names.add("c^p" + p);
        }
        return names;
    }

    /** Names that share their coordinate with another, counted by brute force. */
    static int sharing(List<String> names, int d) {
        Map<Integer, Integer> perCoordinate = new HashMap<>();
        names.forEach(n -> perCoordinate.merge(FeatureHasher.index(n, d), 1, Integer::sum));
        return perCoordinate.values().stream().filter(c -> c > 1).mapToInt(Integer::intValue).sum();
    }

    static CollisionSketch observe(List<String> names, int d) {
        CollisionSketch sketch = new CollisionSketch(d);
        for (String name : names) {
            int hash = HashedFeatureName.hash(name, null, null, null);
            sketch.observe(Math.floorMod(hash, d), hash);
        }
        return sketch;
    }

    @Test
    void countsTheDigitsCollisionsExactly() {
        List<String> names = digitNames();
        for (int d : new int[] {16, 64, 128, 1024}) {
            CollisionSketch.Report report = observe(names, d).report(0);
            assertEquals(65, report.names(), "d = " + d);
            assertEquals(sharing(names, d), report.sharing(), "d = " + d);
            assertTrue(report.exact() || d == 16, "d = " + d);
        }
        Set<Integer> buckets = new HashSet<>();
        names.forEach(n -> buckets.add(FeatureHasher.index(n, 64)));
        assertEquals(39, buckets.size(), "the issue's figure: 65 names in 39 of 64 coordinates");
        assertEquals(sharing(names, 64) + " of 65 feature names share a coordinate with another",
            observe(names, 64).report(0).describe());
    }

    @Test
    void theCountsDependOnTheNamesNotTheirOrderOrRepeats() {
        List<String> names = new ArrayList<>(digitNames());
        CollisionSketch.Report first = observe(names, 16).report(0);
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            List<String> shuffled = new ArrayList<>(names);
            shuffled.addAll(names.subList(0, random.nextInt(names.size())));
            Collections.shuffle(shuffled, random);
            assertEquals(first, observe(shuffled, 16).report(0));
        }
    }

    @Test
    void aCrowdedCoordinateMakesTheCountsLowerBounds() {
        List<String> names = digitNames();
        CollisionSketch.Report report = observe(names, 4).report(0);
        assertFalse(report.exact());
        assertTrue(report.names() <= 65 && report.names() >= 4 * 2);
        assertEquals(report.names(), report.sharing(), "with 65 names in 4 coordinates every one shares");
        assertTrue(report.describe().startsWith("at least "), report.describe());
    }

    @Test
    void declaredNamesAreCountedAndShareNothing() {
        CollisionSketch sketch = new CollisionSketch(66);
        assertEquals(new CollisionSketch.Report(65, 0, 0, 0), sketch.report(65));
        assertEquals("0 of 65 feature names share a coordinate with another", sketch.report(65).describe());
        assertTrue(sketch.observe(65, 7));
        assertTrue(sketch.observe(65, 8));
        assertFalse(sketch.observe(65, 7), "a name seen before changes nothing");
        assertEquals(2, sketch.changes());
        assertEquals(new CollisionSketch.Report(65, 2, 2, 0), sketch.report(65));
    }
}
