package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regretless.codec.LinearBanditCodec;

/**
 * Same seed and same input give the same state, bit for bit, on any JVM: a fixed replay through
 * each learner kind (decide with the request's random stream, learn the chosen action's reward)
 * hashes the stored state and every logged propensity to a committed SHA-256. A change of
 * arithmetic (Math for StrictMath, another summation order) or of the stored form fails here; if
 * the change is meant, the new digest goes in with the reason in the commit.
 */
class StateDigestTest {
    static final int ROUNDS = 400;
    static final int ACTIONS = 5;
    static final int DIMENSION = 8;

    @ParameterizedTest(name = "{0} shared={1}")
    @CsvSource({
        "LINUCB, false, 49fa817f890d77de5555663d4c374920f9499d1598042856821e0c5cbe7dd873",
        "LINUCB, true, f2217777cdccbf7e480acccbcdfa9456d71f867d9b217c78aa8a137fa358a7f7",
        "LINEAR_THOMPSON, false, 57e66a4d8c6739c3060023e653d6a4ed6517e501286821fe332cc950bc809d9f",
        "LINEAR_THOMPSON, true, 14674c532f0c20a70db0c8c88b489ddd849a5fbf7bf268d2c823239f15d9340e",
        "SQUARECB, false, cd7ca4ab7dea6caad7e8ec2199c51b728a3b0d7d4c88058fe824d5cf2ed6c469",
        "SQUARECB, true, 14355b29e3883a9c20fa9ebbbd63069d3d9acb1831106e7727d889c0ef0625b3",
        "EPSILON_GREEDY, false, e874c3a78570cc1e9884de09d79d6caf295e8ab18a897782b5287c03a69d1d05",
        "EPSILON_GREEDY, true, c39f79a50c367ad121504bfe314502cb16573ac7c6d34f6efc813dbeda29a4e5",
    })
    void aFixedReplayGivesTheCommittedStateDigest(LearnerKind kind, boolean shared, String digest) throws Exception {
        assertEquals(digest, replayDigest(kind, shared));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "UCB1, ae7df29da81796d8fd21dfdd6c521a8db8610c574be0c5d7c243b56a2b373b3b",
        "BERNOULLI_THOMPSON, 7161e64f266a1af1a9587c8da12689383f7899bc9b0f6ed9aab540cf4972f57c",
        "GAUSSIAN_THOMPSON, c13f5f8d68f7c8ecd8ce6f2b84df1b52bfce9ba56490e298bac39ffcb083e64e",
        "EXP3_IX, 0b7576d273e2ff75adf423bf79773152a1396403ea40cab94cb9c672e98fd58a",
        "DISCOUNTED_THOMPSON, f56c91bfcea8acf5515598325eae8c0ab8d717bee9772d5940da84dca9fce00c",
        "SLIDING_WINDOW_UCB, 6cf4b899e09471b72f7074d262fb75d6237706d38ee836d1494710ee1f5d59bb",
    })
    void aFixedReplayOfAMultiArmedLearnerGivesTheCommittedStateDigest(LearnerKind kind, String digest) throws Exception {
        assertEquals(digest, multiArmedReplayDigest(kind));
    }

    /**
     * The multi-armed learners through the topology's learner interface: requests without features
     * offer a random subset of the arms (so arms are met offered but unlearned), Bernoulli rewards
     * are learned with the logged propensity, and every logged probability and the stored state are
     * hashed. The window and discount are small so that both act within the replay.
     */
    static String multiArmedReplayDigest(LearnerKind kind) throws Exception {
        BanditConfig config = new BanditConfig(kind, false, DIMENSION, 1.0, kind.defaultExploration(), 42L, 100,
            new MultiArmedSettings(0.95, 50, 0));
        ContextualBandit bandit = LinearBandits.create(config);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom world = new SplittableRandom(7);
        for (int n = 0; n < ROUNDS; n++) {
            int offered = 2 + world.nextInt(ACTIONS - 1);
            String[] ids = new String[offered];
            for (int a = 0; a < offered; a++) {
                ids[a] = "a" + a;
            }
            Candidates candidates = new Candidates(ids, new double[offered][0]);
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(config.seed(), "r" + n));
            for (double p : choice.probabilities()) {
                sha.update(ByteBuffer.allocate(8).putDouble(p).array());
            }
            double mean = (n < ROUNDS / 2 ? 0.2 + 0.15 * choice.chosen() : 0.8 - 0.15 * choice.chosen());
            double reward = world.nextDouble() < mean ? 1.0 : 0.0;
            bandit.update(ids[choice.chosen()], new double[0], reward, 1.0, choice.propensity());
        }
        sha.update(LinearBanditCodec.encode(bandit, "m"));
        return HexFormat.of().formatHex(sha.digest());
    }

    static String replayDigest(LearnerKind kind, boolean shared) throws Exception {
        BanditConfig config = Fixtures.config(kind, shared, DIMENSION, Fixtures.exploration(kind));
        ContextualBandit bandit = LinearBandits.create(config);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom world = new SplittableRandom(7);
        for (int n = 0; n < ROUNDS; n++) {
            Candidates candidates = Fixtures.candidates(world, ACTIONS, DIMENSION);
            Choice choice = bandit.choose(candidates, DecisionRandomness.forRequest(config.seed(), "r" + n));
            for (double p : choice.probabilities()) {
                sha.update(ByteBuffer.allocate(8).putDouble(p).array());
            }
            double[] x = candidates.features()[choice.chosen()];
            double reward = 0.2 * choice.chosen() / ACTIONS + 0.3 * x[1] + 0.1 * world.nextDouble(-1, 1);
            bandit.update(candidates.actionIds()[choice.chosen()], x, reward);
        }
        sha.update(LinearBanditCodec.encode(bandit, "m"));
        return HexFormat.of().formatHex(sha.digest());
    }
}
