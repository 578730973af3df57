package io.regretless.bandit;

import java.util.Objects;

import io.regretless.bandit.mab.MultiArmedModel;
import io.regretless.schemas.state.LinearBanditState;

/**
 * Builds the learner a {@link BanditConfig} describes, fresh or from stored state: a linear
 * learner by the factory its {@link LearnerKind} was registered with, or for the multi-armed kinds a
 * {@link MultiArmedModel}.
 */
public final class LinearBandits {
    private LinearBandits() {
    }

    /** A learner that has seen nothing. */
    public static ContextualBandit create(BanditConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.kind().multiArmed()) {
            return MultiArmedModel.create(config);
        }
        return build(config, new ArmModels(config));
    }

    /**
     * The learner a stored state describes, configured by {@code config} (exploration, seed and
     * bound on arms may differ from when it was written; each stored arm keeps its own λ; a
     * multi-armed learner's window may not).
     *
     * @throws IllegalStateException naming both when the state was written by another learner
     *     (kind, or shared versus disjoint) or with another dimension, or when it is malformed
     */
    public static ContextualBandit restore(BanditConfig config, LinearBanditState state) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
        if (config.kind().multiArmed()) {
            return MultiArmedModel.restore(config, state);
        }
        return build(config, ArmModels.fromState(config, state));
    }

    private static ContextualBandit build(BanditConfig config, ArmModels models) {
        return config.kind().buildLinear(config, models);
    }
}
