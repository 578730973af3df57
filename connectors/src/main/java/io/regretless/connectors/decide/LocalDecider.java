package io.regretless.connectors.decide;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.regretless.codec.PublishedBandit;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.LoggedDecision;
import io.regretless.schemas.Reward;
import io.regretless.schemas.Topics;
import io.regretless.schemas.codec.AvroCodec;

/**
 * Decides in the application's own process, in microseconds, with the newest model the Regretless
 * application published — the design of Microsoft's Decision Service (Agarwal et al. 2016, "Making
 * Contextual Decisions with Low Technical Debt"): the model lives beside the application, every
 * decision is logged with its context, candidates and exact propensities, and the application
 * joins the rewards and learns exactly once.
 *
 * <pre>{@code
 * Properties kafka = new Properties();
 * kafka.put("bootstrap.servers", "broker:9092");
 * try (LocalDecider decider = new LocalDecider(kafka, "regretless")) {
 *     Decision d = decider.decide(request);   // synchronous, logged to <prefix>.decision-log
 *     ... later: produce the Reward to <prefix>.rewards, keyed by the request id
 * }
 * }</pre>
 *
 * <p>It follows {@code <prefix>.model-snapshots} (read_committed) and decides with
 * {@link RequestDecider}: the same exploration, the same exact propensities and the same random
 * draw as the application's own decide path for the same model version and request. Before a
 * model is first published it explores uniformly (propensities exactly 1/K). Each decision goes
 * to {@code <prefix>.decision-log}, keyed by request id, through an idempotent, batching producer.
 * Thread-safe: each calling thread keeps its own decoded learners.
 */
public final class LocalDecider implements AutoCloseable {
    private static final AvroCodec<LoggedDecision> LOG = AvroCodec.of(LoggedDecision.class);

    private static final AvroCodec<Reward> REWARDS = AvroCodec.of(Reward.class);

    private final PublishedModels models;
    private final ModelFollower follower;
    private final KafkaProducer<String, byte[]> producer;
    private final String decisionLog;
    private final String rewards;
    private final String source;
    private final ThreadLocal<RequestDecider> deciders = ThreadLocal.withInitial(RequestDecider::new);

    /** A decider that logs its decisions as source {@code local}. */
    public LocalDecider(Properties kafka, String topicPrefix) {
        this(kafka, topicPrefix, "local");
    }

    /**
     * @param kafka       client settings: bootstrap.servers and security; {@code producer.}-prefixed
     *                    ones go to the decision log's producer only
     * @param topicPrefix the deployment's topic prefix
     * @param source      what the decision log records as the decisions' source (e.g. http)
     */
    public LocalDecider(Properties kafka, String topicPrefix, String source) {
        this(kafka, topicPrefix, source, null);
    }

    /**
     * A decider that decides with {@code shared} models, kept current by someone else (the
     * application's own follower), instead of following the model topic itself.
     */
    public LocalDecider(Properties kafka, String topicPrefix, String source, PublishedModels shared) {
        Topics topics = new Topics(topicPrefix);
        this.decisionLog = topics.decisionLog();
        this.rewards = topics.rewards();
        this.source = source;
        this.models = shared != null ? shared : new PublishedModels();
        this.follower = shared != null ? null : new ModelFollower(kafka, topics.modelSnapshots(), models);
        Properties producerConfig = new Properties();
        producerConfig.putAll(kafka);
        kafka.stringPropertyNames().stream().filter(n -> n.startsWith("producer."))
            .forEach(n -> producerConfig.put(n.substring("producer.".length()), kafka.getProperty(n)));
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerConfig.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
        producerConfig.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "regretless-decision-log");
        Map<String, Object> config = ClientProperties.only(producerConfig, ProducerConfig.configNames());
        try {
            this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            if (follower != null) {
                follower.close();
            }
            throw e;
        }
    }

    /**
     * Decides {@code request} with the newest published model, logs the decision and returns it.
     *
     * @throws RequestRefusedException if the request breaks a rule or a bound of the model; the
     *     exception names the field
     */
    public Decision decide(DecisionRequest request) {
        String conflict = models.conflict(request.getModelId());
        if (conflict != null) {
            throw new RequestRefusedException("MODEL_STATE_CONFLICT", "/modelId", conflict);
        }
        PublishedBandit model = models.get(request.getModelId());
        Decision decision = deciders.get().decide(request, model);
        producer.send(new ProducerRecord<>(decisionLog, null, request.getTimestamp(), request.getRequestId(),
            LOG.encode(new LoggedDecision(request, decision, source))));
        return decision;
    }

    /**
     * Sends the observed reward of an earlier decision to {@code <prefix>.rewards}, keyed by its
     * request id, where the application joins it to the logged decision.
     *
     * @throws RequestRefusedException if the reward has no request or model id, or no finite value
     */
    public void reward(Reward reward) {
        RequestChecks.requireId(reward.getRequestId(), "/requestId");
        RequestChecks.requireId(reward.getModelId(), "/modelId");
        RequestChecks.requireFinite(reward.getValue(), "/value");
        producer.send(new ProducerRecord<>(rewards, null, reward.getTimestamp(), reward.getRequestId(),
            REWARDS.encode(reward)));
    }

    /** Waits until every model published before the decider started is loaded; false on timeout. */
    public boolean awaitModels(Duration timeout) throws InterruptedException {
        return follower == null || follower.awaitCaughtUp(timeout);
    }

    /** The models this decider decides with. */
    public PublishedModels models() {
        return models;
    }

    /** Sends every decision logged so far. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(30));
        } finally {
            if (follower != null) {
                follower.close();
            }
        }
    }
}
