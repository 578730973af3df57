package io.regretless.topology.task;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.schemas.codec.SchemaViolationException;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.deadletter.DeadLetters;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.metrics.Counters;
import io.regretless.topology.snapshot.SnapshotPublisher;
import io.regretless.topology.window.StreamTimeBoundaries;

/**
 * What every learning part (bandits, conformal, experts) does the same way in a task: route each
 * raw record by its source topic, refuse unreadable and invalid ones as dead letters (counted) and
 * go on, close expired windows right after the record that carries stream time past a boundary
 * ({@link StreamTimeBoundaries}), and publish changed models to the snapshot topic on the wall clock.
 * A part supplies {@link #route}, and {@link #expire} and {@link #forget} if it has windows or keeps
 * learners in memory; its learning lives in the classes it calls.
 */
public abstract class LearningTaskProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    /** Where and how a part's models are snapshotted. */
    public record Snapshots(String store, String kind, ToLongFunction<byte[]> version, String sink) {
    }

    protected final RegretlessConfig config;
    private final String deadLetterSink;
    private final Snapshots snapshots;
    protected ProcessorContext<byte[], byte[]> context;
    protected DeadLetters deadLetters;
    private Counters counters;
    private StreamTimeBoundaries boundaries;
    private boolean initialised;

    /** @param snapshots where and how the part's store is published, or null if the part publishes itself */
    protected LearningTaskProcessor(RegretlessConfig config, String deadLetterSink, Snapshots snapshots) {
        this.config = config;
        this.deadLetterSink = deadLetterSink;
        this.snapshots = snapshots;
    }

    @Override
    public final void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        counters = new Counters(context.metrics());
        deadLetters = new DeadLetters(context, deadLetterSink, counters, config.outputFormat());
        boundaries = new StreamTimeBoundaries(config.punctuationInterval());
        initPart(context);
        initialised = true;
        if (snapshots != null && !config.publishInterval().isZero()) {
            KeyValueStore<String, byte[]> store = context.getStateStore(snapshots.store());
            SnapshotPublisher publisher = new SnapshotPublisher(context, store, snapshots.kind(), snapshots.version(),
                snapshots.sink(), config.outputFormat());
            context.schedule(config.publishInterval(), PunctuationType.WALL_CLOCK_TIME, publisher::publish);
        }
    }

    @Override
    public final void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        try {
            route(topic, record);
        } catch (SchemaViolationException e) {
            deadLetters.send(record, DeadLetterReason.INVALID_RECORD, e.getMessage());
        } catch (UnreadableRecordException e) {
            deadLetters.send(record, DeadLetterReason.UNREADABLE, e.getMessage());
        } catch (InvalidRecordException e) {
            deadLetters.send(record, e.reason(), e.getMessage());
        }
        long boundary = boundaries.crossed(context.currentStreamTimeMs());
        if (boundary != StreamTimeBoundaries.NONE) {
            expire(boundary);
        }
    }

    /** Creates the part's stores, repositories and joiners. */
    protected abstract void initPart(ProcessorContext<byte[], byte[]> context);

    /**
     * Handles one record from {@code topic}.
     *
     * @throws UnreadableRecordException or {@link InvalidRecordException} to refuse it
     */
    protected abstract void route(String topic, Record<byte[], byte[]> record);

    /**
     * Closes every window whose deadline is at or before {@code upTo} (stream time); a part whose
     * records carry no windows (they were closed where they were joined) has none to close.
     */
    protected void expire(long upTo) {
    }

    @Override
    public final void close() {
        if (initialised) {
            forget();
        }
    }

    /**
     * Forgets what the part keeps decoded in memory when its task closes; its stores keep the truth,
     * read again by the next task that owns them.
     */
    protected void forget() {
    }

    protected final void count(String name, String description, String modelId) {
        counters.increment(name, description, Map.of("model", modelId));
    }

    protected final Counters counters() {
        return counters;
    }

    protected static IllegalStateException unexpected(String topic) {
        return new IllegalStateException("record from unexpected topic " + topic);
    }

    protected static byte[] key(String modelId) {
        return modelId.getBytes(StandardCharsets.UTF_8);
    }
}
