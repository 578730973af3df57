package io.regretless.topology.config;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Where a task keeps its stores (setting {@code regretless.state.store.type}). Either way every
 * store is changelog-backed, so a restarted or migrated task gets its state back; they differ in
 * what a restart costs and how much state fits.
 */
public enum StoreType {
    /** RocksDB on local disk (the default): state larger than memory, and a restart reads it back from disk. */
    ROCKSDB("rocksdb"),
    /** The JVM heap: no disk, but a restart restores every store from its changelog. */
    IN_MEMORY("in-memory");

    private final String wireName;

    StoreType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The key-value store supplier of this type for a store named {@code name}. */
    public KeyValueBytesStoreSupplier supplier(String name) {
        return this == ROCKSDB ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    /**
     * A store of this type named {@code name}, its values bytes: cached, and changelog-backed with
     * Kafka Streams' default changelog settings (topic {@code <application.id>-<name>-changelog}),
     * as every store of the application is.
     */
    public <K> StoreBuilder<KeyValueStore<K, byte[]>> store(String name, Serde<K> keys) {
        return Stores.keyValueStoreBuilder(supplier(name), keys, Serdes.ByteArray()).withCachingEnabled();
    }

    public static StoreType parse(String name) {
        for (StoreType type : values()) {
            if (type.wireName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown store type '" + name + "'; one of rocksdb, in-memory");
    }
}
