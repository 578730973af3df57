package io.regretless.ops.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.replay.CommittedOutputs;
import io.regretless.ops.replay.ReplayProducer;

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
        int port = BrokerIo.freePort();
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().port(port).directory(kept).start()) {
            assertEquals("127.0.0.1:" + port, first.bootstrapServers());
            first.createTopics(Map.of("kept", 1), Map.of());
            // stamped now: the broker's retention (7 days by timestamp) would delete records stamped in 1970
            long now = System.currentTimeMillis();
            try (ReplayProducer producer = ReplayProducer.open(first.clientProperties())) {
                for (int i = 0; i < 10; i++) {
                    producer.sendAndWait("kept", bytes("k" + i), bytes("v" + i), now + i);
                }
            }
        }
        assertTrue(Files.isDirectory(kept.resolve("data")), "the data outlive the broker");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(port).directory(kept).start();
             CommittedOutputs outputs = new CommittedOutputs(second.clientProperties(), List.of("kept"))) {
            // fails on a stall (a minute without a record), saying how many came
            List<String> values = outputs.take(10, Duration.ofMinutes(1)).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
            assertEquals(List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"), values);
        }
        assertTrue(Files.isDirectory(kept.resolve("data")), "a kept directory is not deleted on close");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
