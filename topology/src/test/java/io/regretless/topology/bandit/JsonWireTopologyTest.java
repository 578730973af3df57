package io.regretless.topology.bandit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.regretless.schemas.DeadLetter;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.config.RegretlessConfig;

/**
 * Plain JSON in, decisions out in the configured format: a request in the natural shape (optional
 * fields and the timestamp omitted) is decided like the same request in Avro, its JSON reward is
 * joined and learned, and JSON that does not fit is dead-lettered with the field named.
 */
class JsonWireTopologyTest {
    static final String REQUEST = """
        {"requestId": "r1", "modelId": "checkout", "context": {"age": 0.3}, "actions": [{"id": "a", "features": {}}, {"id": "b"}]}""";
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    static final WireCodec<Feedback> FEEDBACK = WireCodec.of(Feedback.class);
    static final WireCodec<DeadLetter> DEAD = WireCodec.of(DeadLetter.class);

    /** One bandit application on the test driver, its outputs written in {@code format}. */
    static final class App implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> requests;
        final TestInputTopic<byte[], byte[]> rewards;
        final TestOutputTopic<byte[], byte[]> decisions;
        final TestOutputTopic<byte[], byte[]> feedback;
        final TestOutputTopic<byte[], byte[]> deadLetters;
        final Path stateDir;

