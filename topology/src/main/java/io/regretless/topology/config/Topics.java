package io.regretless.topology.config;

import java.util.List;

/**
 * Topic names of one deployment: {@code <prefix>.<name>}. Every input topic is keyed by model id,
 * so all of a model's records meet in one task; input topics must have the same partition count.
 */
public record Topics(String prefix) {
    public Topics {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("topic prefix must not be blank");
        }
    }

    public String requests() {
        return prefix + ".requests";
    }

    public String rewards() {
        return prefix + ".rewards";
    }

    public String labeled() {
        return prefix + ".labeled";
    }

    public String decisions() {
        return prefix + ".decisions";
    }

    public String feedback() {
        return prefix + ".feedback";
    }

    /** Compacted: the latest state of every model, keyed by model id. */
    public String modelSnapshots() {
        return prefix + ".model-snapshots";
    }

    public String deadLetters() {
        return prefix + ".dead-letters";
    }

    public String predictionRequests() {
        return prefix + ".prediction-requests";
    }

    public String labels() {
        return prefix + ".labels";
    }

    public String intervals() {
        return prefix + ".intervals";
    }

    public String evaluation() {
        return prefix + ".evaluation";
    }

    /** The topics conformal prediction reads, co-partitioned by model id. */
    public List<String> conformalInputs() {
        return List.of(predictionRequests(), labels());
    }

    /** The topics conformal prediction writes (and the shared dead-letter topic). */
    public List<String> conformalOutputs() {
        return List.of(intervals(), evaluation(), deadLetters(), modelSnapshots());
    }

    /** The topics the bandit loop reads, co-partitioned by model id. */
    public List<String> banditInputs() {
        return List.of(requests(), rewards(), labeled());
    }

    /** The topics the bandit loop writes. */
    public List<String> banditOutputs() {
        return List.of(decisions(), feedback(), deadLetters(), modelSnapshots());
    }
}
