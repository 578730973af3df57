package io.regretless.bandit.mab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.regretless.bandit.Choice;
import io.regretless.bandit.ModelCapacityExceededException;

/** What every multi-armed learner promises (see {@link MultiArmedBandit}). */
class MultiArmedBanditContractTest {
    private static final int MAX_ARMS = 8;

    /** A learner's name, a fresh learner with at most {@code MAX_ARMS} arms, and its restore. */
    record Kind(String name, Supplier<MultiArmedBandit> create, Function<MabState, MultiArmedBandit> restore,
                boolean deterministic) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
            new Kind("ucb1", () -> new Ucb1(MAX_ARMS), s -> Ucb1.restore(MAX_ARMS, (Ucb1.State) s), true),
            new Kind("ts-bernoulli", () -> new BernoulliThompsonSampling(MAX_ARMS, 1, 1),
                s -> BernoulliThompsonSampling.restore(MAX_ARMS, 1, 1, (BernoulliThompsonSampling.State) s), false),
            new Kind("ts-gaussian", () -> new GaussianThompsonSampling(MAX_ARMS, 0, 1, 0.25),
                s -> GaussianThompsonSampling.restore(MAX_ARMS, 0, 1, 0.25, (GaussianThompsonSampling.State) s), false),
            new Kind("exp3-ix", () -> new Exp3Ix(MAX_ARMS, 0), s -> Exp3Ix.restore(MAX_ARMS, 0, (Exp3Ix.State) s), false),
            new Kind("ts-discounted", () -> new DiscountedThompsonSampling(MAX_ARMS, 0.99, 1, 1),
                s -> DiscountedThompsonSampling.restore(MAX_ARMS, 0.99, 1, 1, (DiscountedThompsonSampling.State) s), false),
            new Kind("sw-ucb", () -> new SlidingWindowUcb(MAX_ARMS, 50, 0.6),
                s -> SlidingWindowUcb.restore(MAX_ARMS, 0.6, (SlidingWindowUcb.State) s), true)
        ).map(Arguments::of);
    }

    private static final String[] ARMS = {"red", "green", "blue", "teal", "plum", "gold"};
    private static final double[] MEANS = {0.3, 0.5, 0.7, 0.4, 0.6, 0.2};

    /** Rounds with random subsets of the arms offered, learning 0/1 rewards from the chosen arm. */
    private static void play(MultiArmedBandit bandit, long seed, int rounds) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int t = 0; t < rounds; t++) {
            String[] offered = subset(random);
            Choice choice = bandit.choose(offered, random);
            String arm = offered[choice.chosen()];
            int index = List.of(ARMS).indexOf(arm);
            bandit.update(arm, random.nextDouble() < MEANS[index] ? 1.0 : 0.0, choice.propensity());
        }
    }

    private static String[] subset(SplittableRandom random) {
        int size = 2 + random.nextInt(ARMS.length - 1);
        String[] shuffled = ARMS.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String s = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = s;
        }
        return java.util.Arrays.copyOf(shuffled, size);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void choicesReportTheDistributionTheyAreDrawnFrom(Kind kind) {
        MultiArmedBandit bandit = kind.create().get();
        play(bandit, 1, 300);
        SplittableRandom random = new SplittableRandom(2);
        for (int t = 0; t < 50; t++) {
            String[] offered = subset(random);
            Choice choice = bandit.choose(offered, random);
            assertEquals(offered.length, choice.probabilities().length);
            double sum = 0;
            for (double p : choice.probabilities()) {
                assertTrue(p >= 0 && p <= 1);
                sum += p;
                if (kind.deterministic()) {
                    assertTrue(p == 0 || p == 1, "a deterministic rule reports 0/1, got " + p);
                }
            }
            assertEquals(1.0, sum, 1e-12);
            assertTrue(choice.propensity() > 0);
        }
    }

    /** Same state, many independent streams: each arm is chosen as often as its reported probability says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void choicesFollowTheReportedProbabilities(Kind kind) {
        MultiArmedBandit bandit = kind.create().get();
        play(bandit, 3, 60);
        String[] offered = {"gold", "blue", "plum", "red"};
        double[] p = bandit.choose(offered, new SplittableRandom(0)).probabilities();
        int n = 20_000;
        int[] counts = new int[offered.length];
        for (int i = 0; i < n; i++) {
            Choice choice = bandit.choose(offered, new SplittableRandom(1000 + i));
            assertArrayEquals(p, choice.probabilities(), "the distribution depends on the state only");
            counts[choice.chosen()]++;
        }
        for (int a = 0; a < offered.length; a++) {
            double se = Math.sqrt(p[a] * (1 - p[a]) / n);
            assertEquals(p[a], counts[a] / (double) n, 5 * se + 1e-12, offered[a]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void chooseLeavesTheStateAlone(Kind kind) {
        MultiArmedBandit bandit = kind.create().get();
        play(bandit, 4, 100);
        MabState before = bandit.state();
        bandit.choose(new String[] {"blue", "never-seen", "red"}, new SplittableRandom(5));
        assertEquals(before, bandit.state());
        assertEquals(-1, bandit.arms().indexOf("never-seen"), "offering an arm does not add it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void stateRoundTripsBitForBitAndTheCopyBehavesTheSame(Kind kind) {
        MultiArmedBandit original = kind.create().get();
        play(original, 6, 400);
        MabState state = original.state();
        MultiArmedBandit copy = kind.restore().apply(state);
        assertEquals(state, copy.state());
        assertEquals(original.version(), copy.version());
        assertEquals(original.learner(), state.learner());
        play(original, 7, 200);
        play(copy, 7, 200);
        assertEquals(original.state(), copy.state());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void armsAreAddedOnFirstUpdateInFirstSeenOrder(Kind kind) {
        MultiArmedBandit bandit = kind.create().get();
        bandit.update("b", 1.0);
        bandit.update("a", 0.0);
        bandit.update("b", 0.0);
        assertEquals(List.of("b", "a"), bandit.arms());
        assertEquals(3, bandit.version());
        Choice choice = bandit.choose(new String[] {"new", "a"}, new SplittableRandom(8));
        assertEquals(2, choice.probabilities().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void refusedInputChangesNothing(Kind kind) {
        MultiArmedBandit bandit = kind.create().get();
        play(bandit, 9, 50);
        MabState before = bandit.state();
        SplittableRandom random = new SplittableRandom(10);
        assertThrows(IllegalArgumentException.class, () -> bandit.choose(new String[0], random));
        assertThrows(IllegalArgumentException.class, () -> bandit.choose(new String[] {"red", "red"}, random));
        assertThrows(IllegalArgumentException.class, () -> bandit.choose(new String[] {"red", null}, random));
        assertThrows(IllegalArgumentException.class, () -> bandit.update("red", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> bandit.update("", 1.0));
        if (!kind.name().equals("ts-gaussian")) {
            assertThrows(IllegalArgumentException.class, () -> bandit.update("red", 1.5));
            assertThrows(IllegalArgumentException.class, () -> bandit.update("red", -0.1));
        }
        for (int i = bandit.arms().size(); i < MAX_ARMS; i++) {
            bandit.update("extra" + i, 0.5);
        }
        MabState full = bandit.state();
        assertThrows(ModelCapacityExceededException.class, () -> bandit.update("one-too-many", 0.5));
        assertEquals(full, bandit.state());
        assertTrue(before.version() < full.version());
    }
}
