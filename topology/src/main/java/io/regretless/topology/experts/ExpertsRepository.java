package io.regretless.topology.experts;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.codec.ExpertsModelCodec;
import io.regretless.experts.ExpertsModel;
import io.regretless.topology.config.ExpertsModelConfig;
import io.regretless.topology.task.LearnerStore;

/** How the sleeping-experts models of a task are created, read and written in their store. */
final class ExpertsRepository {
    private ExpertsRepository() {
    }

    /**
     * The models' store. Reading a stored model that does not fit its configuration (groups,
     * experts, dimension, loss or label range changed) throws {@link IllegalStateException}: reset
     * the application to start afresh.
     */
    static LearnerStore<ExpertsModel> of(KeyValueStore<String, byte[]> store, Map<String, ExpertsModelConfig> configs) {
        return new LearnerStore<>(store, new LearnerStore.Codec<>() {
            @Override
            public ExpertsModel create(String modelId) {
                return ExpertsModel.create(configs.get(modelId).shape());
            }

            @Override
            public ExpertsModel decode(String modelId, byte[] bytes) {
                try {
                    return ExpertsModelCodec.decode(bytes, configs.get(modelId).shape());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("experts model '" + modelId + "' in the store does not fit its"
                        + " configuration: " + e.getMessage(), e);
                }
            }

            @Override
            public byte[] encode(String modelId, ExpertsModel model) {
                return ExpertsModelCodec.encode(model, modelId);
            }
        });
    }
}
