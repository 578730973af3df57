package io.regretless.bandit;

import java.util.List;
import java.util.Objects;

import io.regretless.bandit.mab.MabState;
import io.regretless.linalg.RidgeStatistics;

/**
 * A learner's whole state as plain values, what {@link ContextualBandit#toState} gives and
 * {@link LinearBandits#restore} takes: a linear learner's ridge models, one per arm in first-seen order
 * (one arm {@code "*"} for a shared model), or a multi-armed learner's {@link MabState} and no arms.
 * How it is stored is the codecs' business ({@code io.regretless.codec.LinearBanditCodec}).
 *
 * @param modelId    the model it belongs to
 * @param learner    the learner's name, {@link ContextualBandit#learner()}
 * @param version    updates applied
 * @param arms       a linear learner's models; empty for a multi-armed one
 * @param multiArmed a multi-armed learner's state; null for a linear one
 */
public record BanditState(String modelId, String learner, long version, List<Arm> arms, MabState multiArmed) {

    /** One arm's ridge model. */
    public record Arm(String actionId, RidgeStatistics.State model) {
        public Arm {
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(model, "model");
        }
    }

    public BanditState {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(learner, "learner");
        arms = List.copyOf(arms);
    }
}