        App(WireFormat format) {
            Properties props = new Properties();
            props.put("regretless.state.store.type", "in-memory");
            props.put("regretless.models", "checkout");
            props.put("regretless.model.checkout.learner", "squarecb");
            props.put("regretless.model.checkout.dimension", "16");
            if (format != null) {
                props.put("regretless.output.format", format.wireName());
            }
            try {
                stateDir = Files.createTempDirectory("json-wire");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BanditDriver bandit = new BanditDriver(props, stateDir);
            driver = bandit.driver;
            requests = bandit.requests;
            rewards = bandit.rewards;
            decisions = bandit.decisions;
            feedback = bandit.feedback;
            deadLetters = bandit.deadLetters;
        }

        void request(byte[] value, long time) {
            requests.pipeInput("checkout".getBytes(StandardCharsets.UTF_8), value, time);
        }

        /** The model's version once published (publication also snapshots it in the store). */
        long modelVersion() {
            driver.advanceWallClockTime(java.time.Duration.ofSeconds(1));
            byte[] state = driver.<String, byte[]>getKeyValueStore(BanditTopology.MODELS_STORE).get("checkout");
            return AvroCodec.of(LinearBanditState.class).decode(state).getVersion();
        }

        @Override
        public void close() {
            driver.close();
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void aJsonRequestYieldsADecisionAndItsJsonRewardIsLearned(WireFormat format) {
        try (App app = new App(format)) {
            app.request(utf8(REQUEST), 1_000L);
            byte[] bytes = app.decisions.readValue();
            assertEquals(format, WireFormat.detect(bytes), "decisions are written as " + format);
            Decision decision = DECISIONS.decode(bytes);
            assertEquals("r1", decision.getRequestId());
            assertEquals(1_000L, decision.getTimestamp(), "the omitted timestamp is the record's");
            assertEquals(2, decision.getProbabilities().size());
            if (format == WireFormat.JSON) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertTrue(text.startsWith("{\"requestId\":\"r1\",\"modelId\":\"checkout\",\"chosenActionId\":\""), text);
            }

            app.rewards.pipeInput(utf8("checkout"), utf8("{\"requestId\": \"r1\", \"modelId\": \"checkout\", \"value\": 1}"), 2_000L);
            byte[] joined = app.feedback.readValue();
            assertEquals(format, WireFormat.detect(joined));
            Feedback feedback = FEEDBACK.decode(joined);
            assertTrue(feedback.getObserved());
            assertEquals(1.0, feedback.getReward());
            assertEquals(2_000L, feedback.getRewardTimestamp());
            assertEquals(1L, app.modelVersion(), "the model learned the JSON reward");
            assertTrue(app.deadLetters.isEmpty());
        }
    }

    /** Both apps write Avro so that their outputs compare byte for byte; only the input format differs. */
    @Test
    void jsonAndAvroRequestsAreDecidedAlike() {
        DecisionRequest request = REQUESTS.decode(utf8(REQUEST), 1_000L);
        WireCodec<Reward> rewards = WireCodec.of(Reward.class);
        try (App json = new App(WireFormat.AVRO); App avro = new App(WireFormat.AVRO)) {
            for (int i = 0; i < 20; i++) {
                DecisionRequest next = DecisionRequest.newBuilder(request).setRequestId("r" + i).build();
                json.request(REQUESTS.encode(next, WireFormat.JSON), 1_000L + i);
                avro.request(REQUESTS.encode(next, WireFormat.AVRO), 1_000L + i);
                json.rewards.pipeInput(utf8("checkout"), utf8("{\"requestId\": \"r" + i + "\", \"modelId\": \"checkout\", \"value\": "
                    + (i % 3) + "}"), 1_000L + i);
                avro.rewards.pipeInput(utf8("checkout"), rewards.encode(new Reward("r" + i, "checkout", (double) (i % 3), 1_000L + i),
                    WireFormat.AVRO), 1_000L + i);
            }
            List<byte[]> fromJson = json.decisions.readValuesToList();
            List<byte[]> fromAvro = avro.decisions.readValuesToList();
            assertEquals(20, fromJson.size());
            for (int i = 0; i < fromJson.size(); i++) {
                assertArrayEquals(fromAvro.get(i), fromJson.get(i), "decision " + i);
            }
            assertEquals(json.modelVersion(), avro.modelVersion());
        }
    }

    @Test
    void jsonThatDoesNotFitIsDeadLetteredNamingTheField() {
        try (App app = new App(null)) {
            byte[] typo = utf8(REQUEST.replace("\"context\"", "\"contxt\""));
            app.request(typo, 1_000L);
            app.request(utf8(REQUEST.replace("{\"id\": \"b\"}", "{\"id\": 7}")), 1_000L);
            app.request(utf8(REQUEST.replace("0.3}", "0.3")), 1_000L);
            app.request(utf8(REQUEST.replace("0.3", "1e400")), 1_000L);
            assertTrue(app.decisions.isEmpty());

            List<byte[]> letters = app.deadLetters.readValuesToList();
            assertEquals(WireFormat.JSON, WireFormat.detect(letters.get(0)), "dead letters are JSON by default");
            List<DeadLetter> read = letters.stream().map(DEAD::decode).toList();
            assertEquals(List.of("INVALID_RECORD", "INVALID_RECORD", "UNREADABLE", "NON_FINITE_NUMBER"),
                read.stream().map(DeadLetter::getReason).toList());
            assertTrue(read.get(0).getDetail().contains("/contxt: unknown field (did you mean 'context'?)"), read.get(0).getDetail());
            assertTrue(read.get(1).getDetail().contains("/actions/1/id: "), read.get(1).getDetail());
            assertTrue(read.get(2).getDetail().contains("not valid JSON at /context"), read.get(2).getDetail());
            assertTrue(read.get(3).getDetail().contains("age"), read.get(3).getDetail());
            ByteBuffer original = read.get(0).getValue();
            assertArrayEquals(typo, java.util.Arrays.copyOfRange(original.array(),
                original.arrayOffset() + original.position(), original.arrayOffset() + original.limit()), "the refused bytes travel along");
        }
    }

    @Test
    void theOutputFormatIsOneSettingDefaultingToJson() {
        Properties props = new Properties();
        props.put("regretless.models", "m");
        props.put("regretless.model.m.learner", "linucb");
        assertEquals(WireFormat.JSON, RegretlessConfig.fromProperties(props).outputFormat());
        props.put("regretless.output.format", "AVRO");
        assertEquals(WireFormat.AVRO, RegretlessConfig.fromProperties(props).outputFormat());
        props.put("regretless.output.format", "protobuf");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegretlessConfig.fromProperties(props));
        assertTrue(e.getMessage().contains("regretless.output.format"), e.getMessage());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
