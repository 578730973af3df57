package io.regretless.connectors.decide;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.regretless.bandit.PublishedBandit;
import io.regretless.schemas.ModelSnapshot;

/**
 * The newest published version of each bandit model, as read from the model topic. Thread-safe:
 * one thread follows the topic ({@link ModelFollower}), any number decide. A record replaces the
 * model's previous one: the topic is compacted and keyed by model id, so it is read in the order
 * the application published (a reset model may start again at version 0).
 */
public final class PublishedModels {
    /** Kind of a bandit model in {@link ModelSnapshot#getKind()}. */
    public static final String BANDIT = "bandit";

    private final Map<String, PublishedBandit> models = new ConcurrentHashMap<>();

    /** Takes a published snapshot; snapshots of other kinds (conformal, experts) are ignored. */
    public void accept(ModelSnapshot snapshot) {
        if (BANDIT.equals(snapshot.getKind())) {
            accept(PublishedBandit.decode(snapshot.getState().array()));
        }
    }

    public void accept(PublishedBandit model) {
        models.put(model.modelId(), model);
    }

    /** The newest published version of the model, or null if none was published yet. */
    public PublishedBandit get(String modelId) {
        return models.get(modelId);
    }

    /** Models known so far. */
    public int size() {
        return models.size();
    }
}
