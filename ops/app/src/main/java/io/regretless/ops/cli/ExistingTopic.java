package io.regretless.ops.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A topic that must exist before a command writes or reads it, asked of the cluster first so a
 * missing one is named at once instead of a client waiting a minute for its metadata.
 */
final class ExistingTopic {
    private ExistingTopic() {
    }

    /**
     * The topic's partition count.
     *
     * @param clientConfig a producer's or consumer's settings (bootstrap.servers, security)
     * @throws IllegalStateException if the topic does not exist (saying to run {@code topics} first)
     *     or the cluster does not answer
     */
    static int partitions(Map<String, Object> clientConfig, String topic) throws InterruptedException {
        Map<String, Object> admin = new HashMap<>();
        clientConfig.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name) || name.startsWith("sasl.") || name.startsWith("ssl.")) {
                admin.put(name, value);
            }
        });
        try (Admin client = Admin.create(admin)) {
            return client.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("topic " + topic + " does not exist: create the application's topics"
                    + " first (java -jar regretless.jar topics --config <the same file>)");
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not describe " + topic + " within 60 s: is "
                + AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG + " right (" + admin.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                + ")?", e);
        }
    }
}
