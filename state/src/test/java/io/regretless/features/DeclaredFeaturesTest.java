package io.regretless.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DeclaredFeaturesTest {
    @Test
    void rangesStandForEveryNameInThemInOrder() {
        assertEquals(List.of("p0", "p1", "p2", "age", "x7y", "x8y"), DeclaredFeatures.parseList(" p{0..2}, age,,x{7..8}y "));
        assertEquals(List.of(), DeclaredFeatures.parseList(""));
        assertEquals(64, DeclaredFeatures.parseList("p{0..63}").size());
        assertEquals(List.of("a{b}"), DeclaredFeatures.parseList("a{b}"), "only {from..to} with digits is a range");
    }

    @Test
    void refusesListsThatCannotBeMeant() {
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.parseList("p{3..1}"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.parseList("p1,p{0..2}"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.parseList("a b"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.parseList("p{0..100000}"));
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.of(List.of("a", "a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> DeclaredFeatures.of(List.of(" "), List.of()));
    }

    @Test
    void declaredNamesComeFirstAfterTheBiasAndHashedNamesTakeTheRest() {
        DeclaredFeatures declared = DeclaredFeatures.of(List.of("age", "income"), List.of("price"));
        int d = 10;
        assertEquals(0, declared.biasIndex(d));
        assertEquals(1, declared.contextIndex("age"));
        assertEquals(2, declared.contextIndex("income"));
        assertEquals(3, declared.actionIndex("price"));
        assertEquals(-1, declared.contextIndex("price"), "context and action names are separate");
        assertEquals(-1, declared.actionIndex("age"));
        assertEquals(4, declared.fixedCoordinates());
        assertEquals(5, declared.minimumDimension());
        for (String name : List.of("c^city", "a^colour", "i^x", "x^x^age", "c^a much longer name, with é and 😀")) {
            int hash = HashedFeatureName.hash(name, null, null, null);
            assertEquals(4 + Math.floorMod(hash, 6), declared.hashedIndex(hash, d), name);
        }
    }

    @Test
    void withNothingDeclaredEveryNameKeepsItsPublishedHashedCoordinate() {
        DeclaredFeatures none = DeclaredFeatures.of(List.of(), List.of());
        assertEquals(DeclaredFeatures.NONE, none);
        for (int d : new int[] {1, 7, 64, 1 << 20}) {
            assertEquals(FeatureHasher.index("bias", d), none.biasIndex(d));
            for (String name : List.of("c^age", "a^price", "x^b^age")) {
                assertEquals(FeatureHasher.index(name, d), none.hashedIndex(HashedFeatureName.hash(name, null, null, null), d));
            }
        }
    }

    @Test
    void sixtyFourDeclaredPixelsAndTheBiasHaveSixtyFiveCoordinates() {
        DeclaredFeatures pixels = DeclaredFeatures.of(DeclaredFeatures.parseList("p{0..63}"), List.of());
        Set<Integer> used = new HashSet<>();
        used.add(pixels.biasIndex(66));
        pixels.context().forEach(p -> used.add(pixels.contextIndex(p)));
        assertEquals(65, used.size());
        assertTrue(used.stream().allMatch(i -> i < 65), "the last coordinate is left for names not declared");
    }

    @Test
    void equalWhenTheSameNamesAreDeclaredInTheSameOrder() {
        assertEquals(DeclaredFeatures.of(List.of("a", "b"), List.of("c")), DeclaredFeatures.of(List.of("a", "b"), List.of("c")));
        assertNotEquals(DeclaredFeatures.of(List.of("a", "b"), List.of()), DeclaredFeatures.of(List.of("b", "a"), List.of()));
        assertNotEquals(DeclaredFeatures.of(List.of("a"), List.of()), DeclaredFeatures.of(List.of(), List.of("a")));
    }
}
