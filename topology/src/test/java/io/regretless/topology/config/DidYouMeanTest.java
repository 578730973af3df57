package io.regretless.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The nearest-name suggestion: a true metric of typing slips, and only close names suggested. */
class DidYouMeanTest {
    private static final List<String> WORDS = List.of("exploration", "explorations", "regularization", "checkout",
        "check", "commit.interval.ms", "regretless.models", "", "a", "ab", "ba", "abc");

    @Test
    void eachKindOfSlipCostsOneEdit() {
        assertEquals(1, DidYouMean.distance("exploraton", "exploration"), "deletion");
        assertEquals(1, DidYouMean.distance("explorattion", "exploration"), "insertion");
        assertEquals(1, DidYouMean.distance("exploretion", "exploration"), "substitution");
        assertEquals(1, DidYouMean.distance("exploartion", "exploration"), "transposition");
        assertEquals(0, DidYouMean.distance("Regretless.Models", "regretless.models"), "case is ignored");
    }

    @Test
    void isAMetricOnTheseWords() {
        for (String a : WORDS) {
            assertEquals(0, DidYouMean.distance(a, a));
            for (String b : WORDS) {
                int ab = DidYouMean.distance(a, b);
                assertEquals(ab, DidYouMean.distance(b, a), a + " / " + b);
                assertEquals(a.equals(b), ab == 0, a + " / " + b);
                assertTrue(ab <= Math.max(a.length(), b.length()), a + " / " + b);
                assertTrue(ab >= Math.abs(a.length() - b.length()), a + " / " + b);
            }
        }
    }

    @Test
    void suggestsTheNearestCloseName() {
        assertEquals(Optional.of("regretless.model.checkout.exploration"), DidYouMean.nearest(
            "regretless.model.checkout.exploraton", List.of("regretless.model.checkout.seed",
                "regretless.model.checkout.exploration", "regretless.models")));
        assertEquals(Optional.of("regretless.models"), DidYouMean.nearest("regretless.model",
            List.of("regretless.conformal.models", "regretless.models", "regretless.experts.models")));
        assertEquals(Optional.of("checkout"), DidYouMean.nearest("chekout", List.of("homepage", "checkout")));
        assertEquals(Optional.of("commit.interval.ms"), DidYouMean.nearest("comit.interval.ms",
            List.of("poll.ms", "commit.interval.ms", "auto.commit.interval.ms")));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals(Optional.empty(), DidYouMean.nearest("homepage", List.of("checkout")));
        assertEquals(Optional.empty(), DidYouMean.nearest("regretless.colour", List.of("regretless.models")));
        assertEquals(Optional.empty(), DidYouMean.nearest("anything", List.of()));
    }
}
