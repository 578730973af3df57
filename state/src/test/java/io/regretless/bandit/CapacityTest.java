package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapacityTest {
    private static final int D = 4;

    @ParameterizedTest
    @ValueSource(strings = {"LINUCB", "LINEAR_THOMPSON", "SQUARECB", "EPSILON_GREEDY"})
    void aDisjointLearnerRefusesArmBeyondTheBoundAndStaysAsItWas(LearnerKind kind) {
        ContextualBandit bandit = LinearBandits.create(new BanditConfig(kind, false, D, 1.0, 0.1, 1L, 3));
        SplittableRandom random = new SplittableRandom(2L);
        for (String arm : new String[] {"a", "b", "c", "a"}) {
            bandit.update(arm, Fixtures.vector(random, D), 1.0);
        }
        assertEquals(3, bandit.armCount());
        assertTrue(bandit.isNewArm("d"));
        assertFalse(bandit.isNewArm("a"));
        byte[] before = LinearBanditCodec.encode(bandit, "m");

        double[] x = Fixtures.vector(random, D);
        assertThrows(ModelCapacityExceededException.class, () -> bandit.update("d", x, 1.0));
        assertArrayEquals(before, LinearBanditCodec.encode(bandit, "m"));
        assertEquals(4, bandit.version());

        assertThrows(IllegalArgumentException.class, () -> bandit.update("a", new double[] {1, Double.NaN, 0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> bandit.update("a", x, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> bandit.update("a", new double[D + 1], 1));
        // finite, but its square overflows: the stored state could never be restored
        assertThrows(IllegalArgumentException.class, () -> bandit.update("a", new double[] {1e200, 0, 0, 0}, 1));
        assertArrayEquals(before, LinearBanditCodec.encode(bandit, "m"), "refused updates change nothing");

        bandit.update("b", x, 0.5); // known arms still learn
        assertEquals(5, bandit.version());
        // an unseen action can still be chosen: it is scored by the prior, not added
        Candidates withNew = new Candidates(new String[] {"a", "d"}, new double[][] {x, x});
        bandit.choose(withNew, new SplittableRandom(1L));
        assertEquals(3, bandit.armCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LINUCB", "LINEAR_THOMPSON", "SQUARECB", "EPSILON_GREEDY"})
    void aDisjointActionNamedLikeTheSharedArmStillRestores(LearnerKind kind) {
        BanditConfig config = new BanditConfig(kind, false, D, 1.0, 0.1, 1L, 3);
        ContextualBandit bandit = LinearBandits.create(config);
        bandit.update("*", Fixtures.vector(new SplittableRandom(3L), D), 1.0);
        byte[] bytes = LinearBanditCodec.encode(bandit, "m");
        assertArrayEquals(bytes, LinearBanditCodec.encode(LinearBanditCodec.decode(bytes, config), "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LINUCB", "LINEAR_THOMPSON", "SQUARECB", "EPSILON_GREEDY"})
    void aSharedLearnerHasOneArmWhateverTheActions(LearnerKind kind) {
        ContextualBandit bandit = LinearBandits.create(new BanditConfig(kind, true, D, 1.0, 0.1, 1L, 1));
        SplittableRandom random = new SplittableRandom(2L);
        for (int i = 0; i < 10; i++) {
            assertFalse(bandit.isNewArm("arm" + i));
            bandit.update("arm" + i, Fixtures.vector(random, D), 1.0);
        }
        assertEquals(1, bandit.armCount());
        assertEquals("*", bandit.toState("m").getArms().get(0).getActionId());
    }
}
