package io.regretless.ops.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKafkaBrokerIntegrationTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().numPartitions(2).start();
        System.out.println("EmbeddedKafkaBroker ready in " + broker.startupTime().toMillis() + " ms at "
                + broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    @Order(1)
    void producesAndConsumes100Records() throws Exception {
        broker.createTopics(Map.of("plain", 3), Map.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(Map.of()))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("plain", "k" + i, "v" + i));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, String>> records = consumeAll("plain", "read_uncommitted", 100);
        assertEquals(100, records.size());
        assertEquals(100, records.stream().map(ConsumerRecord::key).distinct().count());
        records.forEach(r -> assertEquals("v" + r.key().substring(1), r.value()));
    }

    @Test
    @Order(2)
    void readCommittedSeesOnlyCommittedTransactions() throws Exception {
        broker.createTopics(Map.of("tx", 2), Map.of("min.insync.replicas", "1"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test")))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("tx", "aborted" + i, "x"));
            }
            producer.abortTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("tx", "committed" + i, "y"));
            }
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> records = consumeAll("tx", "read_committed", 50);
        assertEquals(50, records.size());
        assertTrue(records.stream().allMatch(r -> r.key().startsWith("committed")));
    }

    @Test
    @Order(3)
    void closeStopsTheChildAndDeletesTheDirectory() throws Exception {
        Path dir = broker.directory();
        ProcessHandle child = broker.process();
        assertTrue(Files.exists(broker.logFile()));
        assertTrue(child.isAlive());

        broker.close();

        assertFalse(child.isAlive(), "child JVM " + child.pid() + " still running");
        assertFalse(Files.exists(dir), dir + " still exists");
        child.onExit().get(1, TimeUnit.SECONDS);
        broker.close(); // idempotent
    }

    private static Map<String, Object> producerConfig(Map<String, Object> extra) {
        Map<String, Object> config = broker.clientProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(extra);
        return config;
    }

    /** Reads the topic from the beginning until {@code expected} records arrived or 30 s passed, plus a short grace period. */
    private static List<ConsumerRecord<String, String>> consumeAll(String topic, String isolation, int expected) {
        Map<String, Object> config = broker.clientProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add); // nothing extra may follow
        }
        return records;
    }
}
