package io.regretless.connectors.client;

import java.util.concurrent.CompletableFuture;

import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

/**
 * The two calls an application makes to a decision service: ask for a decision, later report the
 * reward it earned. {@link BanditClient} implements it over Kafka; replayers and simulators talk to
 * this interface only, so they can be tested against an in-memory fake.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #decide} returns a future that completes with the {@link Decision} whose
 *       {@code requestId} equals the request's, or completes exceptionally (a
 *       {@link java.util.concurrent.TimeoutException} when no decision came in time, the send
 *       error, or a {@link java.util.concurrent.CancellationException} when the port was closed).
 *       It never stays incomplete forever.
 *   <li>{@link #reward} returns a future that completes when the reward was durably accepted, or
 *       exceptionally with the reason it was not.
 *   <li>Both are safe to call from several threads and may block briefly (e.g. when a producer
 *       buffer is full); neither throws for a failed send, the failure is in the future.
 * </ul>
 */
public interface DecisionPort {

    /** Sends the request and returns the future of its decision. */
    CompletableFuture<Decision> decide(DecisionRequest request);

    /** Sends a reward for an earlier decision (joined to it by {@code requestId}). */
    CompletableFuture<Void> reward(Reward reward);
}
