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
        "LINUCB, false, 523d811f27ac52cadf9444e53a81f734b26b620b7af8afa92c63fe912a86b32f",
        "LINUCB, true, 86dcf438c4beafccf5ebf5e3880d3e21cc617ae3f819b51018a36276932da6a5",
        "LINEAR_THOMPSON, false, 0b6c61f118495fd43b3f342b8d605861253e1091d6b58b4825fd30f702d97b54",
        "LINEAR_THOMPSON, true, bf4fd558530c03c414a436a6fe8ec5f918334ee2c36b653739be380eaedfe6e8",
        "SQUARECB, false, f4979703afaadccb1acd37bf83f4b13405b02b6406d9bbb81fa59a60c5c77c78",
        "SQUARECB, true, e64e13e144a26343c3cac240ab8800d9036b1ed358d9bb41259c98d1f8a2965a",
        "EPSILON_GREEDY, false, 6286d6ee9e9314197cc11495d89e7ae90d0af9e3e8f9a73f04c1609932690398",
        "EPSILON_GREEDY, true, eddd3917a0bded1fc48ab278962ce39d608323be90fb463c7b0b9b569a593c24",
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
