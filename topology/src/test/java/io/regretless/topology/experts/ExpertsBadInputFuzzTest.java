package io.regretless.topology.experts;

import static io.regretless.topology.FuzzRun.assertOnlyDeadLettersDiffer;
import static io.regretless.topology.HostileJson.bad;
import static io.regretless.topology.HostileJson.json;
import static io.regretless.topology.HostileJson.valid;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.streams.TestInputTopic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Advice;
import io.regretless.schemas.ExpertAdvice;
import io.regretless.schemas.Label;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.FuzzRun;

/**
 * Hostile records on the sleeping-experts inputs (advice, expert-labels), interleaved with valid
 * cases that come as JSON or Avro at random: each lands in dead letters, one per bad record, each
 * bad JSON one naming the field, and combined predictions, group evaluations and the stored model
 * are exactly those of a clean all-Avro run.
 */
class ExpertsBadInputFuzzTest {
    static final int CASES = 300;
    static final List<String> EXPERTS = List.of("e0", "e1", "e2");
    static final WireCodec<Advice> ADVICE = WireCodec.of(Advice.class);
    static final WireCodec<Label> LABELS = WireCodec.of(Label.class);

    @Test
    void badRecordsChangeNothingButTheDeadLetters(@TempDir Path dir) {
        assertOnlyDeadLettersDiffer(run(dir.resolve("clean"), 0L), run(dir.resolve("hostile"), 7L), CASES,
            List.of("UNREADABLE", "NON_FINITE_NUMBER", "UNKNOWN_MODEL", "UNKNOWN_GROUP", "UNKNOWN_EXPERT",
                "DUPLICATE_REQUEST", "DUPLICATE_LABEL", "UNKNOWN_REQUEST"));
    }

    static FuzzRun run(Path stateDir, long badSeed) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "xf");
        props.put("regretless.state.store.type", "in-memory");
        props.put("regretless.experts.models", "adv");
        props.put("regretless.experts.model.adv.mode", "advice");
        props.put("regretless.experts.model.adv.groups", "young,old");
        props.put("regretless.experts.model.adv.experts", String.join(",", EXPERTS));
        try (ExpertsDriver d = new ExpertsDriver(props, "experts-fuzz", stateDir)) {
            TestInputTopic<byte[], byte[]> advice = d.advice;
            TestInputTopic<byte[], byte[]> labels = d.labels;
            byte[] key = "adv".getBytes();
            SplittableRandom cases = new SplittableRandom(2);
            SplittableRandom bad = badSeed == 0 ? null : new SplittableRandom(badSeed);
            SplittableRandom formats = badSeed == 0 ? null : new SplittableRandom(badSeed + 1);
            Map<ByteBuffer, String> named = new HashMap<>();
            for (int t = 0; t < CASES; t++) {
                List<String> groups = t % 3 == 0 ? List.of("young") : t % 3 == 1 ? List.of("old") : List.of("young", "old");
                List<ExpertAdvice> given = new ArrayList<>();
                for (int e = 0; e < EXPERTS.size(); e++) {
                    if ((t + e) % 4 != 0) {
                        given.add(new ExpertAdvice(EXPERTS.get(e), cases.nextDouble()));
                    }
                }
                advice.pipeInput(key, valid(ADVICE, new Advice("c" + t, "adv", 2L * t, groups, given, List.of()), formats), 2L * t);
                labels.pipeInput(key, valid(LABELS, new Label("c" + t, "adv", cases.nextDouble(), 2L * t + 1), formats), 2L * t + 1);
                if (bad != null) {
                    hostile(bad, t, key, advice, labels, named);
                }
            }
            return FuzzRun.read(d.combined, d.evaluation,
                d.driver.<String, byte[]>getKeyValueStore(ExpertsTopology.expertsStoreName()).get("adv"), d.deadLetters, named);
        }
    }

    /** One bad record at the current event time, so it cannot move stream time. */
    static void hostile(SplittableRandom random, int t, byte[] key, TestInputTopic<byte[], byte[]> advice,
                        TestInputTopic<byte[], byte[]> labels, Map<ByteBuffer, String> named) {
        long time = 2L * t + 1;
        List<ExpertAdvice> ok = List.of(new ExpertAdvice("e0", 0.5));
        byte[] valid = ADVICE.encode(new Advice("x" + t, "adv", time, List.of("young"), ok, List.of()), WireFormat.AVRO);
        String json = json(ADVICE, new Advice("j" + t, "adv", time, List.of("young"), ok, List.of()));
        switch (random.nextInt(15)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(1, 40)];
                random.nextBytes(noise);
                advice.pipeInput(key, noise, time);
            }
            case 1 -> labels.pipeInput(key, Arrays.copyOf(valid, random.nextInt(0, valid.length)), time);
            case 2 -> advice.pipeInput(key, ADVICE.encode(new Advice("nan" + t, "adv", time, List.of("young"),
                List.of(new ExpertAdvice("e1", Double.NaN)), List.of()), WireFormat.AVRO), time);
            case 3 -> advice.pipeInput(key, ADVICE.encode(new Advice("who" + t, "nobody", time, List.of(), ok, List.of()),
                WireFormat.AVRO), time);
            case 4 -> advice.pipeInput(key, ADVICE.encode(new Advice("grp" + t, "adv", time, List.of("martians"), ok,
                List.of()), WireFormat.AVRO), time);
            case 5 -> advice.pipeInput(key, ADVICE.encode(new Advice("exp" + t, "adv", time, List.of("old"),
                List.of(new ExpertAdvice("oracle", 0.5)), List.of()), WireFormat.AVRO), time);
            case 6 -> advice.pipeInput(key, ADVICE.encode(new Advice("c" + t, "adv", time, List.of("old"), ok, List.of()),
                WireFormat.AVRO), time);
            case 7 -> labels.pipeInput(key, LABELS.encode(new Label("c" + t, "adv", 0.3, time), WireFormat.AVRO), time);
            case 8 -> labels.pipeInput(key, LABELS.encode(new Label("never" + t, "adv", 0.3, time), WireFormat.AVRO), time);
            case 9 -> advice.pipeInput(key, bad(json.substring(0, random.nextInt(1, json.length())), "not valid JSON at ", named), time);
            case 10 -> advice.pipeInput(key, bad(json.replace("\"groups\"", "\"group\""), "/group: unknown field (did you mean 'groups'?)",
                named), time);
            case 11 -> advice.pipeInput(key, bad(json.replace("\"expert\":\"e0\"", "\"expert\":0"),
                "/advice/0/expert: integer found, string expected", named), time);
            case 12 -> advice.pipeInput(key, bad(json.replace("\"groups\":[\"young\"]", "\"groups\":\"young\""),
                "/groups: string found, array expected", named), time);
            case 13 -> advice.pipeInput(key, bad(json.replace("\"prediction\":0.5", "\"prediction\":-Infinity"),
                "not valid JSON at /advice/0/prediction", named), time);
            default -> labels.pipeInput(key, bad("{\"id\": \"c" + t + "\", \"modelId\": \"adv\", \"value\": 0.3, \"timestamp\": \"now\"}",
                "/timestamp: string found, integer expected", named), time);
        }
    }
}
