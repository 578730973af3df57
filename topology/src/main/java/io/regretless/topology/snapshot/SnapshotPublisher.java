package io.regretless.topology.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.schemas.ModelSnapshot;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * Publishes the models of one task to the compacted snapshot topic, so any consumer with the Avro
 * schemas of the state (another service, a notebook) can read the current models without asking the
 * application. A model is republished only when its version moved since the last snapshot of this
 * task instance; after a restart every model is published once more.
 */
public final class SnapshotPublisher {
    private static final WireCodec<ModelSnapshot> CODEC = WireCodec.of(ModelSnapshot.class);

    private final ProcessorContext<byte[], byte[]> context;
    private final KeyValueStore<String, byte[]> store;
    private final String kind;
    private final ToLongFunction<byte[]> version;
    private final String sink;
    private final WireFormat format;
    private final Map<String, Long> published = new HashMap<>();

    /**
     * @param version reads the model version from the stored bytes
     * @param format  how snapshots are written; the state inside stays single-object Avro (base64 in JSON)
     */
    public SnapshotPublisher(ProcessorContext<byte[], byte[]> context, KeyValueStore<String, byte[]> store,
                             String kind, ToLongFunction<byte[]> version, String sink, WireFormat format) {
        this.context = context;
        this.store = store;
        this.kind = kind;
        this.version = version;
        this.sink = sink;
        this.format = format;
    }

    /** Publishes every model whose version changed; {@code now} is the wall-clock time. */
    public void publish(long now) {
        try (KeyValueIterator<String, byte[]> models = store.all()) {
            while (models.hasNext()) {
                KeyValue<String, byte[]> model = models.next();
                long v = version.applyAsLong(model.value);
                Long last = published.put(model.key, v);
                if (last == null || last != v) {
                    ModelSnapshot snapshot = new ModelSnapshot(model.key, kind, v, now, ByteBuffer.wrap(model.value));
                    context.forward(new Record<>(model.key.getBytes(StandardCharsets.UTF_8), CODEC.encode(snapshot, format), now),
                        sink);
                }
            }
        }
    }
}
