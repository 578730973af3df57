package io.regretless.ops.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.regretless.schemas.Topics;

/**
 * What {@code topics} says about partition counts it did not choose. Inputs that are joined must
 * have one count: the bandit loop's (a request id belongs to one partition of all of them, which
 * the application computes from that count and refuses to start without), the conformal inputs and
 * the sleeping-experts inputs (keyed by model id: a label meets its prediction only on the same
 * partition number).
 */
final class PartitionCounts {
    private PartitionCounts() {
    }

    /** One line per topic that existed before with a partition count other than {@code asked}. */
    static List<String> differFromAsked(Set<String> existedBefore, Map<String, Integer> counts, int asked) {
        List<String> warnings = new ArrayList<>();
        counts.forEach((topic, count) -> {
            if (existedBefore.contains(topic) && count != asked) {
                warnings.add(topic + " exists with " + count + " partition" + (count == 1 ? "" : "s") + ", not the "
                    + asked + " asked for: left as it is");
            }
        });
        return warnings;
    }

    /** One line per group of inputs whose partition counts differ. */
    static List<String> notCoPartitioned(Topics topics, Map<String, Integer> counts) {
        List<String> errors = new ArrayList<>();
        check("the bandit loop's inputs", topics.banditInputs(), counts,
            "run refuses to start until they are equal", errors);
        check("the conformal inputs", topics.conformalInputs(), counts,
            "labels would not meet their predictions", errors);
        check("the sleeping-experts inputs", topics.expertsInputs(), counts,
            "labels would not meet their cases", errors);
        return errors;
    }

    private static void check(String what, List<String> group, Map<String, Integer> counts, String consequence,
                              List<String> errors) {
        if (group.stream().map(counts::get).distinct().count() > 1) {
            errors.add(what + " must have one partition count, but " + group.stream()
                .map(topic -> topic + " has " + counts.get(topic)).collect(Collectors.joining(", "))
                + ": " + consequence + " (delete and recreate them with one count while nothing is running, or raise "
                + "the smaller ones with kafka-topics --alter --partitions, which moves keys to other partitions)");
        }
    }
}
