package io.regretless.bandit.mab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Choice;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.bandit.LearnerKind;
import io.regretless.bandit.LinearBanditCodec;
import io.regretless.bandit.LinearBandits;
import io.regretless.bandit.ModelCapacityExceededException;
import io.regretless.bandit.MultiArmedSettings;
import io.regretless.bandit.PublishedBandit;
import io.regretless.schemas.state.LinearBanditState;

/**
 * The multi-armed learners through the topology's learner interface: stored and published bytes
 * round-trip bit for bit, a learner restored mid-stream goes on exactly as the one that never
 * stopped, the published settings give back the configuration, and what a multi-armed learner
 * cannot learn is refused without changing it.
 */
class MultiArmedModelTest {
    static final String[] ARMS = {"a", "b", "c", "d"};

    static BanditConfig config(LearnerKind kind) {
        return new BanditConfig(kind, false, 16, 1.0, kind.defaultExploration(), 9L, 8,
            new MultiArmedSettings(0.97, 30, 500));
    }

    /** One round: a random subset of the arms offered, the chosen one paid by a Bernoulli draw. */
    static Choice round(ContextualBandit bandit, SplittableRandom world, int n) {
        int offered = 2 + world.nextInt(ARMS.length - 1);
        String[] ids = Arrays.copyOf(ARMS, offered);
        Choice choice = bandit.choose(Candidates.withoutFeatures(ids), DecisionRandomness.forRequest(9L, "r" + n));
        double mean = 0.2 + 0.2 * choice.chosen();
        bandit.update(ids[choice.chosen()], new double[0], world.nextDouble() < mean ? 1.0 : 0.0, 1.0,
            choice.propensity());
        return choice;
    }

