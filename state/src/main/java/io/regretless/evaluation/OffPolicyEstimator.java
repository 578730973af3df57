package io.regretless.evaluation;

/**
 * A running estimate of a target policy's value from logged rounds (Dudík, Langford &amp; Li 2011,
 * "Doubly Robust Policy Evaluation and Learning"; the estimators of Open Bandit Pipeline, Saito et
 * al. 2021). Each implementation is an immutable record whose fields are its whole running state,
 * O(1) in the number of rounds: {@link #update} returns the next state, so the state can be stored
 * as it is, and the same rounds in the same order give the same state bit for bit.
 *
 * <p>Progressive evaluation of a policy that learns: score each round with the policy's
 * probabilities before it learns from that round. The per-round terms then have conditional
 * expectation equal to the policy's value on that round's context, so the estimate is unbiased for
 * the average of those values (a martingale-difference argument), and the intervals keep their
 * meaning.
 */
public interface OffPolicyEstimator<E extends OffPolicyEstimator<E>> {

    /** Short name, e.g. {@code ips}. */
    String name();

    /** Rounds seen. */
    long rounds();

    /** The state after one more logged round. */
    E update(LoggedRound round);

    /** The current estimate with its intervals; {@code bounds} serve the empirical-Bernstein interval. */
    Estimate estimate(KnownBounds bounds);
}
