package io.regretless.topology.bandit;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;

import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.LinearBanditCodec;
import io.regretless.bandit.LinearBandits;
import io.regretless.topology.config.ModelConfig;

/**
 * The models of one task: the changelog-backed store is the truth, and decoded learners are kept
 * in memory so a decision does not decode the whole state. Every update is written through to
 * the store before the record is done, so the changelog (and exactly-once) sees every change.
 * A learner whose update failed half-way is dropped from memory and re-read from the store.
 */
final class ModelRepository {
    private final KeyValueStore<String, byte[]> store;
    private final Map<String, ModelConfig> configs;
    private final Map<String, ContextualBandit> decoded = new HashMap<>();

    ModelRepository(KeyValueStore<String, byte[]> store, Map<String, ModelConfig> configs) {
        this.store = store;
        this.configs = configs;
    }

    /** The model's current learner; a model with no state yet starts from its prior. */
    ContextualBandit get(String modelId) {
        ContextualBandit bandit = decoded.get(modelId);
        if (bandit == null) {
            ModelConfig config = configs.get(modelId);
            byte[] bytes = store.get(modelId);
            bandit = bytes == null
                ? LinearBandits.create(config.bandit())
                : LinearBanditCodec.decode(bytes, config.bandit());
            decoded.put(modelId, bandit);
        }
        return bandit;
    }

    /** Applies one reward to the model and writes the new state to the store. */
    void learn(String modelId, String actionId, double[] features, double reward) {
        ContextualBandit bandit = get(modelId);
        try {
            bandit.update(actionId, features, reward);
            store.put(modelId, LinearBanditCodec.encode(bandit, modelId));
        } catch (RuntimeException e) {
            decoded.remove(modelId);
            throw e;
        }
    }

    /** Forgets decoded learners, e.g. when the task is (re)initialised from its changelog. */
    void clear() {
        decoded.clear();
    }
}
