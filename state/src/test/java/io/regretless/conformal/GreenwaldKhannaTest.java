package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The summary keeps the Greenwald–Khanna guarantee on random, sorted, reversed, tied and drifting streams: every
 * order statistic and count within ε·n ranks, never more than its tuple bound, and a restored copy continues bit
 * for bit.
 */
class GreenwaldKhannaTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"uniform", "ascending", "descending", "ties", "drift", "heavy-tail"})
    void everyAnswerIsWithinEpsilonNRanks(String stream) {
        int n = 200_000;
        double epsilon = 0.0005;
        IntToDoubleFunction values = values(stream);
        GreenwaldKhanna gk = new GreenwaldKhanna(epsilon, 10_000);
        double[] seen = new double[n];
        for (int i = 0; i < n; i++) {
            seen[i] = values.applyAsDouble(i);
        }
        int maxSize = 0;
        for (int i = 0; i < n; i++) {
            gk.add(seen[i]);
            maxSize = Math.max(maxSize, gk.size());
            if (i == 5_000) {
                GreenwaldKhanna copy = GreenwaldKhanna.restore(gk.state());
                for (int j = i + 1; j < i + 2_000; j++) {
                    copy.add(seen[j]);
                }
                GreenwaldKhanna again = GreenwaldKhanna.restore(gk.state());
                for (int j = i + 1; j < i + 2_000; j++) {
                    again.add(seen[j]);
                }
                assertEquals(state(copy), state(again), "restored summaries evolve identically");
            }
        }
        double[] sorted = seen.clone();
        Arrays.sort(sorted);
        double bound = gk.rankErrorBound();
        assertTrue(gk.epsilon() == epsilon, "ε stayed at its configured value: " + gk.epsilon());
        double worstRank = 0;
        double worstCount = 0;
        for (double q = 0.001; q < 1; q += 0.001) {
            long rank = (long) Math.ceil(q * n);
            double v = gk.valueAtRank(rank);
            // The true rank of v is an interval when v is tied; the distance is to the nearest rank v occupies.
            long lo = lowerBound(sorted, v) + 1;
            long hi = upperBound(sorted, v);
            double off = rank < lo ? lo - rank : rank > hi ? rank - hi : 0;
            worstRank = Math.max(worstRank, off);
            double x = sorted[(int) Math.min(n - 1, rank)];
            long trueCount = n - lowerBound(sorted, x);
            worstCount = Math.max(worstCount, Math.abs(gk.countAtLeast(x) - trueCount));
        }
        System.out.printf(Locale.ROOT, "gk %-10s n=%d tuples=%d (max %d) worst rank error %.0f, count error %.0f, bound %.0f%n",
            stream, n, gk.size(), maxSize, worstRank, worstCount, bound);
        assertTrue(worstRank <= bound, "rank error " + worstRank + " > " + bound);
        assertTrue(worstCount <= bound, "count error " + worstCount + " > " + bound);
        assertEquals(sorted[0], gk.min());
        assertEquals(sorted[n - 1], gk.max());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {16, 64, 200})
    void aTightTupleBoundDoublesEpsilonInsteadOfGrowing(int maxTuples) {
        GreenwaldKhanna gk = new GreenwaldKhanna(0.0005, maxTuples);
        SplittableRandom random = new SplittableRandom(9);
        int n = 50_000;
        double[] seen = new double[n];
        for (int i = 0; i < n; i++) {
            seen[i] = random.nextGaussian();
            gk.add(seen[i]);
            assertTrue(gk.size() <= maxTuples, "size " + gk.size());
        }
        Arrays.sort(seen);
        assertTrue(gk.epsilon() > 0.0005);
        for (double q = 0.01; q < 1; q += 0.01) {
            long rank = (long) Math.ceil(q * n);
            long trueRank = lowerBound(seen, gk.valueAtRank(rank)) + 1;
            assertTrue(Math.abs(trueRank - rank) <= gk.rankErrorBound(), q + ": " + trueRank + " vs " + rank);
        }
    }

    private static IntToDoubleFunction values(String stream) {
        SplittableRandom random = new SplittableRandom(stream.hashCode());
        return switch (stream) {
            case "uniform" -> i -> random.nextDouble();
            case "ascending" -> i -> i;
            case "descending" -> i -> -i;
            case "ties" -> i -> random.nextInt(7);
            case "drift" -> i -> random.nextDouble() * (1 + i / 1_000.0);
            case "heavy-tail" -> i -> 1 / (1e-9 + random.nextDouble());
            default -> throw new IllegalArgumentException(stream);
        };
    }

    /** The summary's state in a form whose equality is value equality. */
    private static List<Object> state(GreenwaldKhanna gk) {
        GreenwaldKhanna.State s = gk.state();
        return List.of(s.epsilon(), s.maxTuples(), s.count(), Arrays.toString(s.values()),
            Arrays.toString(s.g()), Arrays.toString(s.delta()));
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
