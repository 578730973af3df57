package io.regretless.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.regretless.ops.RegretlessApp;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.ops.testkit.IdLedger;
import io.regretless.schemas.Decision;
import io.regretless.schemas.Feedback;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.WireCodec;

/**
 * The HTTP decision API on a running application: {@code POST /rank} answers a decision made with
 * the published model and logs it, {@code POST /reward} sends the reward on, the application joins
 * and learns them like any other decision; each bad input gets a 4xx whose body names the field.
 */
class DecisionApiIntegrationTest {
    static final Duration STALL = Duration.ofSeconds(90);
    static final String REQUEST = "{\"requestId\": \"%s\", \"modelId\": \"checkout\", \"context\": {\"age\": 0.3},"
        + " \"actions\": [{\"id\": \"card\", \"features\": {\"fee\": 0.3}}, {\"id\": \"paypal\"}]}";

    @Test
    void rankAndRewardOverHttpAreJoinedAndLearned(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
            AppFixture fixture = AppFixture.on(broker, "api", dir).banditTopics(2).banditModel("checkout", "linucb", 8);
            Topics topics = fixture.topics();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (RegretlessApp app = new RegretlessApp(fixture.properties());
                 OpsServer http = new OpsServer(new InetSocketAddress("127.0.0.1", 0), app.streams(), app.health(),
                     app.config(), registry, null, app.decider());
                 IdLedger feedback = new IdLedger(broker.clientProperties(), topics.feedback(),
                     bytes -> WireCodec.of(Feedback.class).decode(bytes).getRequest().getRequestId())) {
                http.start();
                app.start(Duration.ofMinutes(2));
                String base = "http://127.0.0.1:" + http.port();

                for (int i = 0; i < 10; i++) {
                    HttpResponse<String> ranked = post(base + "/rank", REQUEST.formatted("h" + i));
                    assertEquals(200, ranked.statusCode(), ranked.body());
                    Decision decision = WireCodec.of(Decision.class).decode(ranked.body().getBytes());
                    assertEquals("h" + i, decision.getRequestId());
                    assertEquals(0.5, decision.getPropensity(), "uniform before the first published model");
                    HttpResponse<String> rewarded = post(base + "/reward",
                        "{\"requestId\": \"h" + i + "\", \"modelId\": \"checkout\", \"value\": 1}");
                    assertEquals(202, rewarded.statusCode(), rewarded.body());
                }
                List<String> ids = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "h" + i).toList();
                feedback.awaitAll(ids, STALL, () -> "").drain(Duration.ofSeconds(1)).assertExactlyOnce(ids, () -> "");
                long deadline = System.nanoTime() + STALL.toNanos();
                while (app.published().get("checkout") == null || app.published().get("checkout").version() < 10) {
                    assertTrue(System.nanoTime() < deadline, "the model learned the ten rewards and was published");
                    Thread.sleep(50);
                }
                Decision learned = WireCodec.of(Decision.class).decode(post(base + "/rank", REQUEST.formatted("after")).body().getBytes());
                assertEquals(10L, learned.getModelVersion());
                assertEquals("linucb-disjoint", learned.getLearner());

                assertRefused(post(base + "/rank", "{\"modelId\": \"checkout\", \"actions\": [{\"id\": \"a\"}]}"), 400, "/requestId");
                assertRefused(post(base + "/rank", REQUEST.formatted("t1").replace("\"context\"", "\"contxt\"")), 400, "/contxt");
                assertRefused(post(base + "/rank", REQUEST.formatted("t2").replace("0.3}", "1e400}")), 400, "/context/age");
                assertRefused(post(base + "/rank", REQUEST.formatted("t3").replace("\"paypal\"", "\"card\"")), 400, "/actions/1/id");
                assertRefused(post(base + "/rank", REQUEST.formatted("t4").replace("\"checkout\"", "\"nobody\"")), 404, "/modelId");
                assertRefused(post(base + "/rank", "{\"requestId\": \"t5\""), 400, "");
                assertRefused(post(base + "/reward", "{\"requestId\": \"h1\", \"modelId\": \"checkout\", \"value\": \"high\"}"),
                    400, "/value");
                assertRefused(post(base + "/reward", "{\"requestId\": \"\", \"modelId\": \"checkout\", \"value\": 1}"),
                    400, "/requestId");
                HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/rank"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, get.statusCode());
            }
        }
    }

    static void assertRefused(HttpResponse<String> response, int status, String field) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"field\":\"" + field + "\""), "names " + field + ": " + response.body());
        assertTrue(response.body().contains("\"error\":\""), response.body());
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
