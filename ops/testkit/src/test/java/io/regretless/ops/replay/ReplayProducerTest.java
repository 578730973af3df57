package io.regretless.ops.replay;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** No broker: nothing listens on port 1, so every send fails at once (max.block.ms = 1). */
class ReplayProducerTest {
    static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    @Test
    void refusesAnEarlierRecordOnATopicAndReportsTheFirstFailedSend() {
        ReplayProducer producer = ReplayProducer.open(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
            Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1"));
        producer.send("requests", KEY, KEY, 10);
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
            () -> producer.send("requests", KEY, KEY, 9));
        assertTrue(early.getMessage().contains("at 9 after one at 10"), early.getMessage());

        // another topic keeps its own order: the earlier time passes the check, and the first send's failure is reported
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> producer.send("labels", KEY, KEY, 5));
        assertTrue(failed.getMessage().startsWith("producing the replay failed after 1 records sent"), failed.getMessage());
        assertThrows(IllegalStateException.class, producer::close);
    }
}
