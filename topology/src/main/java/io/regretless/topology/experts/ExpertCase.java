package io.regretless.topology.experts;

import io.regretless.topology.config.ExpertsModelConfig;

/**
 * An {@code Advice} record checked against its model's configuration, with names resolved to indices.
 *
 * @param groups      the case's groups, indices into the configured groups, in the order given
 * @param awake       advice mode: the awake experts, indices into the configured experts, in the order given
 * @param predictions advice mode: {@code predictions[k]} of expert {@code awake[k]}
 * @param features    features mode: the feature vector
 */
record ExpertCase(ExpertsModelConfig config, int[] groups, int[] awake, double[] predictions, double[] features) {
}
