package io.regretless.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.regretless.schemas.Topics;

/**
 * The bandit loop's topics as they exist on the cluster: all there, and its inputs with one
 * partition count, which the topology needs (a request id belongs to one partition of them).
 */
final class TopicCheck {
    private TopicCheck() {
    }

    /**
     * @throws IllegalStateException if a topic is missing (saying to run {@code topics} first) or
     *     the inputs' partition counts differ
     */
    static int partitions(Properties streamsProps, Topics topics) {
        return partitions(streamsProps, topics, List.of());
    }

    /** As {@link #partitions(Properties, Topics)}, also requiring {@code alsoNeeded} to exist. */
    static int partitions(Properties streamsProps, Topics topics, List<String> alsoNeeded) {
        Map<String, Object> admin = new HashMap<>();
        streamsProps.stringPropertyNames().stream().filter(AdminClientConfig.configNames()::contains)
            .forEach(n -> admin.put(n, streamsProps.getProperty(n)));
        List<String> needed = new java.util.ArrayList<>(List.of(topics.requests(), topics.rewards(), topics.decisionLog(),
            topics.labeled(), topics.learningUpdates(), topics.modelSnapshots()));
        needed.addAll(alsoNeeded);
        try (Admin client = Admin.create(admin)) {
            Map<String, TopicDescription> found = new HashMap<>();
            for (String topic : needed) {
                try {
                    found.put(topic, client.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new IllegalStateException("topic " + topic + " does not exist: create the application's topics"
                            + " first (java -jar regretless.jar topics --config <the same file>)");
                    }
                    throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
                }
            }
            int partitions = found.get(topics.requests()).partitions().size();
            for (String input : topics.banditInputs()) {
                int count = found.get(input).partitions().size();
                if (count != partitions) {
                    throw new IllegalStateException("the bandit inputs must have one partition count: " + topics.requests()
                        + " has " + partitions + ", " + input + " has " + count);
                }
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not describe the topics within 60 s: is bootstrap.servers right?", e);
        }
    }
}
