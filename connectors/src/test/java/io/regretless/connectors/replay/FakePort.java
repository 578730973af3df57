package io.regretless.connectors.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.regretless.connectors.client.DecisionPort;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.Reward;

/**
 * An in-memory decision service: decides with a {@link Learner}, either at once (deterministic) or
 * after a random delay on another thread, and logs every call in order.
 */
final class FakePort implements DecisionPort, AutoCloseable {

    /** Chooses an action id for a request and learns from rewards. */
    interface Learner {
        String choose(DecisionRequest request);

        default void learn(Reward reward) {}
    }

    /** Calls in order: "D <requestId>" for decide, "R <requestId> <value>" for reward. */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<DecisionRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Reward> rewards = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger maxOutstanding = new AtomicInteger();
    /** When it returns non-null for a request, the decision fails with that. */
    volatile Function<DecisionRequest, Throwable> decisionFailure = request -> null;
    /** When it returns non-null for a reward, the reward send fails with that. */
    volatile Function<Reward, Throwable> rewardFailure = reward -> null;

    private final Learner learner;
    private final ScheduledExecutorService async;
    private final int maxDelayMicros;

    private FakePort(Learner learner, int asyncThreads, int maxDelayMicros) {
        this.learner = learner;
        this.async = asyncThreads == 0 ? null : Executors.newScheduledThreadPool(asyncThreads);
        this.maxDelayMicros = maxDelayMicros;
    }

    static FakePort synchronous(Learner learner) {
        return new FakePort(learner, 0, 0);
    }

    static FakePort asynchronous(Learner learner, int maxDelayMicros) {
        return new FakePort(learner, 3, maxDelayMicros);
    }

    @Override
    public CompletableFuture<Decision> decide(DecisionRequest request) {
        log.add("D " + request.getRequestId());
        requests.add(request);
        maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
        CompletableFuture<Decision> future = new CompletableFuture<>();
        Runnable answer = () -> {
            Throwable failure = decisionFailure.apply(request);
            Decision decision = failure == null ? decision(request, learner.choose(request)) : null;
            outstanding.decrementAndGet();
            if (failure == null) {
                future.complete(decision);
            } else {
                future.completeExceptionally(failure);
            }
        };
        if (async == null) {
            answer.run();
        } else {
            async.schedule(answer, ThreadLocalRandom.current().nextInt(maxDelayMicros + 1), TimeUnit.MICROSECONDS);
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> reward(Reward reward) {
        log.add("R " + reward.getRequestId() + " " + reward.getValue());
        rewards.add(reward);
        Throwable failure = rewardFailure.apply(reward);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        learner.learn(reward);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        if (async != null) {
            async.shutdownNow();
        }
    }

    static Decision decision(DecisionRequest request, String chosen) {
        List<ActionProbability> probabilities = new ArrayList<>();
        request.getActions().forEach(a -> probabilities.add(new ActionProbability(a.getId(), a.getId().equals(chosen) ? 1.0 : 0.0)));
        return new Decision(request.getRequestId(), request.getModelId(), chosen, 1.0, probabilities, 0L, "fake",
            request.getTimestamp());
    }
}
