package io.regretless.ops.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;

import io.regretless.schemas.Topics;

/**
 * Every topic the application reads or writes, with the settings it needs: inputs co-partitioned
 * (same partition count), model snapshots compacted, feedback and evaluation kept for a bounded
 * retention, dead letters kept longer so an operator can inspect and replay them.
 */
final class TopicPlan {
    private TopicPlan() {
    }

    /**
     * @param inputRetention how long inputs are kept, by record timestamp; a negative duration keeps
     *                       them forever (what a replay of old data needs)
     */
    static Map<String, NewTopic> topics(Topics topics, int partitions, short replication, Duration inputRetention,
                                        Duration outputRetention, Duration deadLetterRetention) {
        Map<String, NewTopic> plan = new LinkedHashMap<>();
        String retention = Long.toString(outputRetention.toMillis());
        Map<String, String> inputs = Map.of("retention.ms", Long.toString(inputRetention.isNegative() ? -1 : inputRetention.toMillis()));
        for (String input : topics.banditInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication).configs(inputs));
        }
        for (String input : topics.conformalInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication).configs(inputs));
        }
        for (String input : topics.expertsInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication).configs(inputs));
        }
        // the models are a function of their updates: kept like the inputs, so they can be replayed
        plan.put(topics.learningUpdates(), new NewTopic(topics.learningUpdates(), partitions, replication).configs(inputs));
        for (String output : new String[] {topics.decisions(), topics.feedback(), topics.intervals(), topics.evaluation(),
            topics.combined(), topics.groupEvaluation(), topics.policyEvaluation()}) {
            plan.put(output, new NewTopic(output, partitions, replication).configs(Map.of("retention.ms", retention)));
        }
        plan.put(topics.deadLetters(), new NewTopic(topics.deadLetters(), partitions, replication)
            .configs(Map.of("retention.ms", Long.toString(deadLetterRetention.toMillis()))));
        plan.put(topics.modelSnapshots(), new NewTopic(topics.modelSnapshots(), partitions, replication)
            .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "1048588")));
        return plan;
    }
}
