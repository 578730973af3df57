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
        "LINUCB, false, 9af44d3cff17bd5586c8bc43102eb76f6aff33dcd1fb5c777d69aca0d839523d",
        "LINUCB, true, a2ab7a43fc3b8c2baabf2f9aed824e88d62a9a06d6eee8e67273010e76942061",
        "LINEAR_THOMPSON, false, e253fb3ed66dbf5c7fe3dae16a4dbc50fdc8e8edd048b2def306c8788325a65a",
        "LINEAR_THOMPSON, true, 6c22290c03a7fbd0a78273a3d4144906ed19744f5c100ac40d8484517798ba9c",
        "SQUARECB, false, ef88486933c559301ff87e73255dbe342d892f9ac9b6884ee80dc393b25d0ab4",
        "SQUARECB, true, 927063575d5723e91e98c289e8e39023c04ffeb09442f393d173451a823387f0",
        "EPSILON_GREEDY, false, 069cde807eacc2cf0580781ab633c05a6b6c82ff2ebee2c2ef26f41e959a7485",
        "EPSILON_GREEDY, true, 6266d59442f51e03c58ac9fe86149efd635dca64489910c0fe522470083f2b6b",
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
