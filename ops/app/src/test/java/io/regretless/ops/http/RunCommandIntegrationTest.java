package io.regretless.ops.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.regretless.connectors.client.BanditClient;
import io.regretless.ops.AppProcess;
import io.regretless.ops.broker.EmbeddedKafkaBroker;
import io.regretless.ops.replay.ReplayProducer;
import io.regretless.ops.testkit.AppFixture;
import io.regretless.schemas.Action;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Label;
import io.regretless.schemas.PredictionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.AvroCodec;
import io.regretless.schemas.Topics;

/**
 * The CLI's {@code run} as an operator meets it: a separate JVM against a real broker, readiness,
 * Prometheus metrics that move with traffic, model queries over HTTP, and a clean stop on SIGTERM (exit 0).
 */
class RunCommandIntegrationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesHealthMetricsAndModelsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().numPartitions(2).start()) {
            AppFixture fixture = AppFixture.on(broker, "ops", dir.resolve("state")).applicationId("ops-test")
                .banditTopics(2).conformalTopics(2)
                .banditModel("m", "linucb", 8)
                .set("regretless.conformal.models", "s")
                .set("regretless.conformal.model.s.calibrator", "saocp")
                .set("regretless.conformal.model.s.warmup", 3);
            Topics topics = fixture.topics();
            Path config = fixture.store(dir.resolve("app.properties"));
            AppProcess app = AppProcess.start(config, Map.of("REGRETLESS_CONFIG_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
            try {
                String base = app.baseUrl();
                assertEquals(200, awaitStatus(base + "/health/ready", s -> s == 200));
                assertEquals(200, get(base + "/health/live").statusCode());

                Properties clientProps = new Properties();
                clientProps.put("bootstrap.servers", broker.bootstrapServers());
                try (BanditClient client = new BanditClient(clientProps, "ops")) {
                    for (int i = 0; i < 10; i++) {
                        DecisionRequest request = new DecisionRequest("r" + i, "m", 1_000L + i, Map.of("x", 1.0 * i),
                            List.of(new Action("a", Map.of()), new Action("b", Map.of())));
                        Decision decision = client.decide(request).get(60, TimeUnit.SECONDS);
                        client.reward(new Reward("r" + i, "m", decision.getChosenActionId().equals("a") ? 1.0 : 0.0,
                            1_000L + i)).get(30, TimeUnit.SECONDS);
                    }
                }
                sendConformalTraffic(broker, topics);

                String metrics = awaitBody(base + "/metrics", body -> counter(body, "rewards_joined_total", "m") >= 10
                    && counter(body, "labels_joined_total", "s") >= LABELS);
                assertTrue(counter(metrics, "decisions_total", "m") >= 10, "decisions counted");
                assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams' own metrics are exported");
                assertTrue(metrics.contains("kafka_regretless_interval_coverage{") && metrics.contains("model=\"s\""),
                    "the series' coverage gauge is exported");
                assertTrue(metrics.contains("kafka_regretless_propensity_total{"), "the propensity histogram is exported");
                GrafanaDashboardTest.assertDashboardMetricsExist(metrics);

                String model = awaitBody(base + "/models/m", body -> body.contains("\"version\":10"));
                assertTrue(model.contains("\"learner\":\"linucb-disjoint\""), model);
                String series = awaitBody(base + "/models/s", body -> body.contains("\"version\":" + LABELS));
                assertTrue(series.contains("\"warm\":true") && series.contains("\"calibrator\":\"saocp\""), series);
                assertEquals(404, get(base + "/models/unknown").statusCode());

                assertEquals(0, io.regretless.ops.Main.commandLine().execute("models", "list", "--url", base));
                Path exported = dir.resolve("m.avro");
                assertEquals(0, io.regretless.ops.Main.commandLine().execute(
                    "models", "export", "m", "--url", base, "--out", exported.toString()));
                assertEquals(10L, AvroCodec.of(io.regretless.schemas.state.LinearBanditState.class)
                    .decode(Files.readAllBytes(exported)).getVersion(), "the exported Avro state is the model's");
                assertEquals(1, io.regretless.ops.Main.commandLine().execute("models", "show", "nobody", "--url", base));

                Path page = dir.resolve("report.html");
                assertEquals(0, io.regretless.ops.Main.commandLine().execute(
                    "report", "--config", config.toString(), "--out", page.toString(), "--max-reward", "1"));
                String html = Files.readString(page);
                assertTrue(html.contains(">m<") && html.contains(">s<") && html.contains("<polyline"),
                    "the report draws the bandit model and the conformal series");
            } finally {
                assertTrue(app.stop(), "the app stops on SIGTERM");
            }
            assertEquals(0, app.exitCode(), "a stop on SIGTERM is a clean exit:\n" + app.outputTail());
        }
    }

    /** Labels of the series: beyond its 3 warm-up labels, enough scored ones for a bounded median half-width. */
    static final int LABELS = 12;

    private static void sendConformalTraffic(EmbeddedKafkaBroker broker, Topics topics) throws Exception {
        AvroCodec<PredictionRequest> predictions = AvroCodec.of(PredictionRequest.class);
        AvroCodec<Label> labels = AvroCodec.of(Label.class);
        try (ReplayProducer producer = ReplayProducer.open(broker.clientProperties())) {
            byte[] key = "s".getBytes(StandardCharsets.UTF_8);
            for (int t = 0; t < LABELS; t++) {
                // each acknowledged before the next: a label reaches the broker after its prediction
                producer.sendAndWait(topics.predictionRequests(), key,
                    predictions.encode(new PredictionRequest("p" + t, "s", 0.5, 2_000L + 2 * t, null, List.of())),
                    2_000L + 2 * t);
                producer.sendAndWait(topics.labels(), key,
                    labels.encode(new Label("p" + t, "s", 0.5 + 0.1 * t, 2_001L + 2 * t)), 2_001L + 2 * t);
            }
        }
    }

    /** The value of the app counter {@code name} for {@code model} in a Prometheus scrape, summed over threads. */
    static double counter(String scrape, String name, String model) {
        double total = 0;
        Pattern line = Pattern.compile("^kafka_regretless_" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains("model=\"" + model + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private int awaitStatus(String url, Predicate<Integer> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int status;
        do {
            status = get(url).statusCode();
            if (done.test(status)) {
                return status;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return status;
    }

    private String awaitBody(String url, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String body;
        do {
            HttpResponse<String> response = get(url);
            body = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && done.test(response.body())) {
                return response.body();
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no expected answer from " + url + " within 90 s; last:\n"
            + (body.length() > 4000 ? body.substring(0, 4000) : body));
    }
}
