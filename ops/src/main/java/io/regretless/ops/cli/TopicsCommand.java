package io.regretless.ops.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.regretless.topology.config.Topics;

/** Creates every topic of a deployment with the right partitions and settings; existing ones are left alone. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create the application's topics (inputs co-partitioned, snapshots compacted, outputs with retention).")
public final class TopicsCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The application's properties file (bootstrap.servers, security settings, regretless.topic.prefix).")
    Path config;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication factor (default: ${DEFAULT-VALUE}).")
    short replication;

    @Option(names = "--output-retention-hours", defaultValue = "168",
        description = "Retention of decisions, feedback, intervals, evaluation, combined and group-evaluation "
            + "(default: ${DEFAULT-VALUE}).")
    long outputRetentionHours;

    @Option(names = "--dead-letter-retention-hours", defaultValue = "720",
        description = "Retention of dead letters (default: ${DEFAULT-VALUE}).")
    long deadLetterRetentionHours;

    @Override
    public Integer call() throws Exception {
        Properties props = RunCommand.load(config, System.getenv());
        Topics topics = new Topics(props.getProperty("regretless.topic.prefix", "regretless"));
        Map<String, NewTopic> plan = TopicPlan.topics(topics, partitions, replication,
            Duration.ofHours(outputRetentionHours), Duration.ofHours(deadLetterRetentionHours));
        Properties adminProps = new Properties();
        props.stringPropertyNames().stream().filter(n -> !n.startsWith("regretless."))
            .forEach(n -> adminProps.put(n, props.getProperty(n)));
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (NewTopic topic : plan.values()) {
                if (existing.contains(topic.name())) {
                    System.out.println("exists   " + topic.name());
                    continue;
                }
                try {
                    admin.createTopics(java.util.List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    System.out.println("created  " + topic.name() + " (" + topic.numPartitions() + " partitions"
                        + (topic.configs() == null || topic.configs().isEmpty() ? "" : ", " + topic.configs()) + ")");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                    System.out.println("exists   " + topic.name());
                }
            }
        }
        return 0;
    }
}
