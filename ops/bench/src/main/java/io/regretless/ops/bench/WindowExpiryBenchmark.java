package io.regretless.ops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.window.AttributionWindow.Closure;

/**
 * The attribution window's cost per record as closed ids pile up: {@code records} pending
 * decisions opened in stream-time order on real RocksDB stores (no record cache, so every put and
 * delete reaches RocksDB: the worst case for the tombstones that deleted timers leave), half
 * rewarded 50 records later, the rest closed by expiry at each boundary, the stores flushed every
 * {@code commitEvery} records as a commit would. Prints µs per record for each block of records;
 * a cost that grows from block to block is the window scanning over its own deleted keys.
 *
 * <pre>java -cp regretless-bench.jar io.regretless.ops.bench.WindowExpiryBenchmark [records] [block]</pre>
 */
public final class WindowExpiryBenchmark {
    private static final long STEP_MS = 10;
    private static final long WINDOW_MS = 60_000;
    private static final long BOUNDARY_MS = 1_000;
    private static final int REWARD_DELAY = 50;
    private static final int COMMIT_EVERY = 1_000;

    private WindowExpiryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int block = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("window-bench-");
        try {
            run(dir, records, block);
        } finally {
            RunCleanup.deleteRecursively(dir);
        }
    }

    static void run(Path dir, int records, int block) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
        List<KeyValueStore<?, byte[]>> stores = List.of(
            store(AttributionWindow.openStore("pending"), false),
            store(AttributionWindow.closedStore("pending"), false),
            store(AttributionWindow.timerStore("pending"), true));
        for (KeyValueStore<?, byte[]> store : stores) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        AttributionWindow<Reward> window = new AttributionWindow<>(context, "pending", AvroCodec.of(Reward.class));
        System.out.printf("%d pending decisions, window %d s, a record every %d ms, half rewarded; RocksDB, no cache, flush every %d%n",
            records, WINDOW_MS / 1000, STEP_MS, COMMIT_EVERY);
        System.out.println("records          µs/record   expired");
        long lastBoundary = 0;
        long start = System.nanoTime();
        long expiredInBlock = 0;
        for (int i = 0; i < records; i++) {
            long t = i * STEP_MS;
            window.open("r" + i, new Reward("r" + i, "m", 0.0, t), t + WINDOW_MS);
            int rewarded = i - REWARD_DELAY;
            if (rewarded >= 0 && rewarded % 2 == 0) {
                window.close("r" + rewarded, rewarded * STEP_MS + WINDOW_MS, Closure.COMPLETED, t, t + WINDOW_MS);
            }
            long boundary = t / BOUNDARY_MS * BOUNDARY_MS;
            if (boundary > lastBoundary) {
                lastBoundary = boundary;
                for (Reward due : window.expired(boundary)) {
                    long deadline = due.getTimestamp() + WINDOW_MS;
                    window.close(due.getRequestId(), deadline, Closure.EXPIRED, deadline, deadline + WINDOW_MS);
                    expiredInBlock++;
                }
            }
            if ((i + 1) % COMMIT_EVERY == 0) {
                stores.forEach(StateStore::flush);
            }
            if ((i + 1) % block == 0) {
                long now = System.nanoTime();
                System.out.printf("%,9d %15.2f %9d%n", i + 1, (now - start) / 1_000.0 / block, expiredInBlock);
                start = now;
                expiredInBlock = 0;
            }
        }
        stores.forEach(StateStore::close);
    }

    @SuppressWarnings("unchecked")
    private static KeyValueStore<?, byte[]> store(String name, boolean bytesKeys) {
        return bytesKeys
            ? Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().build()
            : Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
    }
}
