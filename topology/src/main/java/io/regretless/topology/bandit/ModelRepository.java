package io.regretless.topology.bandit;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBanditCodec;
import io.regretless.bandit.LinearBandits;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.task.LearnerStore;

/** How the bandit models of a task are created, read and written in their store. */
final class ModelRepository {
    private ModelRepository() {
    }

    static LearnerStore<ContextualBandit> of(KeyValueStore<String, byte[]> store, Map<String, ModelConfig> configs) {
        return new LearnerStore<>(store, new LearnerStore.Codec<>() {
            @Override
            public ContextualBandit create(String modelId) {
                return LinearBandits.create(configs.get(modelId).bandit());
            }

            @Override
            public ContextualBandit decode(String modelId, byte[] bytes) {
                return LinearBanditCodec.decode(bytes, configs.get(modelId).bandit());
            }

            @Override
            public byte[] encode(String modelId, ContextualBandit bandit) {
                return LinearBanditCodec.encode(bandit, modelId);
            }
        });
    }
}
