package io.regretless.ops.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.connectors.client.BanditClient;
import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Topics;

/**
 * A broker with SASL/SCRAM authentication and an authorizer that denies what no ACL allows: the
 * application works with exactly {@link RequiredAcls}, and with one of them missing it fails
 * fast with the authorization error, instead of hanging.
 */
class SecuredBrokerIntegrationTest {
    static final String ADMIN = jaas("admin", "admin-secret");
    static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().numPartitions(1)
            .serverProperty("listener.security.protocol.map", "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
            .serverProperty("sasl.enabled.mechanisms", "SCRAM-SHA-256")
            .serverProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256")
            .serverProperty("listener.name.plaintext.scram-sha-256.sasl.jaas.config", ADMIN)
            .serverProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
            .serverProperty("super.users", "User:admin;User:ANONYMOUS")
            .serverProperty("allow.everyone.if.no.acl.found", "false")
            .formatArguments("--add-scram", "SCRAM-SHA-256=[name=admin,password=admin-secret]")
            .clientProperty("security.protocol", "SASL_PLAINTEXT")
            .clientProperty("sasl.mechanism", "SCRAM-SHA-256")
            .clientProperty("sasl.jaas.config", ADMIN)
            .start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void worksWithTheDocumentedAcls(@TempDir Path dir) throws Exception {
        Topics topics = new Topics("ok");
        createTopicsAndUser(topics, "app-ok", RequiredAcls.of(topics, "secure-ok", "User:app-ok"));
        try (RegretlessApp app = new RegretlessApp(appProperties(topics, "secure-ok", "app-ok", dir))) {
            app.start(Duration.ofMinutes(2));
            Properties client = new Properties();
            client.putAll(broker.clientProperties());
            try (BanditClient bandits = new BanditClient(client, topics.prefix())) {
                Decision decision = bandits.decide(new DecisionRequest("r1", "m", 1L, Map.of("x", 1.0),
                    List.of(new Action("a", Map.of()), new Action("b", Map.of())))).get(60, TimeUnit.SECONDS);
                assertEquals("r1", decision.getRequestId());
            }
        }
    }

    @Test
    void failsFastAndSaysWhyWhenAnAclIsMissing(@TempDir Path dir) throws Exception {
        Topics topics = new Topics("denied");
        List<AclBinding> withoutGroup = RequiredAcls.of(topics, "secure-denied", "User:app-denied").stream()
            .filter(acl -> acl.pattern().resourceType() != ResourceType.GROUP)
            .toList();
        createTopicsAndUser(topics, "app-denied", withoutGroup);
        long started = System.nanoTime();
        try (RegretlessApp app = new RegretlessApp(appProperties(topics, "secure-denied", "app-denied", dir))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.start(Duration.ofMinutes(2)));
            assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(90), "it failed rather than waited for the timeout");
    }

    static void createTopicsAndUser(Topics topics, String user, List<AclBinding> acls) throws Exception {
        broker.createTopics(topics.banditTopics(), 1);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), user + "-secret"))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    static Properties appProperties(Topics topics, String applicationId, String user, Path dir) {
        Properties props = new Properties();
        props.put("application.id", applicationId);
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("state.dir", dir.toString());
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "SCRAM-SHA-256");
        props.put("sasl.jaas.config", jaas(user, user + "-secret"));
        props.put("regretless.topic.prefix", topics.prefix());
        props.put("regretless.models", "m");
        props.put("regretless.model.m.learner", "linucb");
        props.put("regretless.model.m.dimension", "4");
        return props;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";";
    }
}
