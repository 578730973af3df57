package io.regretless.connectors.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;
import io.regretless.schemas.codec.WireCodec;
import io.regretless.schemas.codec.WireFormat;

/**
 * The application side of the bandit loop over Kafka: {@link #decide} produces a
 * {@link DecisionRequest} to {@code <prefix>.requests} and completes when the {@link Decision} with
 * the same {@code requestId} is read from {@code <prefix>.decisions}; {@link #reward} produces a
 * {@link Reward} to {@code <prefix>.rewards}. Keys are the request id (UTF-8), so a decision and
 * its reward meet in one partition; values it sends are single-object Avro, decisions it reads may be Avro or JSON (the app's {@code output.format});
 * each record's Kafka timestamp is the event's own {@code timestamp} field, so the app's
 * stream time (and attribution window) follows the application's clock.
 *
 * <p><b>Producer.</b> Idempotent, {@code acks=all} (both forced), {@code linger.ms=5} unless set.
 * Requests and rewards of one model go to one partition in send order.
 *
 * <p><b>Decisions.</b> Read by a {@link DecisionReader}: one background thread reads every
 * partition of the decisions topic with {@code isolation.level=read_committed} (the app writes with
 * {@code exactly_once_v2}), from its end when the constructor returns, so no decision produced after
 * the constructor returns can be missed. Decisions of requests this client did not send (other
 * clients, older runs) are skipped. Every client reads the whole decisions topic.
 *
 * <p><b>Futures.</b> A decision future completes exceptionally with a
 * {@link java.util.concurrent.TimeoutException} naming the request when no decision arrived within
 * the decision timeout (the app is down or lagging, the model is not configured, or the request was
 * dead-lettered), with the send error when the request could not be produced, with an
 * {@link IllegalArgumentException} when a request with the same id is still in flight, and with a
 * {@link CancellationException} when the client is closed first. Decision futures complete on the
 * consumer thread and reward futures on the producer's I/O thread: keep dependent actions short or
 * use the {@code *Async} variants.
 *
 * <p><b>Configuration.</b> The given properties are shared: keys known to the producer
 * ({@code ProducerConfig}) go to the producer, keys known to the consumer ({@code ConsumerConfig}) to
 * the consumer; {@code producer.}- and {@code consumer.}-prefixed keys go only to that client and
 * win. Serializers, {@code group.id}, {@code enable.auto.commit}, {@code isolation.level} and
 * {@code allow.auto.create.topics} are set by the client. The constructor fails fast when the
 * decisions topic does not exist or cannot be reached within {@code default.api.timeout.ms}.
 *
 * <p>Thread-safe. Holds no static state; any number of clients may live in one JVM.
 */
public final class BanditClient implements DecisionPort, AutoCloseable {

