package io.regretless.ops.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.regretless.schemas.Topics;

/**
 * Creates every topic of a deployment with the right partitions and settings; existing ones are
 * left alone, with a warning when their partition count is not the one asked for, and an error
 * (exit 1) when inputs that must share one partition count do not.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create the application's topics (inputs co-partitioned, snapshots compacted, outputs with retention). "
        + "Existing topics are left as they are: a warning when their partition count differs from --partitions, an "
        + "error (exit 1) when inputs that must have one partition count do not.")
public final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
        description = "The application's properties file (bootstrap.servers, security settings, regretless.topic.prefix).")
    Path config;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication factor (default: ${DEFAULT-VALUE}).")
    short replication;

    @Option(names = "--input-retention-hours", defaultValue = "168",
        description = "Retention of the input topics by record timestamp; -1 keeps them forever, which a replay of "
            + "data older than the retention needs (default: ${DEFAULT-VALUE}).")
    long inputRetentionHours;

    @Option(names = "--output-retention-hours", defaultValue = "168",
        description = "Retention of decisions, feedback, intervals, evaluation, combined, group-evaluation and "
            + "policy-evaluation (default: ${DEFAULT-VALUE}).")
    long outputRetentionHours;

    @Option(names = "--dead-letter-retention-hours", defaultValue = "720",
        description = "Retention of dead letters (default: ${DEFAULT-VALUE}).")
    long deadLetterRetentionHours;

    @Override
    public Integer call() throws Exception {
        Properties props = RunCommand.load(config, System.getenv());
        Topics topics = new Topics(props.getProperty("regretless.topic.prefix", "regretless"));
        Map<String, NewTopic> plan = TopicPlan.topics(topics, partitions, replication, Duration.ofHours(inputRetentionHours),
            Duration.ofHours(outputRetentionHours), Duration.ofHours(deadLetterRetentionHours));
        Properties adminProps = new Properties();
        props.stringPropertyNames().stream().filter(n -> !n.startsWith("regretless."))
            .forEach(n -> adminProps.put(n, props.getProperty(n)));
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            for (NewTopic topic : plan.values()) {
                if (existing.contains(topic.name())) {
                    out.println("exists   " + topic.name());
                    continue;
                }
                try {
                    admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                    out.println("created  " + topic.name() + " (" + topic.numPartitions() + " partitions"
                        + (topic.configs() == null || topic.configs().isEmpty() ? "" : ", " + topic.configs()) + ")");
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic.name() + ": " + e.getCause().getMessage(), e);
                    }
                    out.println("exists   " + topic.name());
                }
            }
            awaitVisible(admin, plan.keySet());
            Map<String, TopicDescription> described = admin.describeTopics(plan.keySet()).allTopicNames()
                .get(60, TimeUnit.SECONDS);
            Map<String, Integer> counts = new LinkedHashMap<>();
            plan.keySet().forEach(name -> counts.put(name, described.get(name).partitions().size()));
            PrintWriter err = spec.commandLine().getErr();
            PartitionCounts.differFromAsked(existing, counts, partitions).forEach(w -> err.println("warning: " + w));
            List<String> errors = PartitionCounts.notCoPartitioned(topics, counts);
            errors.forEach(e -> err.println("error: " + e));
            err.flush();
            if (!errors.isEmpty()) {
                return 1;
            }
        }
        if (inputRetentionHours >= 0) {
            out.println("note: retention deletes by record timestamp. Input records stamped more than "
                + inputRetentionHours + " h ago (a replay of old data) are deleted at the broker's next retention pass,"
                + " possibly before the application reads them (it reports that: /health, regretless_input_records_lost_total);"
                + " the outputs of such a replay carry the same old timestamps. To replay history, create the topics with"
                + " --input-retention-hours -1 --output-retention-hours -1, or raise retention.ms on them first.");
        }
        return 0;
    }

    /**
     * Waits until the broker answers for every topic with a leader on each partition: a topic just
     * created is not in every broker's metadata yet, and a command run right after this one (or
     * {@code run}) would otherwise be told it does not exist.
     */
    private static void awaitVisible(Admin admin, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                boolean ready = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (ready) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException notYetVisible) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics were created but are not visible after 60 s: " + notYetVisible);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics were created but have no leader after 60 s");
            }
            Thread.sleep(100);
        }
    }
}
