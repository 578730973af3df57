package io.regretless.topology.bandit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import io.regretless.bandit.CandidateEncoder;
import io.regretless.bandit.Candidates;
import io.regretless.connectors.decide.RequestDecider;
import io.regretless.schemas.Action;
import io.regretless.schemas.LearningUpdate;
import io.regretless.topology.config.ModelConfig;

/**
 * Turns "this action, in this context, earned this reward" into the compact update the model's
 * task applies: the action's feature vector hashed into the model's dimension, so that task does
 * no hashing and no joining, only the ridge update.
 */
final class LearningUpdates {
    private LearningUpdates() {
    }

    /**
     * The update for {@code chosen}'s reward; {@code propensity} is the probability the logged
     * decision chose it with, which EXP3-IX's loss estimate divides by (the model that decided was
     * a published version, some updates older than the one that learns, so it cannot be recomputed
     * there). A multi-armed model's update carries no features. The names a linear model's update
     * was encoded from are counted in {@code names} (null: not counted).
     */
    static LearningUpdate of(String modelId, String requestId, ModelConfig config, Map<String, Double> context,
                             Action chosen, double reward, double weight, double propensity, boolean observed,
                             long timestamp, FeatureNameWatch names) {
        Candidates encoded;
        if (config.bandit().kind().multiArmed() || names == null) {
            encoded = RequestDecider.encode(context, List.of(chosen), config.bandit());
        } else {
            encoded = CandidateEncoder.encode(context, List.of(chosen), config.bandit(), names.sketch(modelId));
            names.report(modelId);
        }
        return LearningUpdate.newBuilder()
            .setModelId(modelId)
            .setRequestId(requestId)
            .setActionId(chosen.getId())
            .setFeatures(littleEndian(encoded.features()[0]))
            .setReward(reward)
            .setWeight(weight)
            .setPropensity(propensity)
            .setObserved(observed)
            .setTimestamp(timestamp)
            .build();
    }

    /** The update's feature vector, checked against the model's {@link io.regretless.bandit.BanditConfig#featureDimension()}. */
    static double[] features(LearningUpdate update, int dimension) {
        ByteBuffer bytes = update.getFeatures().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() != 8 * dimension) {
            throw new IllegalArgumentException("the update carries " + bytes.remaining() / 8.0
                + " features, the model's dimension is " + dimension);
        }
        double[] x = new double[dimension];
        bytes.asDoubleBuffer().get(x);
        return x;
    }

    private static ByteBuffer littleEndian(double[] x) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(x);
        return bytes;
    }

    static Action chosenAction(List<Action> actions, String chosenId) {
        for (Action action : actions) {
            if (action.getId().equals(chosenId)) {
                return action;
            }
        }
        return null;
    }
}
