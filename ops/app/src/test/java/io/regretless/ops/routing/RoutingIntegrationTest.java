package io.regretless.ops.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.schemas.state.LinearBanditState;
import io.regretless.topology.bandit.BanditTopology;

/**
 * No producer's partitioner or key can give a model a second copy: requests and rewards keyed by
 * request id (as the Java client partitions them), put on the other partition (as librdkafka's
 * default partitioner may), or keyed by the model id, are each decided once and learned once, by
 * the one model.
 */
class RoutingIntegrationTest {
    static final int PER_WAY = 20;
    static final Duration STALL = Duration.ofSeconds(90);
    static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);

    @Test
    void everyPartitionerAndKeyReachesTheOneModel(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            AppFixture fixture = AppFixture.on(broker, "route", dir).banditTopics(2).banditModel("m", "linucb", 8);
            Topics topics = fixture.topics();
            try (RegretlessApp app = new RegretlessApp(fixture.properties());
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer());
                 IdLedger decisions = new IdLedger(broker.clientProperties(), topics.decisions(),
                     bytes -> WireCodec.of(Decision.class).decode(bytes).getRequestId());
                 IdLedger feedback = new IdLedger(broker.clientProperties(), topics.feedback(),
                     bytes -> WireCodec.of(Feedback.class).decode(bytes).getRequest().getRequestId())) {
                app.start(Duration.ofMinutes(2));
                long now = System.currentTimeMillis();
                List<String> ids = new ArrayList<>();
                for (Way way : Way.values()) {
                    for (int i = 0; i < PER_WAY; i++) {
                        String id = way.name().toLowerCase() + i;
                        ids.add(id);
                        DecisionRequest request = new DecisionRequest(id, "m", now + i, Map.of("x", 1.0 * i),
                            List.of(new Action("a", Map.of()), new Action("b", Map.of())));
                        producer.send(way.record(topics.requests(), id, REQUESTS.encode(request, WireFormat.JSON), now + i));
                    }
                }
                producer.flush();
                decisions.awaitAll(ids, STALL, () -> "").drain(Duration.ofSeconds(1)).assertExactlyOnce(ids, () -> "");
                int i = 0;
                for (Way way : Way.values()) {
                    for (int n = 0; n < PER_WAY; n++, i++) {
                        String id = ids.get(i);
                        producer.send(way.record(topics.rewards(), id,
                            REWARDS.encode(new Reward(id, "m", (double) (n % 2), now + 100 + n), WireFormat.JSON), now + 100 + n));
                    }
                }
                producer.flush();
                feedback.awaitAll(ids, STALL, () -> "").drain(Duration.ofSeconds(1)).assertExactlyOnce(ids, () -> "");

                long deadline = System.nanoTime() + STALL.toNanos();
                List<LinearBanditState> models;
                do {
                    Thread.sleep(200);
                    models = storedModels(app);
                } while ((models.size() != 1 || models.get(0).getVersion() < ids.size()) && System.nanoTime() < deadline);
                assertEquals(1, models.size(), "one model, whatever the producers did: " + models);
                assertEquals("m", models.get(0).getModelId());
                assertEquals(ids.size(), models.get(0).getVersion(), "every reward learned once, by the one model");
            }
        }
    }

    /** How a producer may put a record on a partition. */
    enum Way {
        /** Keyed by request id, partitioned as the Java client does (murmur2). */
        REQUEST_KEY,
        /** Keyed by request id but put on the other partition, as another partitioner may. */
        OTHER_PARTITION,
        /** Keyed by the model id, the old convention. */
        MODEL_KEY;

        ProducerRecord<byte[], byte[]> record(String topic, String requestId, byte[] value, long timestamp) {
            byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
            return switch (this) {
                case REQUEST_KEY -> new ProducerRecord<>(topic, null, timestamp, id, value);
                case OTHER_PARTITION -> new ProducerRecord<>(topic, 1 - Utils.toPositive(Utils.murmur2(id)) % 2, timestamp, id, value);
                case MODEL_KEY -> new ProducerRecord<>(topic, null, timestamp, "m".getBytes(StandardCharsets.UTF_8), value);
            };
        }
    }

    static List<LinearBanditState> storedModels(RegretlessApp app) {
        List<LinearBanditState> models = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = app.streams().store(StoreQueryParameters.fromNameAndType(
                BanditTopology.modelStoreName(), QueryableStoreTypes.<String, byte[]>keyValueStore()));
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(kv -> models.add(AvroCodec.of(LinearBanditState.class).decode(kv.value)));
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException notYet) {
            // rebalancing; the caller retries
        }
        return models;
    }
}
