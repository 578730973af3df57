package io.regretless.topology.bandit;

import java.util.HashMap;
import java.util.Map;

import io.regretless.codec.PublishedBandit;
import io.regretless.connectors.decide.PublishedModels;
import io.regretless.connectors.decide.RequestChecks;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.connectors.decide.RequestRefusedException;
import io.regretless.evaluation.InvalidLogException;
import io.regretless.evaluation.LoggedPropensities;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;
import io.regretless.topology.config.ModelConfig;
import io.regretless.topology.deadletter.DeadLetterReason;
import io.regretless.topology.deadletter.InvalidRecordException;
import io.regretless.topology.deadletter.RecordRules;

/**
 * The stream's decide path: a request read from the requests topic is decided exactly as a local
 * decider decides it ({@link RequestDecider}, with the newest published model), after the
 * application's own bounds for the model are checked. A decision logged elsewhere is checked
 * before its reward can be learned.
 */
final class StreamDecider {
    private final Map<String, ModelConfig> configs;
    private final PublishedModels published;
    private final RequestDecider decider = new RequestDecider();
    private final Map<String, RequestChecks.Limits> limits = new HashMap<>();

    StreamDecider(Map<String, ModelConfig> configs, PublishedModels published) {
        this.configs = configs;
        this.published = published;
        configs.forEach((id, config) -> limits.put(id, limits(config)));
    }

    Decision decide(DecisionRequest request) {
        try {
            ModelConfig config = config(configs, request.getModelId());
            String conflict = published.conflict(request.getModelId());
            if (conflict != null) {
                throw new InvalidRecordException(DeadLetterReason.MODEL_STATE_CONFLICT, "/modelId: " + conflict);
            }
            PublishedBandit model = published.get(request.getModelId());
            if (model != null && (!model.config().learnerName().equals(config.bandit().learnerName())
                    || model.config().dimension() != config.bandit().dimension())) {
                throw new InvalidRecordException(DeadLetterReason.MODEL_STATE_CONFLICT, "model '" + request.getModelId()
                    + "' was published as " + model.config().learnerName() + " with dimension " + model.config().dimension()
                    + " but is configured as " + config.bandit().learnerName() + " with dimension "
                    + config.bandit().dimension() + ": reset it with `models reset " + request.getModelId()
                    + "` or give the configuration a new model id");
            }
            return decider.decide(request, model, limits.get(request.getModelId()));
        } catch (RequestRefusedException e) {
            throw Refusals.deadLetter(e);
        }
    }

    /**
     * A decision made elsewhere, checked as if it had been made here; its propensities as every
     * estimator input is ({@link LoggedPropensities#check}).
     */
    void checkLogged(DecisionRequest request, Decision decision) {
        String conflict = published.conflict(request.getModelId());
        if (conflict != null) {
            throw new InvalidRecordException(DeadLetterReason.MODEL_STATE_CONFLICT, "/request/modelId: " + conflict);
        }
        try {
            ModelConfig config = config(configs, request.getModelId());
            RequestChecks.requireId(request.getRequestId(), "/request/requestId");
            checkBounds(config, request);
        } catch (RequestRefusedException e) {
            throw Refusals.deadLetter(e);
        }
        if (!decision.getRequestId().equals(request.getRequestId()) || !decision.getModelId().equals(request.getModelId())) {
            throw new InvalidRecordException(DeadLetterReason.INVALID_RECORD,
                "/decision: answers request '" + decision.getRequestId() + "' of model '" + decision.getModelId()
                    + "', not the logged request");
        }
        try {
            LoggedPropensities.check(request.getActions(), decision.getChosenActionId(), decision.getPropensity(),
                decision.getProbabilities(), "/decision");
        } catch (InvalidLogException e) {
            throw new InvalidRecordException(DeadLetterReason.valueOf(e.reason()), e.getMessage());
        }
    }

    /** The application's bounds on the model's requests (a local decider checks the published ones). */
    private static void checkBounds(ModelConfig config, DecisionRequest request) {
        RequestChecks.candidates(request.getContext(), request.getActions(), limits(config), null);
    }

    private static RequestChecks.Limits limits(ModelConfig config) {
        return new RequestChecks.Limits(config.maxFeatures(), config.maxActions(), config.bandit().maxArms());
    }

    static ModelConfig config(Map<String, ModelConfig> configs, String modelId) {
        return RecordRules.configured(configs, modelId, "/modelId: model");
    }
}
