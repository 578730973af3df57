package io.regretless.connectors.decide;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.regretless.codec.PublishedBandit;
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
    /**
     * Kind of the record the application publishes for a bandit model whose stored state
     * contradicts its configuration; its state is the reason, in UTF-8. Deciders refuse its requests.
     */
    public static final String BANDIT_CONFLICT = "bandit-conflict";

    private final Map<String, PublishedBandit> models = new ConcurrentHashMap<>();
    private final Map<String, String> conflicts = new ConcurrentHashMap<>();

    /** Takes a published snapshot; snapshots of other kinds (conformal, experts) are ignored. */
    public void accept(ModelSnapshot snapshot) {
        if (BANDIT.equals(snapshot.getKind())) {
            accept(PublishedBandit.decode(bytes(snapshot)));
        } else if (BANDIT_CONFLICT.equals(snapshot.getKind())) {
            models.remove(snapshot.getModelId());
            conflicts.put(snapshot.getModelId(), new String(bytes(snapshot), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    public void accept(PublishedBandit model) {
        conflicts.remove(model.modelId());
        models.put(model.modelId(), model);
    }

    /** Forgets the model: the application withdrew it (a tombstone), e.g. after a reset. */
    public void remove(String modelId) {
        models.remove(modelId);
        conflicts.remove(modelId);
    }

    /** Why the application refuses the model's records (its state contradicts its configuration), or null. */
    public String conflict(String modelId) {
        return conflicts.get(modelId);
    }

    private static byte[] bytes(ModelSnapshot snapshot) {
        java.nio.ByteBuffer state = snapshot.getState().duplicate();
        byte[] bytes = new byte[state.remaining()];
        state.get(bytes);
        return bytes;
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
