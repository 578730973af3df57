package io.regretless.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.Main;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.schemas.Topics;

/** {@code topics} creates every topic with its partitions and settings, and is safe to run twice. */
class TopicsCommandIntegrationTest {
    @Test
    void createsEveryTopicOnceWithItsSettings(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            Path config = dir.resolve("app.properties");
            Files.writeString(config, "bootstrap.servers=" + broker.bootstrapServers() + "\nregretless.topic.prefix=t\n");
            String[] args = {"topics", "--config", config.toString(), "--partitions", "3", "--replication-factor", "1"};
            assertEquals(0, Main.commandLine().execute(args));
            assertEquals(0, Main.commandLine().execute(args), "existing topics are left alone");

            Topics topics = new Topics("t");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                Map<String, TopicDescription> described = admin.describeTopics(
                    TopicPlan.topics(topics, 1, (short) 1, java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ZERO).keySet())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
                assertEquals(18, described.size(), "every topic, the decision log, the learning updates and the policy "
                    + "evaluation among them");
                described.values().forEach(d -> assertEquals(3, d.partitions().size(), d.name()));
                ConfigResource snapshots = new ConfigResource(ConfigResource.Type.TOPIC, topics.modelSnapshots());
                ConfigResource feedback = new ConfigResource(ConfigResource.Type.TOPIC, topics.feedback());
                ConfigResource requests = new ConfigResource(ConfigResource.Type.TOPIC, topics.requests());
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(snapshots, feedback, requests)).all()
                    .get(30, TimeUnit.SECONDS);
                assertEquals(Long.toString(TimeUnit.HOURS.toMillis(168)), configs.get(requests).get("retention.ms").value(),
                    "inputs get an explicit retention, which the command's note explains");
                assertEquals("compact", configs.get(snapshots).get("cleanup.policy").value());
                assertEquals(Long.toString(TimeUnit.HOURS.toMillis(168)), configs.get(feedback).get("retention.ms").value());
                assertTrue(described.containsKey(topics.predictionRequests()));

                Files.writeString(config, "bootstrap.servers=" + broker.bootstrapServers() + "\nregretless.topic.prefix=replay\n");
                assertEquals(0, Main.commandLine().execute("topics", "--config", config.toString(), "--partitions", "1",
                    "--replication-factor", "1", "--input-retention-hours", "-1"));
                ConfigResource replayed = new ConfigResource(ConfigResource.Type.TOPIC, new Topics("replay").labels());
                assertEquals("-1", admin.describeConfigs(List.of(replayed)).all().get(30, TimeUnit.SECONDS).get(replayed)
                    .get("retention.ms").value(), "a replay's inputs are kept whatever their timestamps");
                assertTrue(described.containsKey(topics.advice()) && described.containsKey(topics.expertLabels())
                    && described.containsKey(topics.combined()) && described.containsKey(topics.groupEvaluation()));
                assertEquals(Long.toString(TimeUnit.HOURS.toMillis(168)), admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, topics.policyEvaluation()))).all().get(30, TimeUnit.SECONDS)
                    .values().iterator().next().get("retention.ms").value(), "policy-evaluation is an output like the others");
            }
        }
    }
}
