package io.regretless.bandit;

import java.util.Arrays;
import java.util.Objects;

/**
 * The candidate actions of one decision round: their ids and their feature vectors, already
 * encoded in the model's dimension (see {@code io.regretless.features.FeatureHasher}), or of length 0
 * for a multi-armed learner, which reads none.
 * Index i of {@code actionIds} and {@code features} describe the same action.
 */
public record Candidates(String[] actionIds, double[][] features) {
    public Candidates {
        Objects.requireNonNull(actionIds, "actionIds");
        Objects.requireNonNull(features, "features");
        if (actionIds.length != features.length || actionIds.length == 0) {
            throw new IllegalArgumentException(
                "need one feature vector per action and at least one action, got "
                    + actionIds.length + " ids and " + features.length + " vectors");
        }
    }

    /** Candidates by id alone, for a learner that reads no features (vectors of length 0). */
    public static Candidates withoutFeatures(String[] actionIds) {
        double[][] none = new double[actionIds.length][];
        Arrays.fill(none, new double[0]);
        return new Candidates(actionIds, none);
    }

    public int size() {
        return actionIds.length;
    }
}
