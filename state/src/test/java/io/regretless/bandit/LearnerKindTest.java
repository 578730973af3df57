package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The registry of learner kinds: the built-in names are the stored and configured ones, in order,
 * and a registration that would make a name ambiguous or unstorable is refused. (Registering a
 * learner that works is shown through the topology, {@code RegisteredLearnerTopologyTest}; this
 * JVM's tests iterate the linear kinds, so none is registered here.)
 */
class LearnerKindTest {

    @Test
    void theBuiltInKindsKeepTheirWireNamesAndOrder() {
        assertEquals(List.of("linucb", "lints", "squarecb", "egreedy", "ucb1", "ts-bernoulli", "ts-gaussian", "exp3-ix",
            "ts-discounted", "sw-ucb"), LearnerKind.wireNames().subList(0, 10));
        assertEquals(List.of(LearnerKind.LINUCB, LearnerKind.LINEAR_THOMPSON, LearnerKind.SQUARECB,
            LearnerKind.EPSILON_GREEDY), LearnerKind.linear().subList(0, 4));
    }

    @Test
    void parsesWireAndConstantNamesInAnyCase() {
        assertSame(LearnerKind.LINEAR_THOMPSON, LearnerKind.parse("lints"));
        assertSame(LearnerKind.LINEAR_THOMPSON, LearnerKind.parse("LINEAR_THOMPSON"));
        assertSame(LearnerKind.SLIDING_WINDOW_UCB, LearnerKind.parse("SW-UCB"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> LearnerKind.parse("lin"));
        assertTrue(unknown.getMessage().startsWith("unknown learner 'lin'; one of linucb, lints, squarecb"),
            unknown.getMessage());
    }

    @Test
    void aNameTakenOrUnfitForTheStoredLearnerNameIsRefused() {
        LinearLearnerFactory factory = EpsilonGreedy::new;
        int before = LearnerKind.all().size();
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("linucb", factory));
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("LinUCB", factory));
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("epsilon_greedy", factory));
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("ucb1", factory));
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("my learner", factory));
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.registerLinear("", factory));
        assertThrows(IllegalArgumentException.class,
            () -> LearnerKind.registerLinear("greedy2", "g", Double.NaN, factory));
        assertThrows(NullPointerException.class, () -> LearnerKind.registerLinear("greedy3", null));
        assertEquals(before, LearnerKind.all().size(), "nothing was registered");
    }

    @Test
    void aLinearLearnerIsBuiltByItsRegisteredFactoryAndAMultiArmedOneIsNot() {
        BanditConfig config = new BanditConfig(LearnerKind.SQUARECB, false, 4, 1.0, 1.0, 7L, 8);
        assertTrue(LinearBandits.create(config) instanceof SquareCb);
        BanditConfig ucb = new BanditConfig(LearnerKind.UCB1, false, 4, 1.0, 0.0, 7L, 8);
        assertThrows(IllegalArgumentException.class, () -> LearnerKind.UCB1.buildLinear(ucb, new ArmModels(ucb)));
    }
}
