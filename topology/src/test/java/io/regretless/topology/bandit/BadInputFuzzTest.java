package io.regretless.topology.bandit;

import static io.regretless.topology.SameRecords.assertSameRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

import io.regretless.schemas.Action;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.topology.RegretlessTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.Topics;

/**
 * Hostile input interleaved with a valid stream on every bandit input topic (requests, rewards,
 * labeled): random bytes, truncated Avro, a record of another schema, huge feature maps, NaN and
 * infinite values, invalid logged feedback, duplicate and late rewards, unknown models.
 * Every bad record is dead-lettered with its reason, and the valid records' decisions, feedback and
 * the final model are exactly those of a run without the bad ones.
 */
class BadInputFuzzTest {
    static final int REQUESTS = 400;
    static final AvroCodec<DecisionRequest> REQUESTS_CODEC = AvroCodec.of(DecisionRequest.class);
    static final AvroCodec<Reward> REWARDS_CODEC = AvroCodec.of(Reward.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final AvroCodec<LoggedFeedback> LOGGED = AvroCodec.of(LoggedFeedback.class);

    /** What one run produced. */
    record Outcome(List<byte[]> decisions, List<byte[]> feedback, byte[] model, List<String> deadLetterReasons) {
    }

    @Test
    void badRecordsAreRefusedWithTheirReasonAndChangeNothingElse(@TempDir Path dir) {
        Outcome clean = run(dir.resolve("clean"), 0L);
        Outcome hostile = run(dir.resolve("hostile"), 99L);

        assertSameRecords("decision", clean.decisions(), hostile.decisions());
        assertSameRecords("feedback", clean.feedback(), hostile.feedback());
        assertArrayEquals(clean.model(), hostile.model(), "the model learned only from valid records");
        assertTrue(clean.deadLetterReasons().isEmpty());
        assertEquals(REQUESTS, hostile.deadLetterReasons().size(), "one dead letter per bad record, none lost");
        Map<String, Integer> byReason = new HashMap<>();
        hostile.deadLetterReasons().forEach(r -> byReason.merge(r, 1, Integer::sum));
        for (String reason : List.of("UNREADABLE", "NON_FINITE_NUMBER", "TOO_MANY_FEATURES", "UNKNOWN_MODEL",
            "DUPLICATE_REWARD", "LATE_REWARD", "DUPLICATE_REQUEST", "UNKNOWN_REQUEST", "INVALID_RECORD")) {
            assertTrue(byReason.getOrDefault(reason, 0) > 0, "some " + reason + " in " + byReason);
        }
    }

    /** Plays the valid stream; with a non-zero seed, interleaves a bad record after most valid ones. */
    static Outcome run(Path stateDir, long badSeed) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "f");
        props.put("regretless.models", "m");
        props.put("regretless.model.m.learner", "squarecb");
        props.put("regretless.model.m.dimension", "16");
        props.put("regretless.model.m.attribution.window.ms", "500");
        props.put("regretless.model.m.max.features", "50");
        RegretlessConfig config = RegretlessConfig.fromProperties(props);
        Topics topics = config.topics();
        Properties streams = new Properties();
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, "fuzz");
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(RegretlessTopology.build(config), streams, Instant.EPOCH)) {
            ByteArraySerializer out = new ByteArraySerializer();
            TestInputTopic<byte[], byte[]> requests = driver.createInputTopic(topics.requests(), out, out);
            TestInputTopic<byte[], byte[]> rewards = driver.createInputTopic(topics.rewards(), out, out);
            TestInputTopic<byte[], byte[]> labeled = driver.createInputTopic(topics.labeled(), out, out);
            ByteArrayDeserializer in = new ByteArrayDeserializer();
            TestOutputTopic<byte[], byte[]> decisions = driver.createOutputTopic(topics.decisions(), in, in);
            TestOutputTopic<byte[], byte[]> feedback = driver.createOutputTopic(topics.feedback(), in, in);
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(topics.deadLetters(), in, in);
            byte[] key = "m".getBytes();
            SplittableRandom bad = badSeed == 0 ? null : new SplittableRandom(badSeed);
            for (int i = 0; i < REQUESTS; i++) {
                long t = 10L * i;
                DecisionRequest request = request("r" + i, "m", Map.of("x", (double) (i % 4), "y", i % 3 * 0.5));
                requests.pipeInput(key, REQUESTS_CODEC.encode(request), t);
                if (i >= 3 && i % 11 != 0) {
                    int rewarded = i - 3;
                    rewards.pipeInput(key, REWARDS_CODEC.encode(new Reward("r" + rewarded, "m", (double) (rewarded % 2), t)), t);
                }
                if (bad != null) {
                    hostileRecord(bad, i, t, key, requests, rewards, labeled);
                }
            }
            List<String> reasons = new ArrayList<>();
            deadLetters.readValuesToList().forEach(v -> reasons.add(DEAD.decode(v).getReason()));
            return new Outcome(decisions.readValuesToList(), feedback.readValuesToList(),
                driver.<String, byte[]>getKeyValueStore(BanditTopology.MODELS_STORE).get("m"), reasons);
        }
    }

    /** One bad record at the current event time (so it cannot move stream time). */
    static void hostileRecord(SplittableRandom random, int i, long t, byte[] key,
                              TestInputTopic<byte[], byte[]> requests, TestInputTopic<byte[], byte[]> rewards,
                              TestInputTopic<byte[], byte[]> labeled) {
        byte[] valid = REQUESTS_CODEC.encode(request("x" + i, "m", Map.of("x", 1.0)));
        switch (random.nextInt(11)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(1, 64)];
                random.nextBytes(noise);
                requests.pipeInput(key, noise, t);
            }
            case 1 -> requests.pipeInput(key, Arrays.copyOf(valid, random.nextInt(1, valid.length)), t);
            case 2 -> rewards.pipeInput(key, valid, t);
            case 3 -> {
                Map<String, Double> huge = new HashMap<>();
                for (int f = 0; f < 5_000; f++) {
                    huge.put("f" + f, 1.0);
                }
                requests.pipeInput(key, REQUESTS_CODEC.encode(request("huge" + i, "m", huge)), t);
            }
            case 4 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("nan" + i, "m",
                Map.of("x", random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY))), t);
            case 5 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("who" + i, "elsewhere", Map.of())), t);
            case 6 -> {
                int j = i - 3 - random.nextInt(0, 30);
                boolean rewardedBefore = random.nextBoolean() && j >= 0 && (j + 3) % 11 != 0;
                int lateCandidate = ((i - 51 + 3) / 11) * 11 - 3;
                String id = rewardedBefore ? "r" + j                       // a second reward
                    : lateCandidate >= 0 ? "r" + lateCandidate            // its window closed with the default
                    : "never" + i;                                        // no such request
                rewards.pipeInput(key, REWARDS_CODEC.encode(new Reward(id, "m", 1.0, t)), t);
            }
            case 8 -> labeled.pipeInput(key, Arrays.copyOf(valid, random.nextInt(0, valid.length)), t);
            case 9 -> labeled.pipeInput(key, LOGGED.encode(new LoggedFeedback("e" + i, "m", t, Map.of("x", 1.0),
                request("e" + i, "m", Map.of()).getActions(), random.nextBoolean() ? "zzz" : "a",
                random.nextBoolean() ? 0.0 : Double.NaN, 1.0)), t);
            case 7 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("r" + i, "m", Map.of("x", 9.0))), t);
            default -> rewards.pipeInput(key, REWARDS_CODEC.encode(new Reward("r" + i, "m", Double.NaN, t)), t);
        }
    }

    static DecisionRequest request(String id, String model, Map<String, Double> context) {
        return new DecisionRequest(id, model, 0L, context,
            List.of(new Action("a", Map.of("p", 1.0)), new Action("b", Map.of("p", -1.0)), new Action("c", Map.of())));
    }
}
