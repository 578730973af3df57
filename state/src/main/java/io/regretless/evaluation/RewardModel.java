package io.regretless.evaluation;

/**
 * A reward model q̂(x, a) for the direct method and doubly robust: predicts the reward of an action
 * from its encoded features, and learns from observed rewards. For unbiased doubly robust
 * estimates a round must be predicted before the model learns from it.
 */
public interface RewardModel {

    /** q̂ for one action with its encoded features. */
    double predict(String actionId, double[] features);

    /** Learns one observed reward. */
    void update(String actionId, double[] features, double reward);

    /** q̂ for each candidate, in order. */
    default double[] predict(String[] actionIds, double[][] features) {
        double[] predictions = new double[actionIds.length];
        for (int a = 0; a < predictions.length; a++) {
            predictions[a] = predict(actionIds[a], features[a]);
        }
        return predictions;
    }
}
