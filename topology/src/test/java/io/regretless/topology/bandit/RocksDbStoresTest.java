package io.regretless.topology.bandit;

import static io.regretless.topology.SameRecords.assertSameRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver tests run on in-memory stores (the driver commits, and so flushes RocksDB, after every
 * record); this one proves the RocksDB path: the same hostile stream gives the same records, the
 * same dead letters and the same model bytes on RocksDB stores.
 */
class RocksDbStoresTest {
    /** Enough for every kind of bad record and several closed windows; each record costs a RocksDB flush. */
    static final int REQUESTS = 120;

    @Test
    void rocksDbStoresGiveExactlyTheInMemoryResults(@TempDir Path dir) {
        BadInputFuzzTest.Outcome memory = BadInputFuzzTest.run(dir.resolve("memory"), 7L, "in-memory", REQUESTS);
        BadInputFuzzTest.Outcome rocks = BadInputFuzzTest.run(dir.resolve("rocks"), 7L, "rocksdb", REQUESTS);

        assertSameRecords("decision", memory.decisions(), rocks.decisions());
        assertSameRecords("feedback", memory.feedback(), rocks.feedback());
        assertArrayEquals(memory.model(), rocks.model());
        assertEquals(memory.deadLetterReasons(), rocks.deadLetterReasons());
        assertTrue(rocks.persistentStores(), "the second run really used RocksDB");
        assertFalse(memory.persistentStores(), "the first run really used in-memory stores");
    }
}
