package io.regretless.connectors.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ClientConfigsTest {

    @Test
    void producerIsIdempotentWithAllAcksAndLingersAFewMs() {
        Properties props = new Properties();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("acks", "1");
        props.put("enable.idempotence", "false");
        props.put("isolation.level", "read_uncommitted"); // consumer-only: not passed to the producer
        props.put("value.serializer", "whatever");
        Map<String, Object> producer = ClientConfigs.producer(props);
        assertEquals("localhost:9092", producer.get("bootstrap.servers"));
        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals(5, producer.get("linger.ms"));
        assertFalse(producer.containsKey("isolation.level"));
        assertFalse(producer.containsKey("value.serializer"));

        props.put("linger.ms", 20);
        assertEquals(20, ClientConfigs.producer(props).get("linger.ms"), "a set linger is kept, also as a non-String value");
    }

    @Test
    void consumerReadsCommittedWithoutAGroupAndNeverCreatesTopics() {
        Properties props = new Properties();
        props.put("bootstrap.servers", "localhost:9092");
        props.put("group.id", "someone-elses-group");
        props.put("isolation.level", "read_uncommitted");
        props.put("enable.auto.commit", "true");
        props.put("linger.ms", "3"); // producer-only
        Map<String, Object> consumer = ClientConfigs.consumer(props);
        assertEquals("localhost:9092", consumer.get("bootstrap.servers"));
        assertEquals("read_committed", consumer.get("isolation.level"));
        assertEquals(false, consumer.get("enable.auto.commit"));
        assertEquals(false, consumer.get("allow.auto.create.topics"));
        assertFalse(consumer.containsKey("group.id"));
        assertFalse(consumer.containsKey("linger.ms"));
    }

    @Test
    void prefixedKeysGoToOneClientAndWinAndClientIdsAreSuffixed() {
        Properties defaults = new Properties();
        defaults.setProperty("bootstrap.servers", "from-defaults:9092");
        Properties props = new Properties(defaults);
        props.setProperty("client.id", "shop");
        props.setProperty("max.block.ms", "1000");
        props.setProperty("producer.max.block.ms", "2000");
        props.setProperty("consumer.fetch.max.wait.ms", "50");
        props.setProperty("consumer.interceptor.custom.setting", "x");
        Map<String, Object> producer = ClientConfigs.producer(props);
        Map<String, Object> consumer = ClientConfigs.consumer(props);
        assertEquals("from-defaults:9092", producer.get("bootstrap.servers"));
        assertEquals("from-defaults:9092", consumer.get("bootstrap.servers"));
        assertEquals("2000", producer.get("max.block.ms"));
        assertEquals("50", consumer.get("fetch.max.wait.ms"));
        assertFalse(producer.containsKey("fetch.max.wait.ms"));
        assertEquals("x", consumer.get("interceptor.custom.setting"));
        assertEquals("shop-producer", producer.get("client.id"));
        assertEquals("shop-decisions", consumer.get("client.id"));
    }

    @Test
    void startupWaitIsTheConsumersDefaultApiTimeout() {
        Properties props = new Properties();
        assertEquals(Duration.ofSeconds(60), ClientConfigs.startupTimeout(props));
        props.setProperty("default.api.timeout.ms", "1500");
        assertEquals(Duration.ofMillis(1500), ClientConfigs.startupTimeout(props));
        props.put("consumer.default.api.timeout.ms", 2500);
        assertEquals(Duration.ofMillis(2500), ClientConfigs.startupTimeout(props));
        props.put("consumer.default.api.timeout.ms", "soon");
        assertThrows(IllegalArgumentException.class, () -> ClientConfigs.startupTimeout(props));
    }
}
