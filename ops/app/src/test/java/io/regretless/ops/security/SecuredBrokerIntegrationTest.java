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
import io.regretless.ops.testkit.AppFixture;
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
        AppFixture fixture = fixture("ok", "secure-ok", "app-ok", dir).banditTopics(1);
        Topics topics = fixture.topics();
        createUser("app-ok", RequiredAcls.of(topics, "secure-ok", "User:app-ok"));
        try (RegretlessApp app = new RegretlessApp(fixture.properties())) {
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
        AppFixture fixture = fixture("denied", "secure-denied", "app-denied", dir).banditTopics(1);
        Topics topics = fixture.topics();
        List<AclBinding> withoutGroup = RequiredAcls.of(topics, "secure-denied", "User:app-denied").stream()
            .filter(acl -> acl.pattern().resourceType() != ResourceType.GROUP)
            .toList();
        createUser("app-denied", withoutGroup);
        long started = System.nanoTime();
        try (RegretlessApp app = new RegretlessApp(fixture.properties())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.start(Duration.ofMinutes(2)));
            assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(90), "it failed rather than waited for the timeout");
    }

    static void createUser(String user, List<AclBinding> acls) throws Exception {
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), user + "-secret"))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The application on the secured broker, signed in as {@code user} rather than as the broker's admin. */
    static AppFixture fixture(String prefix, String applicationId, String user, Path dir) {
        return AppFixture.on(broker, prefix, dir).applicationId(applicationId)
            .banditModel("m", "linucb", 4)
            .set("sasl.jaas.config", jaas(user, user + "-secret"));
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";";
    }
}
