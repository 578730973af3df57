package io.regretless.topology.task;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The learners of one task, by model id: the changelog-backed store is the truth, decoded learners
 * are kept in memory so a record does not decode the whole state, and every change is written
 * through to the store before the record is done, so the changelog (and exactly-once) sees it. A
 * learner whose update failed half-way is dropped from memory and re-read from the store.
 */
public final class LearnerStore<T> {
    /** How a part's learners are made, read and written. */
    public interface Codec<T> {
        /** A learner for a model with no stored state yet. */
        T create(String modelId);

        T decode(String modelId, byte[] bytes);

        byte[] encode(String modelId, T learner);
    }

    private final KeyValueStore<String, byte[]> store;
    private final Codec<T> codec;
    private final Map<String, T> decoded = new HashMap<>();

    public LearnerStore(KeyValueStore<String, byte[]> store, Codec<T> codec) {
        this.store = store;
        this.codec = codec;
    }

    /** The model's current learner; a model with no state yet starts from its prior. */
    public T get(String modelId) {
        T learner = decoded.get(modelId);
        if (learner == null) {
            byte[] bytes = store.get(modelId);
            learner = bytes == null ? codec.create(modelId) : codec.decode(modelId, bytes);
            decoded.put(modelId, learner);
        }
        return learner;
    }

    /** Applies {@code change} to the model's learner and stores the result. */
    public <R> R update(String modelId, Function<T, R> change) {
        T learner = get(modelId);
        try {
            R result = change.apply(learner);
            store.put(modelId, codec.encode(modelId, learner));
            return result;
        } catch (RuntimeException e) {
            decoded.remove(modelId);
            throw e;
        }
    }

    /** Forgets decoded learners, e.g. when the task is (re)initialised from its changelog. */
    public void clear() {
        decoded.clear();
    }
}
