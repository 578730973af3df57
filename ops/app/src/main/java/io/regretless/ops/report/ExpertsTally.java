package io.regretless.ops.report;

import java.util.Map;
import java.util.TreeMap;

import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;

/**
 * One sleeping-experts model over its distinct records: each expert's (or group's, in features
 * mode) weight when awake against the model's combined-prediction count, each group's regret
 * against its round count, and each group's latest evaluation (the highest round count).
 */
final class ExpertsTally {
    final Map<String, Series> weights = new TreeMap<>();
    final Map<String, Series> regret = new TreeMap<>();
    final Map<String, ExpertsEvaluation> latest = new TreeMap<>();
    private long combined;

    void add(CombinedPrediction prediction) {
        combined++;
        for (ExpertWeight w : prediction.getWeights()) {
            weights.computeIfAbsent(w.getExpert(), Series::new).add(combined, w.getWeight());
        }
    }

    void add(ExpertsEvaluation evaluation) {
        regret.computeIfAbsent(evaluation.getGroup(), Series::new).add(evaluation.getRounds(), evaluation.getRegret());
        ExpertsEvaluation before = latest.get(evaluation.getGroup());
        if (before == null || evaluation.getRounds() > before.getRounds()) {
            latest.put(evaluation.getGroup(), evaluation);
        }
    }

    long combined() {
        return combined;
    }
}
