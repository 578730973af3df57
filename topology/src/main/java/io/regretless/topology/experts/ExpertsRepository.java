package io.regretless.topology.experts;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModelCodec;
import io.regretless.topology.config.ExpertsModelConfig;

/**
 * The sleeping-experts models of one task: the changelog-backed store is the truth; decoded models
 * are kept in memory and every change is written through before the record is done. A model whose
 * update failed half-way is dropped from memory and re-read from the store.
 */
final class ExpertsRepository {
    private final KeyValueStore<String, byte[]> store;
    private final Map<String, ExpertsModelConfig> configs;
    private final Map<String, ExpertsModel> decoded = new HashMap<>();

    ExpertsRepository(KeyValueStore<String, byte[]> store, Map<String, ExpertsModelConfig> configs) {
        this.store = store;
        this.configs = configs;
    }

    /**
     * The model, fresh if the store has none.
     *
     * @throws IllegalStateException if the stored model does not fit the configuration (groups,
     *     experts, dimension, loss or label range changed): reset the application to start afresh
     */
    ExpertsModel get(String modelId) {
        ExpertsModel model = decoded.get(modelId);
        if (model == null) {
            ExpertsModel.Shape shape = configs.get(modelId).shape();
            byte[] bytes = store.get(modelId);
            try {
                model = bytes == null ? ExpertsModel.create(shape) : ExpertsModelCodec.decode(bytes, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("experts model '" + modelId + "' in the store does not fit its"
                    + " configuration: " + e.getMessage(), e);
            }
            decoded.put(modelId, model);
        }
        return model;
    }

    /** Applies {@code change} to the model and stores it. */
    <T> T update(String modelId, Function<ExpertsModel, T> change) {
        ExpertsModel model = get(modelId);
        try {
            T result = change.apply(model);
            store.put(modelId, ExpertsModelCodec.encode(model, modelId));
            return result;
        } catch (RuntimeException e) {
            decoded.remove(modelId);
            throw e;
        }
    }

    void clear() {
        decoded.clear();
    }
}
