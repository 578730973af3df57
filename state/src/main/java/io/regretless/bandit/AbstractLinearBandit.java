package io.regretless.bandit;

import java.util.Objects;
import java.util.SplittableRandom;

import io.regretless.schemas.state.LinearBanditState;

/**
 * What the linear learners share: their ridge-regression models ({@link ArmModels}), which are
 * their whole state, and the checks on every call. A subclass is only its decision rule,
 * {@link #decide}, and is registered with {@link LearnerKind#registerLinear}.
 *
 * <p>Not thread-safe; Kafka Streams gives each model to one task thread at a time.
 */
public abstract class AbstractLinearBandit implements ContextualBandit {
    protected final BanditConfig config;
    protected final ArmModels models;

    protected AbstractLinearBandit(BanditConfig config, ArmModels models) {
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** The decision rule: a distribution over the (already checked) candidates and a draw from it. */
    protected abstract Choice decide(Candidates candidates, SplittableRandom random);

    @Override
    public final String learner() {
        return config.learnerName();
    }

    @Override
    public final long version() {
        return models.version();
    }

    @Override
    public final int armCount() {
        return models.armCount();
    }

    @Override
    public final boolean isNewArm(String actionId) {
        return models.isNewArm(actionId);
    }

    @Override
    public final Choice choose(Candidates candidates, SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        FeatureChecks.requireCandidates(candidates, config.dimension());
        return decide(candidates, random);
    }

    @Override
    public final void update(String actionId, double[] features, double reward, double weight) {
        models.update(Objects.requireNonNull(actionId, "actionId"), features, reward, weight);
    }

    @Override
    public final LinearBanditState toState(String modelId) {
        return models.toState(Objects.requireNonNull(modelId, "modelId"));
    }

    /** The configuration this learner was built with. */
    public final BanditConfig config() {
        return config;
    }
}
