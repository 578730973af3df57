package io.regretless.connectors.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/** BanditClient against Kafka's mock clients; the real-broker test lives in ops/. */
class BanditClientTest {
    private static final String DECISIONS = "t.decisions";
    private static final TopicPartition P0 = new TopicPartition(DECISIONS, 0);
    private static final TopicPartition P1 = new TopicPartition(DECISIONS, 1);
    private static final WireCodec<Decision> DECISION = WireCodec.of(Decision.class);
    private static final AvroCodec<DecisionRequest> REQUEST = AvroCodec.of(DecisionRequest.class);
    private static final AvroCodec<Reward> REWARD = AvroCodec.of(Reward.class);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("latest");
    private final MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private BanditClient client;
    private final Map<TopicPartition, Long> nextOffset = new java.util.HashMap<>(Map.of(P0, 5L, P1, 9L));

    private BanditClient start(MockProducer<String, byte[]> producer, Duration decisionTimeout) {
        consumer.updatePartitions(DECISIONS, List.of(partition(0), partition(1)));
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 9L));
        client = new BanditClient(producer, consumer, "t", decisionTimeout, Duration.ofSeconds(5));
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void readsEveryDecisionPartitionFromItsEndBeforeReturning() {
        start(producer, Duration.ofSeconds(5));
        assertEquals(Set.of(P0, P1), consumer.assignment());
        assertEquals(5L, consumer.position(P0));
        assertEquals(9L, consumer.position(P1));
    }

    @Test
    void decideSendsTheRequestKeyedByRequestIdAndCompletesWithItsDecision() throws Exception {
        start(producer, Duration.ofSeconds(5));
        DecisionRequest request = request("r-1", "shop", 1_700_000_000_123L);
        CompletableFuture<Decision> future = client.decide(request);

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertEquals("t.requests", sent.topic());
        assertEquals("r-1", sent.key());
        assertEquals(1_700_000_000_123L, sent.timestamp());
        assertEquals(request, REQUEST.decode(sent.value()));
        assertEquals(1, client.pendingDecisions());

        deliver(P1, decision("r-0", "shop")); // someone else's
        deliver(P0, decision("r-1", "other-model-same-id-space"));
        Decision decision = future.get(5, TimeUnit.SECONDS);
        assertEquals("r-1", decision.getRequestId());
        assertEquals(0, client.pendingDecisions());
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnDecision() throws Exception {
        start(producer, Duration.ofSeconds(10));
        int n = 2000;
        List<CompletableFuture<Decision>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.decide(request("r-" + i, "m", 1L)));
        }
        for (int i = n - 1; i >= 0; i--) { // answered in reverse, across both partitions, in both formats
            deliver(i % 2 == 0 ? P0 : P1, DECISION.encode(decision("r-" + i, "m"), i % 3 == 0 ? WireFormat.AVRO : WireFormat.JSON));
        }
        for (int i = 0; i < n; i++) {
            assertEquals("r-" + i, futures.get(i).get(5, TimeUnit.SECONDS).getRequestId());
        }
    }

    @Test
    void rewardGoesToTheRewardsTopicKeyedByRequestId() throws Exception {
        start(producer, Duration.ofSeconds(5));
        Reward reward = new Reward("r-1", "shop", 1.0, 42L);
        client.reward(reward).get(5, TimeUnit.SECONDS);
        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertEquals("t.rewards", sent.topic());
        assertEquals("r-1", sent.key());
        assertEquals(42L, sent.timestamp());
        assertEquals(reward, REWARD.decode(sent.value()));
    }

    @Test
    void sendFailuresFailTheFutures() {
        MockProducer<String, byte[]> manual = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        start(manual, Duration.ofSeconds(5));
        CompletableFuture<Decision> decision = client.decide(request("r-1", "m", 1L));
        CompletableFuture<Void> reward = client.reward(new Reward("r-0", "m", 0.0, 1L));
        manual.errorNext(new KafkaException("not leader"));
        manual.errorNext(new KafkaException("still not leader"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> decision.get(5, TimeUnit.SECONDS));
        assertEquals("not leader", e.getCause().getMessage());
        assertEquals(0, client.pendingDecisions());
        e = assertThrows(ExecutionException.class, () -> reward.get(5, TimeUnit.SECONDS));
        assertEquals("still not leader", e.getCause().getMessage());
    }

    @Test
    void aMissingDecisionTimesOutNamingTheRequest() {
        start(producer, Duration.ofMillis(200));
        CompletableFuture<Decision> future = client.decide(request("r-lost", "m", 1L));
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(timeout.getMessage().contains("r-lost") && timeout.getMessage().contains("200 ms")
            && timeout.getMessage().contains("t.decisions"), timeout.getMessage());
        assertEquals(0, client.pendingDecisions());
        // a late decision is ignored, and the id can be used again; on a loaded machine the 200 ms
        // may pass before the decision is delivered, which is a timeout again, never a refusal
        deliver(P0, decision("r-lost", "m"));
        Decision delivered = null;
        for (int attempt = 0; attempt < 20 && delivered == null; attempt++) {
            CompletableFuture<Decision> again = client.decide(request("r-lost", "m", 2L + attempt));
            deliver(P0, decision("r-lost", "m"));
            try {
                delivered = again.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException late) {
                assertInstanceOf(TimeoutException.class, late.getCause());
            } catch (Exception other) {
                throw new AssertionError(other);
            }
        }
        assertNotNull(delivered, "the request id was never decided again after its timeout");
        assertEquals("r-lost", delivered.getRequestId());
    }

    @Test
    void aRequestIdAlreadyInFlightIsRefused() {
        start(producer, Duration.ofSeconds(5));
        CompletableFuture<Decision> first = client.decide(request("r-1", "m", 1L));
        CompletableFuture<Decision> second = client.decide(request("r-1", "m", 1L));
        ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(1, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertFalse(first.isDone());
        assertEquals(1, producer.history().size());
    }

    @Test
    void unreadableDecisionsAreSkippedAndCounted() throws Exception {
        start(producer, Duration.ofSeconds(5));
        CompletableFuture<Decision> future = client.decide(request("r-1", "m", 1L));
        deliver(P0, new byte[] {1, 2, 3});
        deliver(P0, decision("r-1", "m"));
        assertEquals("r-1", future.get(5, TimeUnit.SECONDS).getRequestId());
        assertEquals(1, client.unreadableDecisions());
    }

    @Test
    void closeFailsOutstandingFuturesAndRefusesNewCalls() {
        start(producer, Duration.ofSeconds(30));
        CompletableFuture<Decision> outstanding = client.decide(request("r-1", "m", 1L));
        client.close();
        CancellationException e = assertThrows(CancellationException.class, outstanding::join);
        assertTrue(e.getMessage().contains("r-1"), e.getMessage());
        assertTrue(producer.closed());
        assertTrue(consumer.closed());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> client.decide(request("r-2", "m", 1L)).get());
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertThrows(ExecutionException.class, () -> client.reward(new Reward("r-1", "m", 1.0, 1L)).get());
        client.close(); // idempotent
    }

    @Test
    void aFailedConsumerFailsOutstandingAndLaterDecisions() {
        start(producer, Duration.ofSeconds(30));
        CompletableFuture<Decision> outstanding = client.decide(request("r-1", "m", 1L));
        consumer.setPollException(new KafkaException("authorization failed"));
        CompletionExceptionCheck.assertCause(outstanding, "authorization failed");
        CompletionExceptionCheck.assertCause(client.decide(request("r-2", "m", 1L)), "authorization failed");
    }

    @Test
    void refusesToStartWithoutTheDecisionsTopic() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new BanditClient(producer, consumer, "t", Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("t.decisions"), e.getMessage());
        assertTrue(producer.closed(), "clients are closed when the constructor fails");
        assertTrue(consumer.closed());
    }

    @Test
    void theRealConstructorFailsWithinTheApiTimeoutWhenNoBrokerAnswers() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("bootstrap.servers", "127.0.0.1:1");
        props.setProperty("default.api.timeout.ms", "500");
        props.setProperty("max.block.ms", "500");
        long start = System.nanoTime();
        assertThrows(KafkaException.class, () -> new BanditClient(props, "t").close());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        assertThrows(IllegalArgumentException.class, () -> new BanditClient(props, " "));
        assertThrows(IllegalArgumentException.class, () -> new BanditClient(props, "t", Duration.ZERO));
    }

    /** As the app writes it by default: JSON. */
    private void deliver(TopicPartition partition, Decision decision) {
        deliver(partition, DECISION.encode(decision, WireFormat.JSON));
    }

    private void deliver(TopicPartition partition, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(),
            nextOffset.merge(partition, 1L, Long::sum) - 1, null, value));
    }

    private static PartitionInfo partition(int p) {
        return new PartitionInfo(DECISIONS, p, null, null, null);
    }

    private static DecisionRequest request(String id, String model, long timestamp) {
        return new DecisionRequest(id, model, timestamp, Map.of("x", 1.0),
            List.of(new Action("a", Map.of()), new Action("b", Map.of())));
    }

    private static Decision decision(String id, String model) {
        return new Decision(id, model, "a", 0.9,
            List.of(new ActionProbability("a", 0.9), new ActionProbability("b", 0.1)), 1L, "test", 1L);
    }

    /** Waits for a future to fail and checks the message chain. */
    private static final class CompletionExceptionCheck {
        static void assertCause(CompletableFuture<?> future, String message) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
            Throwable t = e.getCause();
            StringBuilder chain = new StringBuilder();
            for (; t != null; t = t.getCause()) {
                chain.append(t.getMessage()).append(" <- ");
            }
            assertTrue(chain.toString().contains(message), chain.toString());
        }
    }
}
