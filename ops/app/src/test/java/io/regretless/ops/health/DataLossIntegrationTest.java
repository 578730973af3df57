package io.regretless.ops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.ops.AppProcess;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.Topics;

/**
 * Input older than the topic's retention is deleted by the broker before the application reads it
 * (here: while it is stopped). The application must not skip it in silence: with
 * {@code regretless.fail.on.data.loss=true} it stops and says why; by default it continues, and
 * says so in its log (WARN), in {@code /health} and in the metric
 * {@code regretless_input_records_lost_total}.
 */
class DataLossIntegrationTest {
    static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);
    static final int READ = 10;
    static final int DELETED = 25;
    static final Duration STALL = Duration.ofSeconds(90);

    @Test
    void inputDeletedBeforeItIsReadIsReportedNeverSkippedInSilence(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                 .serverProperty("log.retention.check.interval.ms", "500")
                 .serverProperty("log.initial.task.delay.ms", "0")
                 .start()) {
            AppFixture fixture = AppFixture.on(broker, "loss", dir.resolve("state")).banditTopics(1)
                .banditModel("m", "linucb", 4)
                // each restart otherwise waits out the stopped instance's 45 s session before it gets the partition
                .set("consumer.session.timeout.ms", 10000);
            Topics topics = fixture.topics();
            Path config = fixture.store(dir.resolve("app.properties"));
            long twoDaysAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(2);

            // the application reads the first requests and commits
            produce(broker, topics, 0, READ, twoDaysAgo);
            try (AppProcess app = AppProcess.start(config, Map.of());
                 IdLedger decisions = decisionLedger(broker, topics)) {
                decisions.awaitAll(ids(0, READ), STALL, app::outputTail);
                assertTrue(app.stop(), "the app stops on SIGTERM");
            }

            // while it is stopped, more requests arrive, stamped two days ago, and the topic gets a
            // one-day retention: the next retention pass deletes them unread
            produce(broker, topics, READ, READ + DELETED, twoDaysAgo);
            try (Admin admin = Admin.create(broker.clientProperties())) {
                ConfigResource requests = new ConfigResource(ConfigResource.Type.TOPIC, topics.requests());
                admin.incrementalAlterConfigs(Map.of(requests, List.of(new AlterConfigOp(
                    new ConfigEntry("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1))), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
                awaitLogStart(admin, new TopicPartition(topics.requests(), 0), READ + DELETED);
            }

            // asked to, the application refuses to go on past the gap, and says why
            try (AppProcess strict = AppProcess.start(config, Map.of("REGRETLESS_CONFIG_REGRETLESS_FAIL_ON_DATA_LOSS", "true"))) {
                assertTrue(strict.awaitExit(Duration.ofSeconds(120)), "the strict app stops:\n" + strict.outputTail());
                assertEquals(1, strict.exitCode(), strict.outputTail());
                assertTrue(strict.outputTail().contains("offsets " + READ + ".." + (READ + DELETED - 1) + " (" + DELETED
                    + " records) deleted before they were read"), strict.outputTail());
                assertTrue(strict.outputTail().contains("regretless.fail.on.data.loss=true"), strict.outputTail());
            }

            // by default it goes on after the gap, and tells: log, health, metric
            try (AppProcess app = AppProcess.start(config, Map.of());
                 IdLedger decisions = decisionLedger(broker, topics)) {
                produce(broker, topics, READ + DELETED, READ + DELETED + 5, System.currentTimeMillis());
                decisions.awaitAll(ids(READ + DELETED, READ + DELETED + 5), STALL, app::outputTail);
                assertEquals(0, decisions.counts().keySet().stream().filter(ids(READ, READ + DELETED)::contains).count(),
                    "the deleted requests were never decided");
                String health = get(app, "/health");
                assertTrue(health.contains("\"inputRecordsLost\":" + DELETED), health);
                assertTrue(health.contains("loss.requests-0 offsets " + READ + ".." + (READ + DELETED - 1)), health);
                assertTrue(get(app, "/health/ready").contains("input lost: "), "readiness lists the loss");
                Matcher metric = Pattern.compile("regretless_input_records_lost_total\\{partition=\"0\",topic=\"loss.requests\"} (\\S+)")
                    .matcher(get(app, "/metrics"));
                assertTrue(metric.find(), "the metric is exported");
                assertEquals(DELETED, Double.parseDouble(metric.group(1)));
                assertTrue(app.outputTail().contains("WARN") && app.outputTail().contains("deleted before they were read"),
                    app.outputTail());
            }
        }
    }

    static void produce(EmbeddedKafkaBroker broker, Topics topics, int from, int to, long timestamp) {
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties())) {
            for (int i = from; i < to; i++) {
                DecisionRequest request = new DecisionRequest("r" + i, "m", timestamp + i, Map.of("x", 1.0),
                    List.of(new Action("a", Map.of()), new Action("b", Map.of())));
                producer.send(topics.requests(), 0, "m".getBytes(StandardCharsets.UTF_8), REQUESTS.encode(request),
                    timestamp + i);
            }
        }
    }

    static IdLedger decisionLedger(EmbeddedKafkaBroker broker, Topics topics) {
        return new IdLedger(broker.clientProperties(), topics.decisions(),
            bytes -> WireCodec.of(Decision.class).decode(bytes).getRequestId());
    }

    static Collection<String> ids(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
    }

    static void awaitLogStart(Admin admin, TopicPartition partition, long offset) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long start = -1;
        while (System.nanoTime() < deadline) {
            start = admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).all().get(30, TimeUnit.SECONDS)
                .get(partition).offset();
            if (start >= offset) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the broker's retention did not delete the old requests: log start " + start
            + ", expected " + offset);
    }

    static String get(AppProcess app, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }
}
