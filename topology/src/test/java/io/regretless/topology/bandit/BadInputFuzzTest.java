package io.regretless.topology.bandit;

import static io.regretless.topology.HostileJson.assertDeadLettersNameTheField;
import static io.regretless.topology.HostileJson.bad;
import static io.regretless.topology.HostileJson.json;
import static io.regretless.topology.HostileJson.valid;
import static io.regretless.topology.SameRecords.assertSameRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.apache.kafka.streams.TestOutputTopic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Action;
import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LoggedFeedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * Hostile input interleaved with a valid stream on every bandit input topic (requests, rewards,
 * labeled): random bytes, truncated Avro, a record of another schema, huge feature maps, NaN and
 * infinite values, invalid logged feedback, duplicate and late rewards, unknown models, and JSON
 * that is malformed (truncated, NaN tokens, a key twice) or does not fit the schema (a typo, a
 * missing field, a string for a number). In the hostile run the valid records themselves come as
 * JSON or Avro at random. Every bad record is dead-lettered with its reason, each JSON one naming
 * the field, and the valid records' decisions, feedback and the final model are exactly those of
 * an all-Avro run without the bad ones.
 */
class BadInputFuzzTest {
    static final int REQUESTS = 400;
    static final WireCodec<DecisionRequest> REQUESTS_CODEC = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS_CODEC = WireCodec.of(Reward.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);
    static final WireCodec<LoggedFeedback> LOGGED = WireCodec.of(LoggedFeedback.class);

    /** What one run produced; {@code named} maps each refused JSON value to what its dead letter must say. */
    record Outcome(List<byte[]> decisions, List<byte[]> feedback, byte[] model, List<DeadLetter> deadLetters,
                   Map<ByteBuffer, String> named, boolean persistentStores) {
        List<String> deadLetterReasons() {
            return deadLetters.stream().map(DeadLetter::getReason).toList();
        }
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
        assertDeadLettersNameTheField(hostile.deadLetters(), hostile.named(), 30);
    }

    /** Plays the valid stream on in-memory stores; with a non-zero seed, interleaves a bad record after most valid ones. */
    static Outcome run(Path stateDir, long badSeed) {
        return run(stateDir, badSeed, "in-memory", REQUESTS);
    }

    static Outcome run(Path stateDir, long badSeed, String storeType, int requestCount) {
        Properties props = new Properties();
        props.put("regretless.topic.prefix", "f");
        props.put("regretless.state.store.type", storeType);
        props.put("regretless.models", "m");
        props.put("regretless.model.m.learner", "squarecb");
        props.put("regretless.model.m.dimension", "16");
        props.put("regretless.model.m.attribution.window.ms", "500");
        props.put("regretless.model.m.max.features", "50");
        try (BanditDriver driver = new BanditDriver(props, stateDir)) {
            TestInputTopic<byte[], byte[]> requests = driver.requests;
            TestInputTopic<byte[], byte[]> rewards = driver.rewards;
            TestInputTopic<byte[], byte[]> labeled = driver.labeled;
            TestOutputTopic<byte[], byte[]> decisions = driver.decisions;
            TestOutputTopic<byte[], byte[]> feedback = driver.feedback;
            TestOutputTopic<byte[], byte[]> deadLetters = driver.deadLetters;
            byte[] key = "m".getBytes();
            SplittableRandom bad = badSeed == 0 ? null : new SplittableRandom(badSeed);
            SplittableRandom formats = badSeed == 0 ? null : new SplittableRandom(badSeed + 1);
            Map<ByteBuffer, String> named = new HashMap<>();
            for (int i = 0; i < requestCount; i++) {
                long t = 10L * i;
                DecisionRequest request = request("r" + i, "m", Map.of("x", (double) (i % 4), "y", i % 3 * 0.5));
                requests.pipeInput(key, valid(REQUESTS_CODEC, request, formats), t);
                if (i >= 3 && i % 11 != 0) {
                    int rewarded = i - 3;
                    rewards.pipeInput(key, valid(REWARDS_CODEC, new Reward("r" + rewarded, "m", (double) (rewarded % 2), t), formats), t);
                }
                if (bad != null) {
                    hostileRecord(bad, i, t, key, requests, rewards, labeled, named);
                }
                if (i % 50 == 49) {
                    driver.publish();
                }
            }
            // stream time past every window and every reward still waiting for a decision that never came
            requests.pipeInput(key, valid(REQUESTS_CODEC, request("end", "m", Map.of()), formats), 10L * requestCount + 60_000);
            driver.publish();
            List<DeadLetter> letters = new ArrayList<>();
            deadLetters.readValuesToList().forEach(v -> letters.add(DEAD.decode(v)));
            return new Outcome(decisions.readValuesToList(), feedback.readValuesToList(), driver.storedModel("m"), letters,
                named, driver.driver.getKeyValueStore(BanditTopology.MODELS_STORE).persistent());
        }
    }

