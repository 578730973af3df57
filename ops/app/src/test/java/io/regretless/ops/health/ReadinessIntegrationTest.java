package io.regretless.ops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.http.OpsServer;
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
 * Readiness means the instance processes: a task whose processing thread is held (a processor
 * stuck inside a call) while its input waits turns {@code /health/ready} to 503 with the task and
 * its lag named, and back to 200 once it processes again. An idle instance stays ready.
 */
class ReadinessIntegrationTest {
    static final AvroCodec<DecisionRequest> REQUESTS = AvroCodec.of(DecisionRequest.class);
    static final Duration STALL = Duration.ofSeconds(90);

    @Test
    void readinessTurnsFalseWhileATaskWithInputProcessesNothing(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            AppFixture fixture = AppFixture.on(broker, "ready", dir).banditTopics(1).banditModel("m", "linucb", 4)
                .set("processor.wrapper.class", StallingProcessorWrapper.class.getName())
                .set("regretless.health.stall.timeout.ms", 2000);
            Topics topics = fixture.topics();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (RegretlessApp app = new RegretlessApp(fixture.properties());
                 OpsServer http = new OpsServer(new InetSocketAddress("127.0.0.1", 0), app.streams(), app.health(),
                     app.config(), registry, null);
                 IdLedger decisions = new IdLedger(broker.clientProperties(), topics.decisions(),
                     bytes -> WireCodec.of(Decision.class).decode(bytes).getRequestId())) {
                app.progress().bindTo(registry);
                http.start();
                app.start(Duration.ofMinutes(2));
                String base = "http://127.0.0.1:" + http.port();

                produce(broker, topics, 0, 5);
                decisions.awaitAll(ids(0, 5), STALL, () -> "");
                Thread.sleep(3 * 2_000);
                assertEquals(200, status(base + "/health/ready"), "an idle instance with nothing to process stays ready: "
                    + body(base + "/health/ready"));

                StallingProcessorWrapper.stall();
                try {
                    produce(broker, topics, 5, 10);
                    String stalled = awaitBody(base + "/health/ready", r -> r.statusCode() == 503);
                    assertTrue(stalled.contains("stalled: task 0_0 has "), stalled);
                    assertTrue(stalled.contains("input records it has not processed and committed nothing for"), stalled);
                    assertTrue(body(base + "/metrics").contains("regretless_stalled_tasks 1.0"), "the gauge counts it");
                    assertTrue(body(base + "/health").contains("\"ready\":false"));
                } finally {
                    StallingProcessorWrapper.release();
                }
                decisions.awaitAll(ids(5, 10), STALL, () -> "");
                awaitBody(base + "/health/ready", r -> r.statusCode() == 200);
            }
        }
    }

    static void produce(EmbeddedKafkaBroker broker, Topics topics, int from, int to) {
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties())) {
            long now = System.currentTimeMillis();
            for (int i = from; i < to; i++) {
                DecisionRequest request = new DecisionRequest("r" + i, "m", now, Map.of("x", 1.0),
                    List.of(new Action("a", Map.of()), new Action("b", Map.of())));
                producer.send(topics.requests(), 0, "m".getBytes(StandardCharsets.UTF_8), REQUESTS.encode(request), now);
            }
            producer.flush();
        }
    }

    static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "r" + i).toList();
    }

    static String awaitBody(String url, Predicate<HttpResponse<String>> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            if (wanted.test(last)) {
                return last.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such answer from " + url + " within 90 s; last: " + last.statusCode() + " " + last.body());
    }

    static int status(String url) throws Exception {
        return get(url).statusCode();
    }

    static String body(String url) throws Exception {
        return get(url).body();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
