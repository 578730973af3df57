package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreHistoryTest {

    /** Against a naive model: sorted view, ages, counts and eviction, with many ties and a growing ring. */
    @Test
    void matchesANaiveModelWithTiesAndEviction() {
        SplittableRandom random = new SplittableRandom(11);
        int capacity = 37;
        ScoreHistory h = new ScoreHistory(capacity);
        List<double[]> model = new ArrayList<>(); // {value, seq}
        for (int seq = 0; seq < 500; seq++) {
            double v = random.nextInt(12) * 0.25 - (random.nextInt(10) == 0 ? 0.0 : 0.5);
            h.add(v);
            model.add(new double[] {v, seq});
            if (model.size() > capacity) {
                model.remove(0);
            }
            List<double[]> sorted = new ArrayList<>(model);
            sorted.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
            assertEquals(model.size(), h.size());
            for (int i = 0; i < sorted.size(); i++) {
                assertEquals(sorted.get(i)[0], h.sortedValue(i));
                assertEquals(seq - (long) sorted.get(i)[1], h.ageOfSorted(i));
            }
            double probe = random.nextInt(12) * 0.25 - 0.5;
            assertEquals(model.stream().filter(a -> a[0] >= probe).count(), h.countAtLeast(probe));
            double[] timeOrder = model.stream().mapToDouble(a -> a[0]).toArray();
            assertArrayEquals(timeOrder, h.toArray());
        }
        ScoreHistory copy = ScoreHistory.of(capacity, h.toArray());
        for (int i = 0; i < h.size(); i++) {
            assertEquals(h.sortedValue(i), copy.sortedValue(i));
            assertEquals(h.ageOfSorted(i), copy.ageOfSorted(i));
        }
    }

    @Test
    void keepsTheNewestWhenSeededWithMoreThanItsCapacity() {
        ScoreHistory h = ScoreHistory.of(3, new double[] {5, 4, 3, 2, 1});
        assertArrayEquals(new double[] {3, 2, 1}, h.toArray());
        assertEquals(1.0, h.min());
        assertEquals(3.0, h.max());
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> new ScoreHistory(4).add(Double.NaN));
    }
}
