package io.regretless.bandit.mab;

/**
 * The state of a {@link MultiArmedBandit}: a plain value holding every number the learner's future
 * choices depend on, so that storing it and restoring it gives a learner that behaves bit for bit
 * as the original. One record per learner.
 */
public sealed interface MabState permits Ucb1.State, BernoulliThompsonSampling.State,
        GaussianThompsonSampling.State, Exp3Ix.State, DiscountedThompsonSampling.State, SlidingWindowUcb.State {

    /** The learner that wrote it, as {@link MultiArmedBandit#learner()}. */
    String learner();

    /** Updates applied, as {@link MultiArmedBandit#version()}. */
    long version();
}
