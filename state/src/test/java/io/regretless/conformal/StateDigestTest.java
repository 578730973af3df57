package io.regretless.conformal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.regretless.codec.ConformalSeriesCodec;

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
        "SCP, dfe783503b9f335df323569035929f6fc93b91a5e6e5444fb8912d1d9e069490",
        "SCP_WINDOW, b6611d32c5303adb8e54f2691d0c2ba0e878e810983a8d590c3810e987adc54c",
        "NEXCP, 50d90b623326d9be5f1f5565366314405a5213a6ff7bdb0d0ad99af85270e722",
        "ACI, 4acf85edd607fb393d1bec2c741be33bcb7bd4a50134f268e0f775e3ac490140",
        "FACI, 3fe52b6af868be58bedeb433e2b47ed31c58142647547ff74f6d79d85e8532f3",
        "SF_OGD, 0a29795004d0d6cc7a6100a9cf303998e37e9a48702d71816ebf2f2291501c24",
        "FACI_S, bb18725aa95bb0ff8d7489e436309b6e3507d6e4297c2e5b150ebb03af192c15",
        "SAOCP, 457e9ca024732d2ad34eceb5c6243c32af9236639ffe692ac45a6459015e5e82",
        "QUANTILE_TRACKER, 28538bf4ddc7f2afd46997af668adb3fc59e5c8ab40a4212ac115332ce3227e4",
        "DEFAULT, ea26d434ddce7c12ce00066dfaf9f11e474ec5679a84b1c77d747f93b7120dac",
        "MULTIVALID, 15273925f1b9710905d91a6520bb0dcc543f743614b5587166ba1314223ce48f",
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
