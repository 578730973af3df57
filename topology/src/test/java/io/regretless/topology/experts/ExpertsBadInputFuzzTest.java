package io.regretless.topology.experts;

import static io.regretless.topology.SameRecords.assertSameRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Advice;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.ExpertAdvice;
import io.regretless.schemas.Label;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.Topics;

/**
 * Hostile records on the sleeping-experts inputs (advice, expert-labels), interleaved with valid
 * cases: each lands in dead letters, one per bad record, and combined predictions, group
 * evaluations and the stored model are exactly those of a clean run.
 */
class ExpertsBadInputFuzzTest {
    static final int CASES = 300;
    static final List<String> EXPERTS = List.of("e0", "e1", "e2");
    static final AvroCodec<Advice> ADVICE = AvroCodec.of(Advice.class);
    static final AvroCodec<Label> LABELS = AvroCodec.of(Label.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);

    record Outcome(List<byte[]> combined, List<byte[]> evaluation, byte[] model, List<String> reasons) {
    }

    @Test
    void badRecordsChangeNothingButTheDeadLetters(@TempDir Path dir) {
        Outcome clean = run(dir.resolve("clean"), 0L);
        Outcome hostile = run(dir.resolve("hostile"), 7L);
        assertSameRecords("combined", clean.combined(), hostile.combined());
        assertSameRecords("evaluation", clean.evaluation(), hostile.evaluation());
        assertArrayEquals(clean.model(), hostile.model());
        assertTrue(clean.reasons().isEmpty());
        assertEquals(CASES, hostile.reasons().size(), "one dead letter per bad record");
        for (String reason : List.of("UNREADABLE", "NON_FINITE_NUMBER", "UNKNOWN_MODEL", "UNKNOWN_GROUP",
            "UNKNOWN_EXPERT", "DUPLICATE_REQUEST", "DUPLICATE_LABEL", "UNKNOWN_REQUEST")) {
            assertTrue(hostile.reasons().contains(reason), reason + " in " + hostile.reasons());
        }
    }

    static Outcome run(Path stateDir, long badSeed) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "xf");
        props.put("regretless.experts.models", "adv");
        props.put("regretless.experts.model.adv.mode", "advice");
        props.put("regretless.experts.model.adv.groups", "young,old");
        props.put("regretless.experts.model.adv.experts", String.join(",", EXPERTS));
        RegretlessConfig config = RegretlessConfig.fromProperties(props);
        Topics topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "experts-fuzz");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(RegretlessTopology.build(config), streams, Instant.EPOCH)) {
            ByteArraySerializer out = new ByteArraySerializer();
            ByteArrayDeserializer in = new ByteArrayDeserializer();
            TestInputTopic<byte[], byte[]> advice = driver.createInputTopic(topics.advice(), out, out);
            TestInputTopic<byte[], byte[]> labels = driver.createInputTopic(topics.expertLabels(), out, out);
            TestOutputTopic<byte[], byte[]> combined = driver.createOutputTopic(topics.combined(), in, in);
            TestOutputTopic<byte[], byte[]> evaluation = driver.createOutputTopic(topics.groupEvaluation(), in, in);
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
            byte[] key = "adv".getBytes();
            SplittableRandom cases = new SplittableRandom(2);
            SplittableRandom bad = badSeed == 0 ? null : new SplittableRandom(badSeed);
            for (int t = 0; t < CASES; t++) {
                List<String> groups = t % 3 == 0 ? List.of("young") : t % 3 == 1 ? List.of("old") : List.of("young", "old");
                List<ExpertAdvice> given = new ArrayList<>();
                for (int e = 0; e < EXPERTS.size(); e++) {
                    if ((t + e) % 4 != 0) {
                        given.add(new ExpertAdvice(EXPERTS.get(e), cases.nextDouble()));
                    }
                }
                advice.pipeInput(key, ADVICE.encode(new Advice("c" + t, "adv", 2L * t, groups, given, List.of())), 2L * t);
                labels.pipeInput(key, LABELS.encode(new Label("c" + t, "adv", cases.nextDouble(), 2L * t + 1)), 2L * t + 1);
                if (bad != null) {
                    hostile(bad, t, key, advice, labels);
                }
            }
            List<String> reasons = new ArrayList<>();
            deadLetters.readValuesToList().forEach(v -> reasons.add(DEAD.decode(v).getReason()));
            return new Outcome(combined.readValuesToList(), evaluation.readValuesToList(),
                driver.<String, byte[]>getKeyValueStore(ExpertsTopology.expertsStoreName()).get("adv"), reasons);
        }
    }

    /** One bad record at the current event time, so it cannot move stream time. */
    static void hostile(SplittableRandom random, int t, byte[] key, TestInputTopic<byte[], byte[]> advice,
                        TestInputTopic<byte[], byte[]> labels) {
        long time = 2L * t + 1;
        List<ExpertAdvice> ok = List.of(new ExpertAdvice("e0", 0.5));
        byte[] valid = ADVICE.encode(new Advice("x" + t, "adv", time, List.of("young"), ok, List.of()));
        switch (random.nextInt(9)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(1, 40)];
                random.nextBytes(noise);
                advice.pipeInput(key, noise, time);
            }
            case 1 -> labels.pipeInput(key, Arrays.copyOf(valid, random.nextInt(0, valid.length)), time);
            case 2 -> advice.pipeInput(key, ADVICE.encode(new Advice("nan" + t, "adv", time, List.of("young"),
                List.of(new ExpertAdvice("e1", Double.NaN)), List.of())), time);
            case 3 -> advice.pipeInput(key, ADVICE.encode(new Advice("who" + t, "nobody", time, List.of(), ok, List.of())), time);
            case 4 -> advice.pipeInput(key, ADVICE.encode(new Advice("grp" + t, "adv", time, List.of("martians"), ok,
                List.of())), time);
            case 5 -> advice.pipeInput(key, ADVICE.encode(new Advice("exp" + t, "adv", time, List.of("old"),
                List.of(new ExpertAdvice("oracle", 0.5)), List.of())), time);
            case 6 -> advice.pipeInput(key, ADVICE.encode(new Advice("c" + t, "adv", time, List.of("old"), ok, List.of())), time);
            case 7 -> labels.pipeInput(key, LABELS.encode(new Label("c" + t, "adv", 0.3, time)), time);
            default -> labels.pipeInput(key, LABELS.encode(new Label("never" + t, "adv", 0.3, time)), time);
        }
    }
}
