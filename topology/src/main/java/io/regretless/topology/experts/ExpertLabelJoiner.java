package io.regretless.topology.experts;

import java.util.ArrayList;
import java.util.List;

import io.regretless.experts.ExpertsModel;
import io.regretless.experts.ExpertsModel.GroupStanding;
import io.regretless.experts.ExpertsModel.Mode;
import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Label;
import io.regretless.schemas.state.PendingAdvice;
import io.regretless.topology.config.ExpertsModelConfig;
import io.regretless.topology.deadletter.RecordRules;
import io.regretless.topology.window.AttributionWindow;
import io.regretless.topology.task.LearnerStore;

/**
 * Joins a label to its pending case by id inside the label window, lets the model learn from it
 * (advice mode: with the weights that were played; features mode: the groupwise update) and returns
 * the standing of each of the case's groups and of the always-on group. Cases whose label never
 * comes are dropped when their window closes, without learning.
 */
final class ExpertLabelJoiner {
    private final ExpertsChecks checks;
    private final LearnerStore<ExpertsModel> models;
    private final AttributionWindow<PendingAdvice> pending;

    ExpertLabelJoiner(ExpertsChecks checks, LearnerStore<ExpertsModel> models, AttributionWindow<PendingAdvice> pending) {
        this.checks = checks;
        this.models = models;
        this.pending = pending;
    }

    List<ExpertsEvaluation> join(Label label, long recordTime) {
        RecordRules.requireId(label.getId());
        ExpertsModelConfig config = checks.model(label.getModelId());
        RecordRules.requireFinite(label.getValue(), "label value");
        PendingAdvice waiting = pending.awaiting(label.getId());
        CombinedPrediction played = waiting.getCombined();
        if (!played.getModelId().equals(label.getModelId())) {
            throw ExpertsChecks.invalid("label names model '" + label.getModelId() + "' but case '" + label.getId()
                + "' is of '" + played.getModelId() + "'");
        }
        pending.requireOnTime(recordTime, waiting.getDeadline());
        ExpertCase c = checks.resolve(waiting.getAdvice());
        double y = label.getValue();
        List<GroupStanding> standings;
        try {
            standings = models.update(label.getModelId(), model -> learn(model, c, played, y));
        } catch (IllegalArgumentException e) {
            throw ExpertsChecks.invalid("case '" + label.getId() + "' cannot be learned: " + e.getMessage());
        }
        pending.complete(label.getId(), waiting.getDeadline(), recordTime, config.labelWindow().toMillis());
        List<ExpertsEvaluation> out = new ArrayList<>(standings.size());
        for (GroupStanding s : standings) {
            out.add(ExpertsEvaluation.newBuilder()
                .setModelId(label.getModelId())
                .setGroup(checks.groupName(label.getModelId(), s.group()))
                .setRounds(s.rounds())
                .setAlgorithmLoss(s.algorithmLoss())
                .setHindsightLoss(s.hindsightLoss())
                .setRegret(s.regret())
                .setTimestamp(label.getTimestamp())
                .build());
        }
        return out;
    }

    private static List<GroupStanding> learn(ExpertsModel model, ExpertCase c, CombinedPrediction played, double y) {
        if (c.config().mode() == Mode.FEATURES) {
            return model.learn(c.features(), c.groups(), played.getPrediction(), y);
        }
        double[] weights = new double[played.getWeights().size()];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = played.getWeights().get(k).getWeight();
        }
        return model.learn(c.awake(), c.predictions(), weights, c.groups(), played.getPrediction(), y);
    }

    /**
     * How long a case whose label did not come in time is remembered after its deadline (one more
     * label window of its model, if still configured), so that its label is named late; the model
     * does not learn from it.
     */
    long memory(PendingAdvice waiting) {
        ExpertsModelConfig config = checks.configured(waiting.getCombined().getModelId());
        return config == null ? 0L : config.labelWindow().toMillis();
    }
}
