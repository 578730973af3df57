package io.regretless.topology.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Choice;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.schemas.state.PendingDecision;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * Answers a request with the model in the store and opens its attribution window. The random draw
 * depends only on the model's seed and the request id, so a replay decides the same way.
 */
final class Decider {
    private final Map<String, ModelConfig> configs;
    private final LearnerStore<ContextualBandit> models;
    private final AttributionWindow<PendingDecision> pending;

    Decider(Map<String, ModelConfig> configs, LearnerStore<ContextualBandit> models,
            AttributionWindow<PendingDecision> pending) {
        this.configs = configs;
        this.models = models;
        this.pending = pending;
    }

    /** Decides, records the decision as pending until {@code recordTime} + the window, and returns it. */
    Decision decide(DecisionRequest request, long recordTime) {
        RequestChecks.requireId(request.getRequestId(), "requestId");
        ModelConfig config = RequestChecks.model(configs, request.getModelId());
        ContextualBandit bandit = models.get(request.getModelId());
        RequestChecks.candidates(config, bandit, request.getContext(), request.getActions());
        if (pending.isKnown(request.getRequestId())) {
            throw new InvalidRecordException(DeadLetterReason.DUPLICATE_REQUEST,
                "request '" + request.getRequestId() + "' was already decided");
        }
        Candidates candidates = CandidateEncoder.encode(request.getContext(), request.getActions(), config.bandit());
        Choice choice = bandit.choose(candidates,
            DecisionRandomness.forRequest(config.bandit().seed(), request.getRequestId()));
        Decision decision = toDecision(request, bandit, candidates, choice);
        long deadline = recordTime + config.attributionWindow().toMillis();
        pending.open(request.getRequestId(), new PendingDecision(request, decision, deadline), deadline);
        return decision;
    }

    private static Decision toDecision(DecisionRequest request, ContextualBandit bandit, Candidates candidates,
                                       Choice choice) {
        List<ActionProbability> probabilities = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            probabilities.add(new ActionProbability(candidates.actionIds()[i], choice.probabilities()[i]));
        }
        return Decision.newBuilder()
            .setRequestId(request.getRequestId())
            .setModelId(request.getModelId())
            .setChosenActionId(candidates.actionIds()[choice.chosen()])
            .setPropensity(choice.propensity())
            .setProbabilities(probabilities)
            .setModelVersion(bandit.version())
            .setLearner(bandit.learner())
            .setTimestamp(request.getTimestamp())
            .build();
    }
}
