package io.regretless.bandit;

import java.util.SplittableRandom;

/**
 * A bandit model as the topology runs it: a contextual bandit over action-dependent features, or
 * a multi-armed one that ignores them ({@link io.regretless.bandit.mab.MultiArmedModel}); the
 * candidate set may change from round to round. Implementations are deterministic: the same state, candidates and random stream give the
 * same choice, and the same sequence of updates gives the same state bit for bit.
 *
 * <p>Mutable state is changed only by {@link #update}; {@link #choose} never changes it.
 */
public interface ContextualBandit {

    /** The learner's name as logged in decisions, e.g. {@code linucb-disjoint}. */
    String learner();

    /** Number of updates applied so far. */
    long version();

    /** Number of distinct actions with their own model (disjoint learners); 1 for shared ones. */
    int armCount();

    /** Whether learning from {@code actionId} would add a model the learner does not have yet. */
    boolean isNewArm(String actionId);

    /** Chooses one candidate; draws only from {@code random}. */
    Choice choose(Candidates candidates, SplittableRandom random);

    /**
     * Learns from the reward observed for the action with the given encoded features.
     *
     * @throws ModelCapacityExceededException if the action would need a model beyond the
     *     configured maximum number of arms
     */
    default void update(String actionId, double[] features, double reward) {
        update(actionId, features, reward, 1.0);
    }

    /**
     * Learns from a reward with an importance weight w &gt; 0: the example counts w times in the
     * reward model's least squares (e.g. 1/propensity to learn from another policy's log).
     */
    void update(String actionId, double[] features, double reward, double weight);

    /**
     * Learns from a reward together with the probability the logged decision chose the action
     * with ({@code null} when not known). Only learners whose update depends on it use it
     * (EXP3-IX's importance-weighted loss estimate); the others learn as
     * {@link #update(String, double[], double, double)}.
     */
    default void update(String actionId, double[] features, double reward, double weight, Double propensity) {
        update(actionId, features, reward, weight);
    }

    /** The whole state as plain values, for the store, the changelog and snapshots (the codecs encode it). */
    BanditState toState(String modelId);
}
