package io.regretless.topology.window;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;

/**
 * The id rules every part's window applies: an id is waiting, completed, expired or unknown, and a
 * record arriving for it is accepted or refused with the reason that says which; a closed id is
 * remembered for the memory it was closed with, then counts as never seen.
 */
class AttributionWindowTest {
    static final long DEADLINE = 100;
    static final long MEMORY = 1_000;

    @TempDir
    Path dir;

    AttributionWindow<Reward> window;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
        store(context, AttributionWindow.openStore("w"), Serdes.String());
        store(context, AttributionWindow.closedStore("w"), Serdes.String());
        store(context, AttributionWindow.timerStore("w"), Serdes.Bytes());
        window = new AttributionWindow<>(context, "w", AvroCodec.of(Reward.class),
            AttributionWindow.Words.labels("prediction", "issued an interval"));
    }

    static <K> void store(MockProcessorContext<Object, Object> context, String name, Serde<K> keys) {
        KeyValueStore<K, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys,
            Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    static Reward record(String id) {
        return new Reward(id, "m", 1.0, 0L);
    }

    static void assertRefused(DeadLetterReason reason, String id, Executable arrival) {
        InvalidRecordException refused = assertThrows(InvalidRecordException.class, arrival);
        assertEquals(reason, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains(id), refused.getMessage());
    }

    @Test
    void anArrivingIdIsWaitingCompletedExpiredOrUnknown() {
        window.open("done", record("done"), DEADLINE);
        window.open("lapsed", record("lapsed"), DEADLINE);
        assertEquals(record("done"), window.awaiting("done"));
        assertRefused(DeadLetterReason.DUPLICATE_REQUEST, "done", () -> window.requireNew("done"));

        window.complete("done", DEADLINE, 50, MEMORY);
        List<Reward> expired = new ArrayList<>();
        window.expire(DEADLINE, r -> MEMORY, expired::add);

        assertEquals(List.of(record("lapsed")), expired, "only the record still waiting expires");
        assertRefused(DeadLetterReason.DUPLICATE_LABEL, "done", () -> window.awaiting("done"));
        assertRefused(DeadLetterReason.LATE_LABEL, "lapsed", () -> window.awaiting("lapsed"));
        assertRefused(DeadLetterReason.UNKNOWN_REQUEST, "never", () -> window.awaiting("never"));
        assertRefused(DeadLetterReason.DUPLICATE_REQUEST, "lapsed", () -> window.requireNew("lapsed"));
        assertDoesNotThrow(() -> window.requireNew("never"));
    }

    @Test
    void aClosedIdIsForgottenOnceItsMemoryRunsOut() {
        window.open("done", record("done"), DEADLINE);
        window.complete("done", DEADLINE, 50, MEMORY);
        window.expire(50 + MEMORY - 1, r -> MEMORY, r -> { });
        assertRefused(DeadLetterReason.DUPLICATE_LABEL, "done", () -> window.awaiting("done"));

        window.expire(50 + MEMORY, r -> MEMORY, r -> { });
        assertRefused(DeadLetterReason.UNKNOWN_REQUEST, "done", () -> window.awaiting("done"));
        assertDoesNotThrow(() -> window.requireNew("done"));
    }

    @Test
    void aCompletionAfterItsRecordsDeadlineIsLate() {
        assertDoesNotThrow(() -> window.requireOnTime(DEADLINE, DEADLINE));
        InvalidRecordException late = assertThrows(InvalidRecordException.class,
            () -> window.requireOnTime(DEADLINE + 1, DEADLINE));
        assertEquals(DeadLetterReason.LATE_LABEL, late.reason());
    }
}
