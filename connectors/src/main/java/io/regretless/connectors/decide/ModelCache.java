package io.regretless.connectors.decide;

import java.util.HashMap;
import java.util.Map;

import io.regretless.bandit.ContextualBandit;
import io.regretless.codec.PublishedBandit;

/**
 * Learners decoded from published models, one per model, re-decoded only when a newer version is
 * published. Not thread-safe, like the learners: a thread, or a stream task, keeps its own.
 */
public final class ModelCache {
    private record Decoded(PublishedBandit source, ContextualBandit learner) {
    }

    private final Map<String, Decoded> decoded = new HashMap<>();

    /** The learner of {@code model}, decoding it if this is a version the cache has not seen. */
    public ContextualBandit learner(PublishedBandit model) {
        Decoded cached = decoded.get(model.modelId());
        if (cached == null || cached.source() != model) {
            cached = new Decoded(model, model.learner());
            decoded.put(model.modelId(), cached);
        }
        return cached.learner();
    }
}
