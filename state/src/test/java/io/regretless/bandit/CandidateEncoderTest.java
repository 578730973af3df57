package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.features.CollisionSketch;
import io.regretless.features.DeclaredFeatures;
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

    private static BanditConfig declared(boolean shared, int dimension, List<String> context, List<String> action) {
        return config(shared, dimension).withFeatures(DeclaredFeatures.of(context, action));
    }

    @Test
    void declaredFeaturesHaveCoordinatesOfTheirOwn() {
        List<String> pixels = DeclaredFeatures.parseList("p{0..63}");
        BanditConfig config = declared(false, 66, pixels, List.of());
        Map<String, Double> context = new HashMap<>();
        for (int p = 0; p < 64; p++) {
            context.put("p" + p, p + 1.0);
        }
        double[] x = CandidateEncoder.encode(context, List.of(new Action("7", Map.of())), config).features()[0];
        assertEquals(1.0, x[0], "the bias");
        for (int p = 0; p < 64; p++) {
            assertEquals(p + 1.0, x[1 + p], "pixel " + p + " alone in its coordinate");
        }
        assertEquals(0.0, x[65], "nothing was left to hash");

        double[] hashed = CandidateEncoder.encode(context, List.of(new Action("7", Map.of())), config(false, 64))
            .features()[0];
        long nonZero = java.util.Arrays.stream(hashed).filter(v -> v != 0).count();
        assertTrue(nonZero < 65, "hashed into 64 coordinates the same 65 names share some: " + nonZero);
    }

    @Test
    void namesNotDeclaredAreHashedIntoTheCoordinatesLeft() {
        BanditConfig config = declared(true, 12, List.of("age"), List.of("price"));
        DeclaredFeatures features = config.features();
        Candidates c = CandidateEncoder.encode(Map.of("age", 0.5, "city", 2.0),
            List.of(new Action("x", Map.of("price", 3.0, "colour", 4.0))), config);
        double[] x = c.features()[0];
        assertEquals(1.0, x[0]);
        assertEquals(0.5, x[1]);
        assertEquals(3.0, x[2]);
        double[] rest = new double[12];
        for (String name : List.of("c^city", "a^colour", "i^x", "x^x^age", "x^x^city")) {
            rest[features.hashedIndex(io.regretless.features.HashedFeatureName.hash(name, null, null, null), 12)] +=
                switch (name) {
                    case "c^city", "x^x^city" -> 2.0;
                    case "a^colour" -> 4.0;
                    case "i^x" -> 1.0;
                    default -> 0.5;
                };
        }
        for (int i = 3; i < 12; i++) {
            assertEquals(rest[i], x[i], 1e-15, "coordinate " + i);
        }
        assertEquals(0.0, rest[0] + rest[1] + rest[2], "no hashed name lands on a declared coordinate");
    }

    @Test
    void declaredVectorsAreTheSameBitForBitWhateverTheMapOrder() {
        BanditConfig config = declared(false, 6, List.of("b", "d"), List.of());
        Map<String, Double> forward = new LinkedHashMap<>();
        forward.put("a", 1e16);
        forward.put("b", 0.1);
        forward.put("c", 1.0);
        forward.put("d", 0.2);
        forward.put("e", -1e16);
        Map<String, Double> backward = new LinkedHashMap<>();
        List.of("e", "d", "c", "b", "a").forEach(k -> backward.put(k, forward.get(k)));
        List<Action> actions = List.of(new Action("x", Map.of()));
        assertArrayEquals(CandidateEncoder.encode(forward, actions, config).features()[0],
            CandidateEncoder.encode(backward, actions, config).features()[0]);
    }

    @Test
    void countsTheHashedNamesItEncodes() {
        CollisionSketch names = new CollisionSketch(64);
        Map<String, Double> context = new HashMap<>();
        for (int p = 0; p < 64; p++) {
            context.put("p" + p, 1.0);
        }
        List<Action> actions = List.of(new Action("a", Map.of()), new Action("b", Map.of()));
        Candidates counted = CandidateEncoder.encode(context, actions, config(false, 64), names);
        assertArrayEquals(CandidateEncoder.encode(context, actions, config(false, 64)).features()[0],
            counted.features()[0], "counting changes no vector");
        CollisionSketch.Report report = names.report(0);
        assertEquals(65, report.names());
        assertTrue(report.sharing() > 0);

        CollisionSketch none = new CollisionSketch(66);
        CandidateEncoder.encode(context, actions, declared(false, 66, DeclaredFeatures.parseList("p{0..63}"), List.of()),
            none);
        assertEquals(new CollisionSketch.Report(65, 0, 0, 0), none.report(65), "declared names are not hashed");
    }

    @Test
    void aDimensionWithoutRoomForUndeclaredNamesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> declared(false, 65, DeclaredFeatures.parseList("p{0..63}"), List.of()));
        assertTrue(e.getMessage().contains("at least 66"), e.getMessage());
        assertEquals(66, declared(false, 66, DeclaredFeatures.parseList("p{0..63}"), List.of()).dimension());
    }
}
