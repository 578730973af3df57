package io.regretless.bandit;

/**
 * What registering a linear learner supplies ({@link LearnerKind#registerLinear}): the learner over
 * a configuration of its kind and the ridge arms it decides with, fresh or restored from a stored
 * state. Typically the constructor of an {@link AbstractLinearBandit}, e.g. {@code LinUcb::new}.
 */
@FunctionalInterface
public interface LinearLearnerFactory {

    /** The learner; it keeps {@code models}, which hold its whole state. */
    ContextualBandit create(BanditConfig config, ArmModels models);
}
