package io.regretless.topology.experts;

import java.util.ArrayList;
import java.util.List;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.schemas.Advice;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.state.PendingAdvice;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/** Combines a case's advice (or its groups' regressions) with the model's weights and waits for its label. */
final class CaseCombiner {
    private final ExpertsChecks checks;
    private final LearnerStore<ExpertsModel> models;
    private final AttributionWindow<PendingAdvice> pending;

    CaseCombiner(ExpertsChecks checks, LearnerStore<ExpertsModel> models, AttributionWindow<PendingAdvice> pending) {
        this.checks = checks;
        this.models = models;
        this.pending = pending;
    }

    CombinedPrediction combine(Advice advice, long recordTime) {
        ExpertCase c = checks.resolve(advice);
        pending.requireNew(advice.getId());
        ExpertsModel model = models.get(advice.getModelId());
        ExpertsModel.Play play;
        try {
            play = c.config().mode() == Mode.ADVICE ? model.play(c.awake(), c.predictions()) : model.play(c.features(), c.groups());
        } catch (IllegalArgumentException e) {
            throw ExpertsChecks.invalid(e.getMessage());
        }
        double[] weights = play.weights();
        List<ExpertWeight> named = new ArrayList<>(weights.length);
        for (int k = 0; k < weights.length; k++) {
            String name = c.config().mode() == Mode.ADVICE
                ? c.config().experts().get(c.awake()[k])
                : checks.groupName(advice.getModelId(), k < c.groups().length ? c.groups()[k] : c.config().groups().size());
            named.add(new ExpertWeight(name, weights[k]));
        }
        CombinedPrediction combined = CombinedPrediction.newBuilder()
            .setId(advice.getId())
            .setModelId(advice.getModelId())
            .setPrediction(play.prediction())
            .setWeights(named)
            .setVersion(model.version())
            .setTimestamp(advice.getTimestamp())
            .build();
        long deadline = recordTime + c.config().labelWindow().toMillis();
        pending.open(advice.getId(), new PendingAdvice(advice, combined, deadline), deadline);
        return combined;
    }
}
