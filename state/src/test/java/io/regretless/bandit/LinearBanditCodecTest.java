package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.regretless.codec.LinearBanditCodec;
import io.regretless.schemas.codec.UnreadableRecordException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinearBanditCodecTest {
    private static final int K = 6;
    private static final int D = 9;

    static Stream<Arguments> learners() {
        return DecisionDistributionTest.learners();
    }

    private static BanditConfig config(LearnerKind kind, boolean shared) {
        return Fixtures.config(kind, shared, D, Fixtures.exploration(kind));
    }

    @ParameterizedTest(name = "{0} shared={1}")
    @MethodSource("learners")
    void sameUpdatesGiveTheSameBytes(LearnerKind kind, boolean shared) {
        ContextualBandit first = LinearBandits.create(config(kind, shared));
        ContextualBandit second = LinearBandits.create(config(kind, shared));
        Fixtures.train(first, 12L, 300, K, D);
        Fixtures.train(second, 12L, 300, K, D);
        byte[] bytes = LinearBanditCodec.encode(first, "model-1");
        assertArrayEquals(bytes, LinearBanditCodec.encode(second, "model-1"));
        second.update("a0", Fixtures.vector(new SplittableRandom(1L), D), 1.0);
        assertFalse(Arrays.equals(bytes, LinearBanditCodec.encode(second, "model-1")), "one more update shows");
    }

    @ParameterizedTest(name = "{0} shared={1}")
    @MethodSource("learners")
    void decodedLearnerIsTheSameLearner(LearnerKind kind, boolean shared) {
        ContextualBandit original = LinearBandits.create(config(kind, shared));
        Fixtures.train(original, 13L, 300, K, D);
        byte[] bytes = LinearBanditCodec.encode(original, "model-1");
        ContextualBandit decoded = LinearBanditCodec.decode(bytes, config(kind, shared));
        assertArrayEquals(bytes, LinearBanditCodec.encode(decoded, "model-1"));
        assertEquals(original.version(), decoded.version());
        assertEquals(original.armCount(), decoded.armCount());
        assertEquals(original.learner(), decoded.learner());
        SplittableRandom random = new SplittableRandom(14L);
        for (int i = 0; i < 200; i++) {
            Candidates candidates = Fixtures.candidates(random, 1 + random.nextInt(K + 1), D); // a6 is unseen
            Choice expected = original.choose(candidates, DecisionRandomness.forRequest(3L, "r" + i));
            Choice actual = decoded.choose(candidates, DecisionRandomness.forRequest(3L, "r" + i));
            assertEquals(expected.chosen(), actual.chosen());
            assertArrayEquals(expected.probabilities(), actual.probabilities(), 0.0);
        }
        // and both keep learning identically
        Fixtures.train(original, 15L, 50, K + 2, D);
        Fixtures.train(decoded, 15L, 50, K + 2, D);
        assertArrayEquals(LinearBanditCodec.encode(original, "m"), LinearBanditCodec.encode(decoded, "m"));
    }

    @Test
    void stateOfAnotherLearnerOrDimensionIsRefused() {
        ContextualBandit linucb = LinearBandits.create(config(LearnerKind.LINUCB, false));
        Fixtures.train(linucb, 1L, 20, K, D);
        byte[] bytes = LinearBanditCodec.encode(linucb, "m");

        IllegalStateException kind = assertThrows(IllegalStateException.class,
            () -> LinearBanditCodec.decode(bytes, config(LearnerKind.SQUARECB, false)));
        assertTrue(kind.getMessage().contains("linucb-disjoint") && kind.getMessage().contains("squarecb-disjoint"),
            kind.getMessage());
        IllegalStateException sharing = assertThrows(IllegalStateException.class,
            () -> LinearBanditCodec.decode(bytes, config(LearnerKind.LINUCB, true)));
        assertTrue(sharing.getMessage().contains("linucb-shared"), sharing.getMessage());
        IllegalStateException dimension = assertThrows(IllegalStateException.class,
            () -> LinearBanditCodec.decode(bytes, Fixtures.config(LearnerKind.LINUCB, false, D + 1, 1.0)));
        assertTrue(dimension.getMessage().contains("dimension " + D)
            && dimension.getMessage().contains("dimension " + (D + 1)), dimension.getMessage());

        assertThrows(UnreadableRecordException.class,
            () -> LinearBanditCodec.decode(Arrays.copyOf(bytes, bytes.length / 2), config(LearnerKind.LINUCB, false)));
    }

    @Test
    void explorationMayChangeAcrossARestore() {
        ContextualBandit ucb = LinearBandits.create(config(LearnerKind.LINUCB, true));
        Fixtures.train(ucb, 2L, 20, K, D);
        BanditConfig bolder = new BanditConfig(LearnerKind.LINUCB, true, D, 1.0, 5.0, 42L, 100);
        ContextualBandit restored = LinearBanditCodec.decode(LinearBanditCodec.encode(ucb, "m"), bolder);
        assertEquals(5.0, ((LinUcb) restored).config().exploration());
        assertEquals(ucb.version(), restored.version());
    }
}
