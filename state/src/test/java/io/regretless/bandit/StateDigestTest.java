package io.regretless.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        "LINUCB, false, 8c720a9866060a197cbe20474b03de4408245937812e0c3edc1420931a64f8c2",
        "LINUCB, true, 2d3740feb0d6ddbd3744d2ebb2be1b4f0a673b727892a0852fe4dbefe8554605",
        "LINEAR_THOMPSON, false, 3a961fbc065d7748d6986713088a344e8e4b80c29ffcb53588ed22e362903bfe",
        "LINEAR_THOMPSON, true, efdae749d47c761ae4a69aa566dd0fdcf9d44412fe9682e4c2941e5887ffd2a7",
        "SQUARECB, false, 9024acf82907b1eec653e508d9e68ea739900471a06071e4dbadfc03685e7096",
        "SQUARECB, true, 52500c167b154d14874bea5c212e10cbc710a25e656d65759af1994a6f5706b3",
        "EPSILON_GREEDY, false, 090ec3d77699f06d2d86ab6baa16c77ee688b41b9f5ba62c427323f3f5d168c8",
        "EPSILON_GREEDY, true, e4ae6d3b75cc3d70663b2feae523d546e904bd7b35716db6ad7627dbfde7eda7",
    })
    void aFixedReplayGivesTheCommittedStateDigest(LearnerKind kind, boolean shared, String digest) throws Exception {
        assertEquals(digest, replayDigest(kind, shared));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "UCB1, 465d6625ddf9e75a66b5f362b97b90e30c62f520b0f73ff82dfb2b22824719fd",
        "BERNOULLI_THOMPSON, c2fae1a51873419e3dbd420fd0c96f6e90794d80eeca5f818c5b9055709f86ac",
        "GAUSSIAN_THOMPSON, 671dfb9a7014423196284e5540fa4b300045bc9d6ce33855904b01a17058a8e2",
        "EXP3_IX, 0f625561d88c242c603a63716a376d3e77a89c231de106079d09a4286950765a",
        "DISCOUNTED_THOMPSON, e7ec3d2329e4e8184b33343b3a4cd7b35d50f3a9b8d82ced06de3656f60a2408",
        "SLIDING_WINDOW_UCB, df42d2b15aee4437ad447ece7ed7bfdcefee2e11f9421c1f61a197849d5dd58b",
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
