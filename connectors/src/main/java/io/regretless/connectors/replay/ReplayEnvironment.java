package io.regretless.connectors.replay;

import io.regretless.schemas.DecisionRequest;

/**
 * A bandit environment with a fixed, finite set of contexts ("rows") whose reward is a
 * deterministic function of the row and the chosen action: what {@link BanditReplay} plays.
 * {@link ClassificationBandit} is the supervised-to-bandit conversion; simulators can implement it
 * too. Implementations must be safe to call from several threads.
 */
public interface ReplayEnvironment {

    /** Number of rows; rows are {@code 0 .. rows() - 1}. */
    int rows();

    /** The request presenting row {@code row}. */
    DecisionRequest request(int row, String requestId, String modelId, long timestamp);

    /** The reward of choosing {@code chosenActionId} on row {@code row}. */
    double reward(int row, String chosenActionId);
}
