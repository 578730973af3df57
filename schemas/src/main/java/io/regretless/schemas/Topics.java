package io.regretless.schemas;

import java.util.List;

/**
 * Topic names of one deployment: {@code <prefix>.<name>}. The bandit loop's inputs are keyed by
 * request id (a decision and its reward meet in one task, whatever the model), its learning
 * updates by model id (one task owns a model); conformal and experts inputs are keyed by model id.
 * The inputs of one part must have the same partition count.
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

    /** Decisions made outside the stream (local deciders, the HTTP API), keyed by request id. */
    public String decisionLog() {
        return prefix + ".decision-log";
    }

    /** Joined, hashed rewards on their way to the task that owns the model, keyed by model id. */
    public String learningUpdates() {
        return prefix + ".learning-updates";
    }

    public String feedback() {
        return prefix + ".feedback";
    }

    /**
     * Shadow policies' off-policy estimates ({@code PolicyEvaluation}), keyed by model id, written by
     * the evaluation sub-topology that reads {@link #feedback()}.
     */
    public String policyEvaluation() {
        return prefix + ".policy-evaluation";
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

    /** Sleeping experts: the cases to predict ({@code Advice}), keyed by model id. */
    public String advice() {
        return prefix + ".advice";
    }

    /**
     * Sleeping experts: the labels of the cases ({@code Label}). A topic of its own, not {@link #labels()}:
     * one topology cannot read a topic from two sources, and each part must dead-letter labels it cannot join.
     */
    public String expertLabels() {
        return prefix + ".expert-labels";
    }

    /** Sleeping experts: the combined predictions ({@code CombinedPrediction}). */
    public String combined() {
        return prefix + ".combined";
    }

    /** Sleeping experts: per model and group, loss and regret after each label ({@code ExpertsEvaluation}). */
    public String groupEvaluation() {
        return prefix + ".group-evaluation";
    }

    /** The topics sleeping experts read, co-partitioned by model id. */
    public List<String> expertsInputs() {
        return List.of(advice(), expertLabels());
    }

    /** The topics sleeping experts write (and the shared dead-letter and snapshot topics). */
    public List<String> expertsOutputs() {
        return List.of(combined(), groupEvaluation(), deadLetters(), modelSnapshots());
    }

    /** The topics conformal prediction reads, co-partitioned by model id. */
    public List<String> conformalInputs() {
        return List.of(predictionRequests(), labels());
    }

    /** The topics conformal prediction writes (and the shared dead-letter topic). */
    public List<String> conformalOutputs() {
        return List.of(intervals(), evaluation(), deadLetters(), modelSnapshots());
    }

    /** Every topic sleeping experts read or write. */
    public List<String> expertsTopics() {
        return concat(expertsInputs(), expertsOutputs());
    }

    /** Every topic conformal prediction reads or writes. */
    public List<String> conformalTopics() {
        return concat(conformalInputs(), conformalOutputs());
    }

    /** Every topic the bandit loop reads or writes. */
    public List<String> banditTopics() {
        return concat(banditInputs(), banditOutputs());
    }

    private static List<String> concat(List<String> inputs, List<String> outputs) {
        List<String> all = new java.util.ArrayList<>(inputs);
        all.addAll(outputs);
        return List.copyOf(all);
    }

    /** The topics the bandit loop reads from outside, co-partitioned by request id. */
    public List<String> banditInputs() {
        return List.of(requests(), rewards(), labeled(), decisionLog());
    }

    /**
     * The topics the bandit loop writes, its learning updates among them (which it also reads), and
     * the shadow policies' evaluation of its feedback.
     */
    public List<String> banditOutputs() {
        return List.of(decisions(), feedback(), learningUpdates(), deadLetters(), modelSnapshots(), policyEvaluation());
    }
}