    /** One bad record at the current event time (so it cannot move stream time). */
    static void hostileRecord(SplittableRandom random, int i, long t, byte[] key,
                              TestInputTopic<byte[], byte[]> requests, TestInputTopic<byte[], byte[]> rewards,
                              TestInputTopic<byte[], byte[]> labeled, Map<ByteBuffer, String> named) {
        byte[] valid = REQUESTS_CODEC.encode(request("x" + i, "m", Map.of("x", 1.0)), WireFormat.AVRO);
        String json = json(REQUESTS_CODEC, request("j" + i, "m", Map.of("x", 1.0)));
        switch (random.nextInt(20)) {
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
                requests.pipeInput(key, REQUESTS_CODEC.encode(request("huge" + i, "m", huge), WireFormat.AVRO), t);
            }
            case 4 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("nan" + i, "m",
                Map.of("x", random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY)), WireFormat.AVRO), t);
            case 5 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("who" + i, "elsewhere", Map.of()), WireFormat.AVRO), t);
            case 6 -> {
                int j = i - 3 - random.nextInt(0, 30);
                boolean rewardedBefore = random.nextBoolean() && j >= 0 && (j + 3) % 11 != 0;
                int lateCandidate = ((i - 51 + 3) / 11) * 11 - 3;
                String id = rewardedBefore ? "r" + j                       // a second reward
                    : lateCandidate >= 0 ? "r" + lateCandidate            // its window closed with the default
                    : "never" + i;                                        // no such request
                rewards.pipeInput(key, REWARDS_CODEC.encode(new Reward(id, "m", 1.0, t), WireFormat.AVRO), t);
            }
            case 8 -> labeled.pipeInput(key, Arrays.copyOf(valid, random.nextInt(0, valid.length)), t);
            case 9 -> labeled.pipeInput(key, LOGGED.encode(new LoggedFeedback("e" + i, "m", t, Map.of("x", 1.0),
                request("e" + i, "m", Map.of()).getActions(), random.nextBoolean() ? "zzz" : "a",
                random.nextBoolean() ? 0.0 : Double.NaN, 1.0), WireFormat.AVRO), t);
            case 7 -> requests.pipeInput(key, REQUESTS_CODEC.encode(request("r" + i, "m", Map.of("x", 9.0)), WireFormat.AVRO), t);
            case 10 -> rewards.pipeInput(key, REWARDS_CODEC.encode(new Reward("r" + i, "m", Double.NaN, t), WireFormat.AVRO), t);
            case 11 -> requests.pipeInput(key, bad(json.substring(0, random.nextInt(1, json.length())), "not valid JSON at ",
                named), t);
            case 12 -> requests.pipeInput(key, bad(json.replace("\"context\"", "\"contxt\""), "/contxt: unknown field", named), t);
            case 13 -> requests.pipeInput(key, bad(json.replace("\"p\":1.0", "\"p\":\"high\""), "/actions/0/features/p: ", named), t);
            case 14 -> requests.pipeInput(key, bad(json.substring(0, json.indexOf(",\"actions\"")) + "}", "/actions: missing required field",
                named), t);
            case 15 -> requests.pipeInput(key, bad(json.replace("\"x\":1.0", "\"x\":NaN"), "not valid JSON at /context/x", named), t);
            case 16 -> requests.pipeInput(key, bad(json.replace("\"x\":1.0", "\"x\":1e400"), "/context/x", named), t);
            case 17 -> requests.pipeInput(key, bad(json.replace("{\"requestId\":", "{\"requestId\":\"dup\",\"requestId\":"),
                "not valid JSON at /requestId", named), t);
            case 18 -> rewards.pipeInput(key, bad("{\"requestId\": \"r" + i + "\", \"modelId\": \"m\", \"value\": \"1\"}",
                "/value: ", named), t);
            default -> labeled.pipeInput(key, bad("{\"eventId\": \"e" + i + "\", \"modelId\": \"m\", \"actions\": [{\"id\": \"a\"}],"
                + " \"propensity\": 0.5, \"reward\": 1}", "/chosenActionId: missing required field", named), t);
        }
    }

    static DecisionRequest request(String id, String model, Map<String, Double> context) {
        return new DecisionRequest(id, model, 0L, context,
            List.of(new Action("a", Map.of("p", 1.0)), new Action("b", Map.of("p", -1.0)), new Action("c", Map.of())));
    }
}
