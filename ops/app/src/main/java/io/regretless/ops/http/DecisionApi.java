package io.regretless.ops.http;

import java.io.IOException;
import java.io.InputStream;

import com.sun.net.httpserver.HttpExchange;

import io.regretless.connectors.decide.LocalDecider;
import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.SchemaViolationException;
import io.regretless.schemas.codec.UnreadableRecordException;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;
import io.regretless.topology.config.RegretlessConfig;

/**
 * The decision API over HTTP, for clients in any language: {@code POST /rank} decides a request
 * (the natural JSON of a {@code DecisionRequest}) with the local decider and answers the
 * {@code Decision} as JSON, logged to the decision log; {@code POST /reward} sends a
 * {@code Reward} (JSON) on to the rewards topic and answers 202. A request the app cannot take
 * gets a 4xx whose JSON body names the field: {@code {"error": "...", "field": "/actions/0/id"}}
 * (400 malformed or invalid, 404 a model the app does not run, 405 not a POST, 413 over 1 MB).
 * A JSON body may omit {@code timestamp}: the time it was received is taken.
 */
final class DecisionApi {
    private static final int MAX_BODY = 1 << 20;
    private static final WireCodec<DecisionRequest> REQUESTS = WireCodec.of(DecisionRequest.class);
    private static final WireCodec<Decision> DECISIONS = WireCodec.of(Decision.class);
    private static final WireCodec<Reward> REWARDS = WireCodec.of(Reward.class);

    private final LocalDecider decider;
    private final RegretlessConfig config;

    DecisionApi(LocalDecider decider, RegretlessConfig config) {
        this.decider = decider;
        this.config = config;
    }

    void rank(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        if (body == null) {
            return;
        }
        try {
            DecisionRequest request = REQUESTS.decode(body, System.currentTimeMillis());
            if (!knownModel(exchange, request.getModelId())) {
                return;
            }
            Decision decision = decider.decide(request);
            HttpExchanges.send(exchange, 200, "application/json", DECISIONS.encode(decision, WireFormat.JSON));
        } catch (RuntimeException e) {
            refuse(exchange, e);
        }
    }

    void reward(HttpExchange exchange) throws IOException {
        byte[] body = body(exchange);
        if (body == null) {
            return;
        }
        try {
            Reward reward = REWARDS.decode(body, System.currentTimeMillis());
            if (!knownModel(exchange, reward.getModelId())) {
                return;
            }
            decider.reward(reward);
            HttpExchanges.json(exchange, 202, "{\"requestId\":" + StateViews.quote(reward.getRequestId()) + "}");
        } catch (RuntimeException e) {
            refuse(exchange, e);
        }
    }

    private boolean knownModel(HttpExchange exchange, String modelId) throws IOException {
        if (config.models().containsKey(modelId)) {
            return true;
        }
        error(exchange, 404, "model '" + modelId + "' is not configured; configured: " + config.models().keySet(), "/modelId");
        return false;
    }

    /** The request body, or null after answering 405 or 413. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            error(exchange, 405, "use POST with a JSON body", "");
            return null;
        }
        long declared = declaredLength(exchange);
        try (InputStream in = exchange.getRequestBody()) {
            // a declared length is read into one array of that size; only a chunked body pays for growing buffers
            byte[] body = in.readNBytes(declared >= 0 && declared <= MAX_BODY ? (int) declared : MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                error(exchange, 413, "the body is over " + MAX_BODY + " bytes", "");
                return null;
            }
            return body;
        }
    }

    /** The request's Content-Length, or -1 when it has none (chunked) or one that is not a number. */
    private static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(HttpExchange exchange, RuntimeException e) throws IOException {
        if (e instanceof SchemaViolationException violation && !violation.violations().isEmpty()) {
            error(exchange, 400, e.getMessage(), violation.violations().get(0).pointer());
        } else if (e instanceof RequestRefusedException refused) {
            error(exchange, 400, refused.getMessage(), refused.field());
        } else if (e instanceof UnreadableRecordException) {
            error(exchange, 400, e.getMessage(), "");
        } else {
            throw e;
        }
    }

    private static void error(HttpExchange exchange, int status, String message, String field) throws IOException {
        HttpExchanges.json(exchange, status, "{\"error\":" + StateViews.quote(message) + ",\"field\":"
            + StateViews.quote(field) + "}");
    }
}
