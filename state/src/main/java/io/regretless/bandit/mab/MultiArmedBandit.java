package io.regretless.bandit.mab;

import java.util.List;
import java.util.SplittableRandom;

import io.regretless.bandit.Choice;

/**
 * A bandit without context: each round it is offered some arms by id, chooses one, and later
 * learns the reward that arm paid. Arms are added by id on their first update (first-seen order)
 * up to a configured bound; a round may offer any subset of the known arms and arms never seen,
 * which are scored by the prior and not added by being offered.
 *
 * <p>Every choice reports the whole distribution it was drawn from, one probability per offered
 * arm, and the chosen arm is drawn from exactly that distribution with one draw from the given
 * random stream, so the logged propensity is the probability the arm was played with. Rules that
 * are deterministic (UCB) report 1 on the chosen arm and 0 elsewhere.
 *
 * <p>Implementations are deterministic: same state, offered arms and random stream, same choice;
 * same sequence of updates, same state bit for bit. {@link #choose} never changes the state; only
 * {@link #update} does. Not thread-safe.
 */
public interface MultiArmedBandit {

    /** The learner's name as logged with decisions, e.g. {@code ucb1}. */
    String learner();

    /** Number of updates applied so far. */
    long version();

    /** The known arms, in first-seen order. */
    List<String> arms();

    /** Chooses one of the offered arms (distinct, non-empty ids); draws only from {@code random}. */
    Choice choose(String[] armIds, SplittableRandom random);

    /** Chooses among arms named {@code "0"} to {@code "K-1"}. */
    default Choice choose(int arms, SplittableRandom random) {
        return choose(ArmTable.numbered(arms), random);
    }

    /**
     * Learns the reward paid by {@code armId}, adding the arm if it is new.
     *
     * @throws IllegalArgumentException if the reward is outside the learner's range
     * @throws io.regretless.bandit.ModelCapacityExceededException if a new arm would exceed the bound
     */
    void update(String armId, double reward);

    /**
     * Learns a reward together with the probability the arm was played with, as logged with the
     * decision. Only learners whose update depends on it (EXP3-IX's importance weighting) use it;
     * for the others this is {@link #update(String, double)}.
     */
    default void update(String armId, double reward, double propensity) {
        update(armId, reward);
    }

    /** The whole state, a plain value; the learner's {@code restore} gives back this learner. */
    MabState state();
}
