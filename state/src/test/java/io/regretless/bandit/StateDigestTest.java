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
        "LINUCB, false, 5a7e20ce99c3506879130de5206cee4d3ecd05cdeffb1e411aa5f761eaec931d",
        "LINUCB, true, 04d2142baa3b4a99317ebc5e1634e8e268574c06b827c21ff3a9e45acf7e2148",
        "LINEAR_THOMPSON, false, d258e22461f360cdc6a7bd1b7e84b0ad66e60b0cddf11f0e1ac14a20ee8b66bb",
        "LINEAR_THOMPSON, true, 117d4bf8c3e08f8a670dcce80526d0e355f6915942d9ea94228cd5be7e1d6ee1",
        "SQUARECB, false, 07046dbb435029b074fbce4d1b0e01aef11c9ec3380effd653ab8fef53b7d904",
        "SQUARECB, true, a4f4583de962e1cf16302873fe1ad3fe4d28412048cb17718e7df1fc978fd2b0",
        "EPSILON_GREEDY, false, 23065a53c2048a9b970cfdb23629c88bfe87b280e69a55502d363456480a668f",
        "EPSILON_GREEDY, true, afc4c497925c92c2c5cd74bf7085503efb94d029b21eeb2b81d2ac27a41ff263",
    })
    void aFixedReplayGivesTheCommittedStateDigest(LearnerKind kind, boolean shared, String digest) throws Exception {
        assertEquals(digest, replayDigest(kind, shared));
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
