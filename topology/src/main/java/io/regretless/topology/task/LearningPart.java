package io.regretless.topology.task;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import io.regretless.topology.config.StoreType;
import io.regretless.topology.window.AttributionWindow;

/**
 * One sub-topology of a learning part, described once: the processor, the topics it reads (each
 * through a named source node), its stores (attribution windows included) and the topics it writes
 * (each through a named sink node). Every part is wired from its description by {@link #addTo}, so
 * the parts differ only in what they name. Records are raw bytes on both sides: a processor decodes
 * and encodes them itself, so that an unreadable record becomes a dead letter instead of a failed task.
 *
 * <p>The node and store names are part of a running application's state (its task ids and
 * changelog topics); a part must keep them once released.
 *
 * @param processor the processor node's name
 * @param supplier  makes the processor of each task
 * @param sources   read in this order; the processor's parents
 * @param stores    connected to the processor
 * @param sinks     the processor's children
 */
public record LearningPart(String processor, ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier,
                           List<Source> sources, List<StoreBuilder<?>> stores, List<Sink> sinks) {
    /** A source node reading one topic. */
    public record Source(String node, String topic) {
    }

    /** A sink node writing one topic. */
    public record Sink(String node, String topic) {
    }

    public LearningPart {
        sources = List.copyOf(sources);
        stores = List.copyOf(stores);
        sinks = List.copyOf(sinks);
    }

    /** A part with processor node {@code processor} and nothing around it yet. */
    public static LearningPart of(String processor, ProcessorSupplier<byte[], byte[], byte[], byte[]> supplier) {
        return new LearningPart(processor, supplier, List.of(), List.of(), List.of());
    }

    /** This part also reading {@code topic} through the source node {@code node}. */
    public LearningPart source(String node, String topic) {
        return new LearningPart(processor, supplier, plus(sources, List.of(new Source(node, topic))), stores, sinks);
    }

    /** This part also keeping {@code store}. */
    public LearningPart store(StoreBuilder<?> store) {
        return new LearningPart(processor, supplier, sources, plus(stores, List.of(store)), sinks);
    }

    /** This part also keeping the stores of the attribution window {@code name}. */
    public LearningPart window(String name, StoreType type) {
        return new LearningPart(processor, supplier, sources, plus(stores, AttributionWindow.stores(name, type)), sinks);
    }

    /** This part also writing {@code topic} through the sink node {@code node}. */
    public LearningPart sink(String node, String topic) {
        return new LearningPart(processor, supplier, sources, stores, plus(sinks, List.of(new Sink(node, topic))));
    }

    /** Adds the part's sources, processor, stores and sinks to {@code topology}, in that order. */
    public void addTo(Topology topology) {
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytesOut = new ByteArraySerializer();
        for (Source source : sources) {
            topology.addSource(source.node(), bytesIn, bytesIn, source.topic());
        }
        topology.addProcessor(processor, supplier, sources.stream().map(Source::node).toArray(String[]::new));
        for (StoreBuilder<?> store : stores) {
            topology.addStateStore(store, processor);
        }
        for (Sink sink : sinks) {
            topology.addSink(sink.node(), sink.topic(), bytesOut, bytesOut, processor);
        }
    }

    private static <T> List<T> plus(List<T> list, List<? extends T> more) {
        List<T> all = new ArrayList<>(list);
        all.addAll(more);
        return all;
    }
}
