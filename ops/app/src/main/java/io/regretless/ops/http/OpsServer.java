package io.regretless.ops.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import io.regretless.connectors.decide.LocalDecider;
import io.regretless.schemas.PolicyEvaluation;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.ops.health.Health;
import io.regretless.topology.bandit.BanditTopology;
import io.regretless.topology.conformal.ConformalTopology;
import io.regretless.topology.config.ConformalModelConfig;
import io.regretless.topology.config.ExpertsModelConfig;
import io.regretless.topology.experts.ExpertsTopology;
import io.regretless.topology.config.RegretlessConfig;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.evaluation.EvaluationTopology;
import io.regretless.topology.evaluation.PolicyEvaluations;

/**
 * The operator's HTTP endpoint (JDK HTTP server):
 * <ul>
 *   <li>{@code GET /health/live}: 200 unless Kafka Streams has failed or stopped;</li>
 *   <li>{@code GET /health/ready}: 200 only while Kafka Streams is RUNNING (every assigned task
 *       restored) and no task is stalled, else 503 with the reasons — point load balancers and
 *       rolling restarts at it;</li>
 *   <li>{@code GET /health}: the same as JSON, with stalled tasks and input lost before it was read;</li>
 *   <li>{@code GET /metrics}: Prometheus text format;</li>
 *   <li>{@code GET /models}: the configured models, {@code [{"modelId":..,"kind":..}]};</li>
 *   <li>{@code POST /rank}, {@code POST /reward}: the decision API for clients in any language
 *       ({@link DecisionApi}), when the application runs bandit models;</li>
 *   <li>{@code GET /models/{id}}: a JSON summary of a bandit model (with how many of its feature names
 *       share a coordinate, as the answering instance counted them), conformal series or sleeping-experts
 *       model (per-group loss and regret), read from
 *       whichever instance hosts it; {@code ?format=avro} returns the stored single-object Avro bytes.</li>
 *   <li>{@code GET /models/{id}/evaluation}: a bandit model's shadow policies, evaluated on its feedback so
 *       far: the {@code PolicyEvaluation} record as the policy-evaluation topic carries it (natural JSON),
 *       with the latest round, not only the last published one.</li>
 * </ul>
 */
public final class OpsServer implements AutoCloseable {
    private static final String EVALUATION = "/evaluation";
    private static final WireCodec<PolicyEvaluation> EVALUATIONS = WireCodec.of(PolicyEvaluation.class);
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final KafkaStreams streams;
    private final Health health;
    private final RegretlessConfig config;
    private final ModelQueries queries;
    private final PrometheusMeterRegistry registry;

    /**
     * @param self this instance's {@code application.server}, or null when the application runs as
     *             a single instance without one
     */
    public OpsServer(InetSocketAddress address, KafkaStreams streams, Health health, RegretlessConfig config,
                     PrometheusMeterRegistry registry, HostInfo self) throws IOException {
        this(address, streams, health, config, registry, self, null);
    }

