package io.regretless.topology.conformal;

import static io.regretless.topology.FuzzRun.assertOnlyDeadLettersDiffer;
import static io.regretless.topology.HostileJson.bad;
import static io.regretless.topology.HostileJson.json;
import static io.regretless.topology.HostileJson.valid;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.streams.TestInputTopic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.FuzzRun;

/**
 * Hostile records on the conformal inputs (prediction-requests, labels), interleaved with a valid
 * series whose records come as JSON or Avro at random: each lands in dead letters, one per bad
 * record, each bad JSON one naming the field, and intervals, evaluation and the stored calibrator
 * are exactly those of a clean all-Avro run.
 */
class ConformalBadInputFuzzTest {
    static final int STEPS = 300;
    static final WireCodec<PredictionRequest> REQUESTS = WireCodec.of(PredictionRequest.class);
    static final WireCodec<Label> LABELS = WireCodec.of(Label.class);

    @Test
    void badRecordsChangeNothingButTheDeadLetters(@TempDir Path dir) {
        assertOnlyDeadLettersDiffer(run(dir.resolve("clean"), 0L), run(dir.resolve("hostile"), 5L), STEPS,
            List.of("UNREADABLE", "NON_FINITE_NUMBER", "UNKNOWN_MODEL", "DUPLICATE_REQUEST", "DUPLICATE_LABEL",
                "UNKNOWN_REQUEST", "INVALID_RECORD"));
    }

    static FuzzRun run(Path stateDir, long badSeed) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "cf");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.conformal.models", "s");
        props.put("regretless.conformal.model.s.calibrator", "saocp");
        props.put("regretless.conformal.model.s.warmup", "10");
        try (ConformalDriver d = new ConformalDriver(props, "conformal-fuzz", stateDir)) {
            TestInputTopic<byte[], byte[]> requests = d.requests;
            TestInputTopic<byte[], byte[]> labels = d.labels;
            byte[] key = "s".getBytes();
            SplittableRandom series = new SplittableRandom(1);
            SplittableRandom bad = badSeed == 0 ? null : new SplittableRandom(badSeed);
            SplittableRandom formats = badSeed == 0 ? null : new SplittableRandom(badSeed + 1);
            Map<ByteBuffer, String> named = new HashMap<>();
            for (int t = 0; t < STEPS; t++) {
                double yhat = series.nextDouble();
                double y = yhat + series.nextGaussian() * 0.1;
                requests.pipeInput(key, valid(REQUESTS, new PredictionRequest("p" + t, "s", yhat, 2L * t, null, List.of()), formats), 2L * t);
                labels.pipeInput(key, valid(LABELS, new Label("p" + t, "s", y, 2L * t + 1), formats), 2L * t + 1);
                if (bad != null) {
                    hostile(bad, t, key, requests, labels, named);
                }
            }
            return FuzzRun.read(d.intervals, d.evaluation,
                d.driver.<String, byte[]>getKeyValueStore(ConformalTopology.CALIBRATORS_STORE).get("s"), d.deadLetters, named);
        }
    }

    /** One bad record at the current event time, so it cannot move stream time. */
    static void hostile(SplittableRandom random, int t, byte[] key, TestInputTopic<byte[], byte[]> requests,
                        TestInputTopic<byte[], byte[]> labels, Map<ByteBuffer, String> named) {
        long time = 2L * t + 1;
        byte[] valid = REQUESTS.encode(new PredictionRequest("x" + t, "s", 0.5, time, null, List.of()), WireFormat.AVRO);
        String request = json(REQUESTS, new PredictionRequest("j" + t, "s", 0.5, time, 0.9, List.of()));
        String label = json(LABELS, new Label("j" + t, "s", 0.3, time));
        switch (random.nextInt(17)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(1, 40)];
                random.nextBytes(noise);
                labels.pipeInput(key, noise, time);
            }
            case 1 -> requests.pipeInput(key, Arrays.copyOf(valid, random.nextInt(0, valid.length)), time);
            case 2 -> labels.pipeInput(key, valid, time);
            case 3 -> requests.pipeInput(key, REQUESTS.encode(new PredictionRequest("nan" + t, "s",
                random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY, time, null, List.of()), WireFormat.AVRO), time);
            case 4 -> requests.pipeInput(key, REQUESTS.encode(new PredictionRequest("who" + t, "nobody", 0.5, time, null, List.of()),
                WireFormat.AVRO), time);
            case 5 -> requests.pipeInput(key, REQUESTS.encode(new PredictionRequest("p" + t, "s", 0.5, time, null, List.of()), WireFormat.AVRO), time);
            case 6 -> labels.pipeInput(key, LABELS.encode(new Label("p" + t, "s", 0.3, time), WireFormat.AVRO), time);
            case 7 -> labels.pipeInput(key, LABELS.encode(new Label("never" + t, "s", 0.3, time), WireFormat.AVRO), time);
            case 8 -> requests.pipeInput(key, REQUESTS.encode(new PredictionRequest("cov" + t, "s", 0.5, time, 0.5, List.of()), WireFormat.AVRO),
                time);
            case 9 -> requests.pipeInput(key, bad(request.substring(0, random.nextInt(1, request.length())), "not valid JSON at ",
                named), time);
            case 10 -> requests.pipeInput(key, bad(request.replace("\"prediction\"", "\"predicton\""),
                "/predicton: unknown field (did you mean 'prediction'?)", named), time);
            case 11 -> requests.pipeInput(key, bad(request.replace("\"targetCoverage\":0.9", "\"targetCoverage\":{\"double\":0.9}"),
                "/targetCoverage: ", named), time);
            case 12 -> requests.pipeInput(key, bad(request.replace("\"prediction\":0.5", "\"prediction\":\"0.5\""),
                "/prediction: string found, number expected", named), time);
            case 13 -> labels.pipeInput(key, bad(label.replace("\"value\":0.3", "\"value\":null"), "/value: null found", named), time);
            case 14 -> requests.pipeInput(key, bad(request.replace("\"groups\":[]", "\"groups\":[\"rain\",\"rain\"]"),
                "/groups/1: group 'rain' is listed twice", named), time);
            case 15 -> requests.pipeInput(key, bad(request.replace("\"groups\":[]", "\"groups\":[\"rain\",7]"),
                "/groups/1: ", named), time);
            default -> labels.pipeInput(key, bad(label.replace("{\"id\":\"j" + t + "\",", "{"), "/id: missing required field", named),
                time);
        }
    }
}
