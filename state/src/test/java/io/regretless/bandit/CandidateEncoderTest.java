package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.features.FeatureHasher;
import io.regretless.schemas.Action;
import org.junit.jupiter.api.Test;

class CandidateEncoderTest {
    private static final int BIG = 1 << 20;

    private static BanditConfig config(boolean shared, int dimension) {
        return new BanditConfig(LearnerKind.LINUCB, shared, dimension, 1.0, 1.0, 1L, 10);
    }

    private static double at(double[] x, String name) {
        return x[FeatureHasher.index(name, x.length)];
    }

    @Test
    void disjointVectorsHoldBiasContextAndActionFeatures() {
        Candidates c = CandidateEncoder.encode(Map.of("age", 0.5),
            List.of(new Action("x", Map.of("price", 2.0)), new Action("y", Map.of())), config(false, BIG));
        assertArrayEquals(new String[] {"x", "y"}, c.actionIds());
        double[] x = c.features()[0];
        assertEquals(1.0, at(x, "bias"));
        assertEquals(0.5, at(x, "c^age"));
        assertEquals(2.0, at(x, "a^price"));
        assertEquals(0.0, at(x, "i^x"));
        assertEquals(3.5, Fixtures.sum(x), "nothing else");
        assertEquals(1.5, Fixtures.sum(c.features()[1]));
    }

    @Test
    void sharedVectorsAddTheActionIndicatorAndCrosses() {
        Candidates c = CandidateEncoder.encode(Map.of("age", 0.5),
            List.of(new Action("x", Map.of("price", 2.0))), config(true, BIG));
        double[] x = c.features()[0];
        assertEquals(1.0, at(x, "i^x"));
        assertEquals(0.5, at(x, "x^x^age"));
        assertEquals(5.0, Fixtures.sum(x));
    }

    @Test
    void collisionsSumInNameOrderWhateverTheMapOrder() {
        Map<String, Double> forward = new LinkedHashMap<>();
        forward.put("a", 1e16);
        forward.put("b", 1.0);
        forward.put("c", -1e16);
        forward.put("d", 1.0);
        Map<String, Double> backward = new LinkedHashMap<>();
        List.of("d", "c", "b", "a").forEach(k -> backward.put(k, forward.get(k)));
        List<Action> actions = List.of(new Action("x", backward));
        double fromForward = CandidateEncoder.encode(forward, actions, config(true, 1)).features()[0][0];
        double fromBackward = CandidateEncoder.encode(backward, actions, config(true, 1)).features()[0][0];
        assertEquals(Double.doubleToRawLongBits(fromForward), Double.doubleToRawLongBits(fromBackward));
        // bias, then context a..d, then action a..d, then indicator, then crosses a..d
        double expected = 1.0;
        for (int pass = 0; pass < 3; pass++) {
            expected = pass == 2 ? expected + 1.0 : expected;
            expected = expected + 1e16 + 1.0 - 1e16 + 1.0;
        }
        assertEquals(expected, fromForward, 0.0);
    }

    @Test
    void refusesWhatAModelCannotUse() {
        BanditConfig config = config(false, 8);
        assertThrows(IllegalArgumentException.class, () -> CandidateEncoder.encode(Map.of(), List.of(), config));
        assertThrows(IllegalArgumentException.class, () -> CandidateEncoder.encode(Map.of(),
            List.of(new Action("x", Map.of()), new Action("x", Map.of())), config));
        assertThrows(IllegalArgumentException.class,
            () -> CandidateEncoder.encode(Map.of("f", Double.NaN), List.of(new Action("x", Map.of())), config));
        assertThrows(IllegalArgumentException.class, () -> CandidateEncoder.encode(Map.of(),
            List.of(new Action("x", Map.of("f", Double.POSITIVE_INFINITY))), config));
    }
}