    /** @param decider decides for {@code POST /rank} and sends {@code POST /reward}; null for no decision API */
    public OpsServer(InetSocketAddress address, KafkaStreams streams, Health health, RegretlessConfig config,
                     PrometheusMeterRegistry registry, HostInfo self, LocalDecider decider) throws IOException {
        this.streams = streams;
        this.health = health;
        this.config = config;
        this.registry = registry;
        this.queries = new ModelQueries(streams, self);
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK (40 ms on Linux), which capped POST /rank at a
        // few hundred requests per second per connection pool. Read once, when the first server is made.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        this.server = HttpServer.create(address, 1024);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "regretless-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", this::live);
        server.createContext("/health/ready", this::ready);
        server.createContext("/health", this::health);
        server.createContext("/metrics", this::metrics);
        server.createContext("/models/", this::model);
        server.createContext("/models", this::list);
        if (decider != null) {
            DecisionApi api = new DecisionApi(decider, config);
            server.createContext("/rank", api::rank);
            server.createContext("/reward", api::reward);
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void live(HttpExchange exchange) throws IOException {
        HttpExchanges.text(exchange, health.live() ? 200 : 503, health.describe());
    }

    private void ready(HttpExchange exchange) throws IOException {
        HttpExchanges.text(exchange, health.ready() ? 200 : 503, health.describe());
    }

    /** {@code {"state":..,"live":..,"ready":..,"stalledTasks":[..],"inputLost":[..],"inputRecordsLost":n}}. */
    private void health(HttpExchange exchange) throws IOException {
        StringJoiner stalled = new StringJoiner(",", "[", "]");
        health.stalls().forEach(s -> stalled.add(StateViews.quote(s.toString())));
        StringJoiner lost = new StringJoiner(",", "[", "]");
        health.inputGaps().forEach(g -> lost.add(StateViews.quote(g.toString())));
        HttpExchanges.json(exchange, health.ready() ? 200 : 503, "{\"state\":\"" + health.state() + "\",\"live\":"
            + health.live() + ",\"ready\":" + health.ready() + ",\"stalledTasks\":" + stalled + ",\"inputLost\":" + lost
            + ",\"inputRecordsLost\":" + health.inputRecordsLost() + "}");
    }

    private void metrics(HttpExchange exchange) throws IOException {
        HttpExchanges.send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
            registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void list(HttpExchange exchange) throws IOException {
        java.util.StringJoiner models = new java.util.StringJoiner(",", "[", "]");
        config.models().keySet().forEach(id -> models.add(entry(id, "bandit")));
        config.conformal().keySet().forEach(id -> models.add(entry(id, "conformal")));
        config.experts().keySet().forEach(id -> models.add(entry(id, "experts")));
        HttpExchanges.json(exchange, 200, models.toString());
    }

    private static String entry(String id, String kind) {
        return "{\"modelId\":" + StateViews.quote(id) + ",\"kind\":\"" + kind + "\"}";
    }

    private void model(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/models/".length());
        if (id.endsWith(EVALUATION) && config.models().containsKey(id.substring(0, id.length() - EVALUATION.length()))) {
            evaluation(exchange, id.substring(0, id.length() - EVALUATION.length()));
            return;
        }
        boolean avro = "format=avro".equals(exchange.getRequestURI().getQuery());
        ConformalModelConfig conformal = config.conformal().get(id);
        ExpertsModelConfig experts = config.experts().get(id);
        String store = conformal != null ? ConformalTopology.calibratorStoreName()
            : experts != null ? ExpertsTopology.expertsStoreName() : BanditTopology.modelStoreName();
        if (conformal == null && experts == null && !config.models().containsKey(id)) {
            HttpExchanges.text(exchange, 404, "no model '" + id + "' is configured");
            return;
        }
        try {
            ModelQueries.Lookup lookup = queries.find(store, id);
            if (!lookup.available()) {
                HttpExchanges.text(exchange, 503, "the store is not queryable yet (" + streams.state() + ")");
            } else if (lookup.remote() != null) {
                Optional<HttpResponse<byte[]>> answer = queries.forward(lookup.remote(), exchange.getRequestURI().toString());
                if (answer.isEmpty()) {
                    HttpExchanges.text(exchange, 404, "model '" + id + "' has no state yet");
                } else {
                    HttpExchanges.send(exchange, answer.get().statusCode(),
                        answer.get().headers().firstValue("Content-Type").orElse("application/octet-stream"), answer.get().body());
                }
            } else if (lookup.localValue() == null) {
                HttpExchanges.text(exchange, 404, "model '" + id + "' has no state yet");
            } else if (avro) {
                HttpExchanges.send(exchange, 200, "application/octet-stream", lookup.localValue());
            } else {
                HttpExchanges.json(exchange, 200, conformal != null
                    ? StateViews.conformal(id, lookup.localValue(), conformal)
                    : experts != null ? StateViews.experts(id, lookup.localValue(), experts)
                    : StateViews.bandit(lookup.localValue(), config.models().get(id).bandit(),
                        FeatureNameCounts.of(streams.metrics(), id, config.models().get(id).bandit())));
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            HttpExchanges.text(exchange, 503, "the store is not queryable now: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpExchanges.text(exchange, 503, "interrupted");
        }
    }

    /** {@code /models/{id}/evaluation}: the shadow policies' current estimates, from whichever instance evaluates them. */
    private void evaluation(HttpExchange exchange, String id) throws IOException {
        ModelConfig model = config.models().get(id);
        if (!model.shadows().enabled()) {
            HttpExchanges.text(exchange, 404, "model '" + id + "' has no shadow policies (regretless.model." + id
                + ".shadows)");
            return;
        }
        boolean avro = "format=avro".equals(exchange.getRequestURI().getQuery());
        try {
            ModelQueries.Lookup lookup = queries.find(EvaluationTopology.evaluationStoreName(), id);
            if (!lookup.available()) {
                HttpExchanges.text(exchange, 503, "the store is not queryable yet (" + streams.state() + ")");
            } else if (lookup.remote() != null) {
                Optional<HttpResponse<byte[]>> answer = queries.forward(lookup.remote(), exchange.getRequestURI().toString());
                if (answer.isEmpty()) {
                    HttpExchanges.text(exchange, 404, "model '" + id + "' has no feedback evaluated yet");
                } else {
                    HttpExchanges.send(exchange, answer.get().statusCode(),
                        answer.get().headers().firstValue("Content-Type").orElse("application/octet-stream"), answer.get().body());
                }
            } else if (lookup.localValue() == null) {
                HttpExchanges.text(exchange, 404, "model '" + id + "' has no feedback evaluated yet");
            } else if (avro) {
                HttpExchanges.send(exchange, 200, "application/octet-stream", lookup.localValue());
            } else {
                HttpExchanges.json(exchange, 200, new String(EVALUATIONS.encode(
                    PolicyEvaluations.fromStore(lookup.localValue(), model), WireFormat.JSON), StandardCharsets.UTF_8));
            }
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            HttpExchanges.text(exchange, 503, "the store is not queryable now: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpExchanges.text(exchange, 503, "interrupted");
        }
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
