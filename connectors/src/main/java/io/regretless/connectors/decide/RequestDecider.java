package io.regretless.connectors.decide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.regretless.bandit.BanditConfig;
import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.bandit.Choice;
import io.regretless.bandit.ContextualBandit;
import io.regretless.bandit.DecisionRandomness;
import io.regretless.codec.PublishedBandit;
import io.regretless.schemas.Action;
import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Decision;
import io.regretless.schemas.DecisionRequest;

/**
 * Decides one request with a published model — the one rule behind every place a decision is
 * made: the local decider in an application, the HTTP API, and the stream's own decide path. The
 * random draw depends only on the model's seed and the request id, so the same model version and
 * request give the same decision and propensities everywhere.
 *
 * <p>Before a model is first published the decision is uniform over the candidates, with exact
 * propensities 1/K, drawn from the request's stream under seed {@value #UNPUBLISHED_SEED}, and
 * logged as learner {@value #UNIFORM} at version 0.
 *
 * <p>Not thread-safe: it keeps the learners it decoded ({@link ModelCache}); use one per thread.
 */
public final class RequestDecider {
    /** Learner name of decisions made before the model was published. */
    public static final String UNIFORM = "uniform";
    /** Seed of the draw before the model was published (its own seed is not known yet). */
    public static final long UNPUBLISHED_SEED = 0L;

    private final ModelCache cache = new ModelCache();

    /**
     * Decides {@code request} with {@code model} (null if none is published yet), within the
     * model's published bounds.
     *
     * @throws RequestRefusedException if the request breaks a rule or a bound of the model
     */
    public Decision decide(DecisionRequest request, PublishedBandit model) {
        return decide(request, model, model == null ? null
            : new RequestChecks.Limits(model.maxFeatures(), model.maxActions(), model.config().maxArms()));
    }

    /**
     * Decides {@code request} with {@code model} within {@code limits} (the application checks its
     * own configured bounds, which a model published before a configuration change may not carry).
     */
    public Decision decide(DecisionRequest request, PublishedBandit model, RequestChecks.Limits limits) {
        RequestChecks.requireId(request.getRequestId(), "/requestId");
        RequestChecks.requireId(request.getModelId(), "/modelId");
        if (model == null) {
            RequestChecks.candidates(request.getContext(), request.getActions(), limits, null);
            return uniform(request);
        }
        ContextualBandit learner = cache.learner(model);
        RequestChecks.candidates(request.getContext(), request.getActions(), limits, learner);
        Candidates candidates = encode(request.getContext(), request.getActions(), model.config());
        Choice choice = learner.choose(candidates,
            DecisionRandomness.forRequest(model.config().seed(), request.getRequestId()));
        return decision(request, candidates.actionIds(), choice, model.version(), learner.learner());
    }

    /**
     * The candidates as {@code config}'s learner reads them: hashed into its dimension, or for a
     * multi-armed learner by id alone, so a request with no context and actions with no features
     * is all such a model needs (any features it carries are checked, not read).
     */
    public static Candidates encode(Map<String, Double> context, List<Action> actions, BanditConfig config) {
        if (!config.kind().multiArmed()) {
            return CandidateEncoder.encode(context, actions, config);
        }
        String[] ids = new String[actions.size()];
        for (int a = 0; a < ids.length; a++) {
            ids[a] = actions.get(a).getId();
        }
        return Candidates.withoutFeatures(ids);
    }

    private static Decision uniform(DecisionRequest request) {
        int k = request.getActions().size();
        String[] ids = new String[k];
        double[] probabilities = new double[k];
        for (int a = 0; a < k; a++) {
            ids[a] = request.getActions().get(a).getId();
            probabilities[a] = 1.0 / k;
        }
        SplittableRandom random = DecisionRandomness.forRequest(UNPUBLISHED_SEED, request.getRequestId());
        return decision(request, ids, new Choice(random.nextInt(k), probabilities), 0L, UNIFORM);
    }

    private static Decision decision(DecisionRequest request, String[] ids, Choice choice, long version, String learner) {
        List<ActionProbability> probabilities = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            probabilities.add(new ActionProbability(ids[i], choice.probabilities()[i]));
        }
        return Decision.newBuilder()
            .setRequestId(request.getRequestId())
            .setModelId(request.getModelId())
            .setChosenActionId(ids[choice.chosen()])
            .setPropensity(choice.propensity())
            .setProbabilities(probabilities)
            .setModelVersion(version)
            .setLearner(learner)
            .setTimestamp(request.getTimestamp())
            .build();
    }
}
