package io.regretless.topology.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.experts.LabelRange;
import io.regretless.experts.LossFunction;

/**
 * Everything configured per sleeping-experts model (model id).
 *
 * @param mode        advice (cases carry the awake experts' predictions) or features (cases carry a
 *                    feature vector; a pooled ridge regression and one per group shrunk toward it are
 *                    the experts)
 * @param groups      the known groups in a fixed order; a case naming another group is refused
 * @param experts     advice mode: the known experts; empty in features mode
 * @param dimension   features mode: the exact length of every feature vector; 0 in advice mode
 * @param loss        the loss the hedge learns with (the published regret is always square loss)
 * @param range       the label range: predictions are clipped to it and it scales the hedge's losses
 * @param labelWindow how long (stream time) a case waits for its label before it is dropped unlearned
 * @param shrinkage   features mode: λ of the group models, how many rows' worth of evidence a group's
 *                    deviation from the pooled model costs (default
 *                    {@link io.regretless.experts.GroupwiseRidge#DEFAULT_SHRINKAGE}); 0 in advice mode
 */
public record ExpertsModelConfig(Mode mode, List<String> groups, List<String> experts, int dimension,
                                 LossFunction loss, LabelRange range, Duration labelWindow, double shrinkage) {

    public ExpertsModelConfig {
        if (mode == null || loss == null || range == null) {
            throw new IllegalArgumentException("mode, loss and label range are required");
        }
        groups = List.copyOf(groups);
        experts = List.copyOf(experts);
        requireDistinctNames(groups, "group");
        requireDistinctNames(experts, "expert");
        if (groups.contains(ExpertsModel.ALWAYS_ON)) {
            throw new IllegalArgumentException("'" + ExpertsModel.ALWAYS_ON + "' is the implicit group of every case;"
                + " it cannot be configured");
        }
        if (mode == Mode.ADVICE && (experts.isEmpty() || dimension != 0)) {
            throw new IllegalArgumentException("advice mode needs experts and no dimension");
        }
        if (mode == Mode.FEATURES && (!experts.isEmpty() || dimension < 1)) {
            throw new IllegalArgumentException("features mode needs a dimension >= 1 and no experts");
        }
        if (labelWindow == null || labelWindow.isNegative() || labelWindow.isZero()) {
            throw new IllegalArgumentException("label window must be positive, got " + labelWindow);
        }
        if (mode == Mode.FEATURES && (!(shrinkage > 0) || !Double.isFinite(shrinkage))) {
            throw new IllegalArgumentException("features mode needs a finite shrinkage > 0, got " + shrinkage);
        }
        if (mode == Mode.ADVICE && shrinkage != 0.0) {
            throw new IllegalArgumentException("advice mode has no shrinkage");
        }
    }

    /** The layout of the model's state. */
    public ExpertsModel.Shape shape() {
        return new ExpertsModel.Shape(mode, groups.size(), mode == Mode.ADVICE ? experts.size() : dimension, loss, range,
            shrinkage);
    }

    /** An upper bound on the model's stored size in bytes; it does not grow with traffic. */
    public long maxStateBytes() {
        return ExpertsModel.stateBytesBound(shape());
    }

    private static void requireDistinctNames(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a " + what + " name must not be blank");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(what + " '" + name + "' is listed twice");
            }
        }
    }
}
