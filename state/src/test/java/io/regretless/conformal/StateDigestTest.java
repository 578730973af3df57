package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Same input, same state, bit for bit, on any JVM: a fixed series through each calibrator (warm-up,
 * then read the radius, observe the label) hashes every radius and the stored series to a committed
 * SHA-256. A change of arithmetic (Math for StrictMath, another summation order) or of the stored
 * form fails here; a meant change commits the new digest with its reason.
 */
class StateDigestTest {
    static final int STEPS = 600;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "SCP, f600fc42fbd85af44e4b639ba1742d0f481dcf48d874a2d50e2f13370408c861",
        "SCP_WINDOW, df813291324eb45bc78d240ca969ff30671676c6be9dc8254a0a191dcad3f8b9",
        "NEXCP, d5df6ecd547bb7d031b039c7a097134be51a77f169af917b680d5496e39d93b5",
        "ACI, e1880503fd4f0c142274af150e596b29fd9e1ed04cae46d0b43d2e5eb1cf1a91",
        "FACI, 59d397d3bc4127726a2b60c9a814b10d32aa91b50f4fbef7f924c4515ad293a7",
        "SF_OGD, 4c3b2b62d5b7d41d8f3a68cd3e3938c8aefa23d51a1748f7085fed0fe0a67cfe",
        "FACI_S, c14d7979509665abbf531add18cf8fa30e51e8308534e00177a5faba65cfc811",
        "SAOCP, 83eada6d7799e80eaff7cebc4370dcbe3829556d6193692cea9ad29c94466ded",
        "QUANTILE_TRACKER, 3bce9c325c3fc17a96ae2ca3677198a8ecfbf8d52775861da9291f80f1b89749",
        "DEFAULT, 5d586f08e00f86d35dd7d8ff728145150569c8d6614952874b64cf3699596e2f",
        "MULTIVALID, 728483df3bade9eb532f5a9602fdf60a30fd9c42004aa11d8e7baa0c9c47a3ad",
    })
    void aFixedSeriesGivesTheCommittedStateDigest(CalibratorKind kind, String digest) throws Exception {
        assertEquals(digest, replayDigest(kind));
    }

    static String replayDigest(CalibratorKind kind) throws Exception {
        ConformalSeries series = ConformalSeries.create(kind, CalibratorConfig.of(0.9), 20, 50);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(13);
        double level = 0;
        for (int t = 0; t < STEPS; t++) {
            List<String> groups = t % 3 == 0 ? List.of("a") : List.of("a", "b");
            double yhat = level;
            double scale = t < STEPS / 2 ? 0.1 : 0.4;
            level += random.nextDouble(-0.05, 0.05);
            double y = level + scale * (random.nextDouble() - 0.5) * 2;
            double radius = series.radius(groups);
            sha.update(ByteBuffer.allocate(8).putDouble(radius).array());
            series.observe(yhat, yhat - radius, yhat + radius, y, groups);
        }
        sha.update(ConformalSeriesCodec.encode(series, "s"));
        return HexFormat.of().formatHex(sha.digest());
    }
}
