package io.regretless.ops.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;

import io.regretless.topology.config.Topics;

/**
 * Every topic the application reads or writes, with the settings it needs: inputs co-partitioned
 * (same partition count), model snapshots compacted, feedback and evaluation kept for a bounded
 * retention, dead letters kept longer so an operator can inspect and replay them.
 */
final class TopicPlan {
    private TopicPlan() {
    }

    static Map<String, NewTopic> topics(Topics topics, int partitions, short replication, Duration outputRetention,
                                        Duration deadLetterRetention) {
        Map<String, NewTopic> plan = new LinkedHashMap<>();
        String retention = Long.toString(outputRetention.toMillis());
        for (String input : topics.banditInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication));
        }
        for (String input : topics.conformalInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication));
        }
        for (String input : topics.expertsInputs()) {
            plan.put(input, new NewTopic(input, partitions, replication));
        }
        for (String output : new String[] {topics.decisions(), topics.feedback(), topics.intervals(), topics.evaluation(),
            topics.combined(), topics.groupEvaluation()}) {
            plan.put(output, new NewTopic(output, partitions, replication).configs(Map.of("retention.ms", retention)));
        }
        plan.put(topics.deadLetters(), new NewTopic(topics.deadLetters(), partitions, replication)
            .configs(Map.of("retention.ms", Long.toString(deadLetterRetention.toMillis()))));
        plan.put(topics.modelSnapshots(), new NewTopic(topics.modelSnapshots(), partitions, replication)
            .configs(Map.of("cleanup.policy", "compact", "max.message.bytes", "1048588")));
        return plan;
    }
}