    /** The decision timeout of the two-argument constructor. */
    public static final Duration DEFAULT_DECISION_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(BanditClient.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String requestsTopic;
    private final String rewardsTopic;
    private final String decisionsTopic;
    private final Duration decisionTimeout;
    private final long decisionTimeoutNanos;
    private final Producer<String, byte[]> producer;
    private final WireCodec<DecisionRequest> requestCodec = WireCodec.of(DecisionRequest.class);
    private final WireCodec<Reward> rewardCodec = WireCodec.of(Reward.class);
    private final ConcurrentHashMap<String, PendingDecision> pending = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final DecisionReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A client with the {@linkplain #DEFAULT_DECISION_TIMEOUT default decision timeout}. */
    public BanditClient(Properties kafka, String topicPrefix) {
        this(kafka, topicPrefix, DEFAULT_DECISION_TIMEOUT);
    }

    /**
     * Connects, assigns every partition of {@code <topicPrefix>.decisions} and waits for the end
     * positions before returning.
     *
     * @param kafka           Kafka client properties; {@code bootstrap.servers} at least
     * @param topicPrefix     the deployment's topic prefix (topics are {@code <prefix>.<name>})
     * @param decisionTimeout how long a decision future waits before it fails with a timeout
     * @throws IllegalStateException when the decisions topic does not exist
     * @throws org.apache.kafka.common.KafkaException when the cluster cannot be reached in time
     */
    public BanditClient(Properties kafka, String topicPrefix, Duration decisionTimeout) {
        this(ClientConfigs.open(kafka), topicPrefix, decisionTimeout);
    }

    private BanditClient(ClientConfigs.Clients clients, String topicPrefix, Duration decisionTimeout) {
        this(clients.producer(), clients.consumer(), topicPrefix, decisionTimeout, clients.startupTimeout());
    }

    /** For tests and embedding: takes ownership of the given clients (closes them on close). */
    BanditClient(Producer<String, byte[]> producer, Consumer<byte[], byte[]> consumer, String topicPrefix,
            Duration decisionTimeout, Duration startupTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(consumer, "consumer");
        try {
            if (topicPrefix == null || topicPrefix.isBlank()) {
                throw new IllegalArgumentException("topic prefix must not be blank");
            }
            if (decisionTimeout == null || decisionTimeout.isNegative() || decisionTimeout.isZero()) {
                throw new IllegalArgumentException("decision timeout must be positive, got " + decisionTimeout);
            }
            this.requestsTopic = topicPrefix + ".requests";
            this.rewardsTopic = topicPrefix + ".rewards";
            this.decisionsTopic = topicPrefix + ".decisions";
            this.decisionTimeout = decisionTimeout;
            this.decisionTimeoutNanos = decisionTimeout.toNanos();
            this.reader = new DecisionReader(consumer, decisionsTopic,
                Objects.requireNonNull(startupTimeout, "startupTimeout"), new Awaited());
        } catch (RuntimeException e) {
            closeQuietly(producer::close);
            closeQuietly(consumer::close);
            throw e;
        }
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "regretless-client-timeouts[" + decisionsTopic + "]");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.reader.start();
    }

    @Override
    public CompletableFuture<Decision> decide(DecisionRequest request) {
        Objects.requireNonNull(request, "request");
        IllegalStateException unusable = unusable();
        if (unusable != null) {
            return CompletableFuture.failedFuture(unusable);
        }
        String requestId = request.getRequestId();
        String modelId = request.getModelId();
        if (requestId == null || modelId == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("request id and model id are required"));
        }
        byte[] value;
        try {
            value = requestCodec.encode(request, WireFormat.AVRO);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        PendingDecision decision = new PendingDecision(requestId, modelId);
        if (pending.putIfAbsent(requestId, decision) != null) {
            return CompletableFuture.failedFuture(
                new IllegalArgumentException("a request with id " + requestId + " is already awaiting its decision"));
        }
        try {
            decision.timeout = timer.schedule(decision, decisionTimeoutNanos, TimeUnit.NANOSECONDS);
            if (decision.isDone()) {
                decision.timeout.cancel(false);
            }
            producer.send(new ProducerRecord<>(requestsTopic, null, request.getTimestamp(), requestId, value), decision);
        } catch (RuntimeException e) {
            decision.fail(e);
        }
        return decision;
    }

    @Override
    public CompletableFuture<Void> reward(Reward reward) {
        Objects.requireNonNull(reward, "reward");
        IllegalStateException unusable = unusable();
        if (unusable != null) {
            return CompletableFuture.failedFuture(unusable);
        }
        SentReward sent = new SentReward();
        try {
            byte[] value = rewardCodec.encode(reward, WireFormat.AVRO);
            producer.send(new ProducerRecord<>(rewardsTopic, null, reward.getTimestamp(), reward.getRequestId(), value), sent);
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
        return sent;
    }

    /** Requests sent whose decision has not arrived, timed out or failed yet. */
    public int pendingDecisions() {
        return pending.size();
    }

    /** Records on the decisions topic that were not a readable {@link Decision} (skipped). */
    public long unreadableDecisions() {
        return reader.unreadable();
    }

    /** The decision timeout this client was built with. */
    public Duration decisionTimeout() {
        return decisionTimeout;
    }

    /** Blocks until every request and reward sent so far was acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** {@link #close(Duration)} with 30 s. */
    @Override
    public void close() {
        close(CLOSE_TIMEOUT);
    }

    /**
     * Stops accepting calls, flushes the producer (so rewards already sent are delivered), stops the
     * consumer thread and fails every outstanding decision future with a
     * {@link CancellationException}. Idempotent.
     */
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        closeQuietly(() -> producer.close(timeout));
        reader.stop(deadline);
        timer.shutdownNow();
        failAll(id -> new CancellationException(
            "BanditClient closed before the decision for request " + id + " arrived"));
    }

    /** The decisions this client awaits, as its {@link DecisionReader} sees them. */
    private final class Awaited implements DecisionReader.Receiver {
        @Override
        public boolean awaitsAny() {
            return !pending.isEmpty();
        }

        @Override
        public void received(Decision decision) {
            PendingDecision waiting = pending.remove(decision.getRequestId());
            if (waiting != null) {
                waiting.succeed(decision);
            }
        }

        @Override
        public void failed(Throwable failure) {
            failAll(id -> new IllegalStateException("the decision consumer of " + decisionsTopic + " failed", failure));
        }
    }

    private IllegalStateException unusable() {
        if (closed.get()) {
            return new IllegalStateException("BanditClient is closed");
        }
        Throwable failure = reader.failure();
        return failure == null ? null
            : new IllegalStateException("the decision consumer of " + decisionsTopic + " failed", failure);
    }

    private void failAll(java.util.function.Function<String, Exception> reason) {
        for (PendingDecision decision : pending.values()) {
            if (pending.remove(decision.requestId, decision)) {
                decision.completeExceptionally(reason.apply(decision.requestId));
            }
            decision.cancelTimeout();
        }
    }

    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "error while closing a Kafka client", e);
        }
    }

    /** One awaited decision: the future itself, its send callback and its timeout task. */
    private final class PendingDecision extends CompletableFuture<Decision> implements Callback, Runnable {
        final String requestId;
        final String modelId;
        volatile ScheduledFuture<?> timeout;

        PendingDecision(String requestId, String modelId) {
            this.requestId = requestId;
            this.modelId = modelId;
        }

        void succeed(Decision decision) {
            complete(decision);
            cancelTimeout();
        }

        void fail(Throwable cause) {
            if (pending.remove(requestId, this)) {
                completeExceptionally(cause);
            }
            cancelTimeout();
        }

        void cancelTimeout() {
            ScheduledFuture<?> task = timeout;
            if (task != null) {
                task.cancel(false);
            }
        }

        /** The send finished. */
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                fail(exception);
            }
        }

        /** The decision timeout expired. */
        @Override
        public void run() {
            if (pending.remove(requestId, this)) {
                completeExceptionally(new TimeoutException("no decision for request " + requestId + " of model "
                    + modelId + " on " + decisionsTopic + " within " + decisionTimeout.toMillis()
                    + " ms: is the app running and keeping up, is the model configured, or did the request go to "
                    + "the dead-letter topic?"));
            }
        }
    }

    /** A reward send, completed by the producer callback. */
    private static final class SentReward extends CompletableFuture<Void> implements Callback {
        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                complete(null);
            } else {
                completeExceptionally(exception);
            }
        }
    }
}