    @ParameterizedTest
    @ValueSource(strings = {"UCB1", "BERNOULLI_THOMPSON", "GAUSSIAN_THOMPSON", "EXP3_IX",
        "DISCOUNTED_THOMPSON", "SLIDING_WINDOW_UCB"})
    void aRestoredLearnerGoesOnBitForBitAsTheOneThatNeverStopped(LearnerKind kind) {
        BanditConfig config = config(kind);
        ContextualBandit running = LinearBandits.create(config);
        SplittableRandom world = new SplittableRandom(5);
        for (int n = 0; n < 150; n++) {
            round(running, world, n);
        }
        byte[] stored = LinearBanditCodec.encode(running, "m");
        ContextualBandit restored = LinearBanditCodec.decode(stored, config);
        assertArrayEquals(stored, LinearBanditCodec.encode(restored, "m"), "decode, encode gives the bytes back");
        assertEquals(running.version(), restored.version());
        assertEquals(running.armCount(), restored.armCount());

        SplittableRandom worldA = new SplittableRandom(6);
        SplittableRandom worldB = new SplittableRandom(6);
        for (int n = 150; n < 300; n++) {
            Choice a = round(running, worldA, n);
            Choice b = round(restored, worldB, n);
            assertEquals(a.chosen(), b.chosen(), "round " + n);
            assertArrayEquals(a.probabilities(), b.probabilities(), "round " + n);
        }
        assertArrayEquals(LinearBanditCodec.encode(running, "m"), LinearBanditCodec.encode(restored, "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UCB1", "BERNOULLI_THOMPSON", "GAUSSIAN_THOMPSON", "EXP3_IX",
        "DISCOUNTED_THOMPSON", "SLIDING_WINDOW_UCB"})
    void thePublishedModelCarriesItsStateAndSettings(LearnerKind kind) {
        BanditConfig config = config(kind);
        ContextualBandit bandit = LinearBandits.create(config);
        SplittableRandom world = new SplittableRandom(8);
        for (int n = 0; n < 80; n++) {
            round(bandit, world, n);
        }
        PublishedBandit published = PublishedBandit.of("m", bandit, config, 10, 5);
        PublishedBandit read = PublishedBandit.decode(published.state());
        assertEquals(config, read.config(), "discount, window and horizon travel with the model");
        assertEquals(80L, read.version());
        ContextualBandit decider = read.learner();
        assertEquals(kind.shortName(), decider.learner());
        for (int n = 0; n < 20; n++) {
            Candidates offer = Candidates.withoutFeatures(ARMS);
            Choice there = decider.choose(offer, DecisionRandomness.forRequest(9L, "q" + n));
            Choice here = bandit.choose(offer, DecisionRandomness.forRequest(9L, "q" + n));
            assertEquals(here.chosen(), there.chosen());
            assertArrayEquals(here.probabilities(), there.probabilities());
        }
        LinearBanditState state = decider.toState("m");
        assertNotNull(state.getMultiArmed());
        assertTrue(state.getArms().isEmpty());
    }

    @Test
    void whatAMultiArmedLearnerCannotLearnIsRefusedAndChangesNothing() {
        ContextualBandit ucb = LinearBandits.create(config(LearnerKind.UCB1));
        ucb.update("a", new double[0], 1.0);
        byte[] before = LinearBanditCodec.encode(ucb, "m");
        assertThrows(IllegalArgumentException.class, () -> ucb.update("a", new double[0], 1.0, 2.0),
            "importance weights are not a multi-armed notion");
        assertThrows(IllegalArgumentException.class, () -> ucb.update("a", new double[0], 1.5));
        assertThrows(IllegalArgumentException.class, () -> ucb.update("a", new double[0], Double.NaN));
        assertArrayEquals(before, LinearBanditCodec.encode(ucb, "m"));

        ContextualBandit exp3 = LinearBandits.create(config(LearnerKind.EXP3_IX));
        assertThrows(IllegalArgumentException.class, () -> exp3.update("a", new double[0], 1.0, 1.0, 0.0),
            "a logged propensity of 0 is no probability the arm was played with");

        ContextualBandit bounded = LinearBandits.create(new BanditConfig(LearnerKind.BERNOULLI_THOMPSON, false, 4, 1.0,
            0.0, 1L, 2));
        bounded.update("a", new double[0], 1.0);
        bounded.update("b", new double[0], 0.0);
        assertTrue(bounded.isNewArm("c"));
        assertFalse(bounded.isNewArm("a"));
        assertThrows(ModelCapacityExceededException.class, () -> bounded.update("c", new double[0], 1.0));
        assertEquals(2, bounded.armCount());
    }

    @Test
    void aStateOfAnotherLearnerOrWindowIsRefused() {
        ContextualBandit ucb = LinearBandits.create(config(LearnerKind.UCB1));
        ucb.update("a", new double[0], 1.0);
        byte[] bytes = LinearBanditCodec.encode(ucb, "m");
        IllegalStateException other = assertThrows(IllegalStateException.class,
            () -> LinearBanditCodec.decode(bytes, config(LearnerKind.BERNOULLI_THOMPSON)));
        assertTrue(other.getMessage().contains("'ucb1'") && other.getMessage().contains("'ts-bernoulli'"),
            other.getMessage());
        assertThrows(IllegalStateException.class, () -> LinearBanditCodec.decode(bytes,
            new BanditConfig(LearnerKind.LINUCB, false, 16, 1.0, 1.0, 9L, 8)));

        ContextualBandit sw = LinearBandits.create(config(LearnerKind.SLIDING_WINDOW_UCB));
        sw.update("a", new double[0], 1.0);
        byte[] window30 = LinearBanditCodec.encode(sw, "m");
        BanditConfig window40 = new BanditConfig(LearnerKind.SLIDING_WINDOW_UCB, false, 16, 1.0, 0.6, 9L, 8,
            new MultiArmedSettings(0.97, 40, 500));
        IllegalStateException window = assertThrows(IllegalStateException.class,
            () -> LinearBanditCodec.decode(window30, window40));
        assertTrue(window.getMessage().contains("window 30") && window.getMessage().contains("window 40"),
            window.getMessage());
    }

    @Test
    void aMultiArmedLearnerCannotBeShared() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new BanditConfig(LearnerKind.UCB1, true, 16, 1.0, 0.0, 1L, 8));
        assertTrue(e.getMessage().contains("cannot be shared"), e.getMessage());
    }
}
