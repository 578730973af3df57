package io.regretless.ops.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker on a named port and a kept directory, as {@code broker --port P --dir D} starts it: a
 * second broker on the same directory serves the topics and records of the first, and the
 * directory outlives both.
 */
class KeptBrokerDirectoryIntegrationTest {
    @TempDir
    Path parent;

    @Test
    void aSecondBrokerOnTheDirectoryHasTheFirstOnesRecords() throws Exception {
        Path kept = parent.resolve("kafka");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().port(port).directory(kept).start()) {
            assertEquals("127.0.0.1:" + port, first.bootstrapServers());
            first.createTopics(Map.of("kept", 1), Map.of());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                first.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("kept", "k" + i, "v" + i)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        assertTrue(Files.isDirectory(kept.resolve("data")), "the data outlive the broker");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(port).directory(kept).start();
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                 second.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("kept", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            // stops on a stall (a minute of empty polls), and the comparison says what is missing
            for (int emptyPolls = 0; values.size() < 10 && emptyPolls < 300; emptyPolls++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                    emptyPolls = -1;
                }
            }
            assertEquals(List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"), values);
        }
        assertTrue(Files.isDirectory(kept.resolve("data")), "a kept directory is not deleted on close");
    }
}
