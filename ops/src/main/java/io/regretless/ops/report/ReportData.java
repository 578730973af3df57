package io.regretless.ops.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.regretless.schemas.CombinedPrediction;
import io.regretless.schemas.ConformalEvaluation;
import io.regretless.schemas.ExpertWeight;
import io.regretless.schemas.ExpertsEvaluation;
import io.regretless.schemas.Feedback;

/**
 * What the report draws, accumulated from the output topics: per bandit model its cumulative
 * reward (and regret against a known best reward per decision, when given); per conformal series
 * its running and windowed coverage and median half-width.
 */
final class ReportData {
    private final double maxReward;
    final Map<String, Series> cumulativeReward = new LinkedHashMap<>();
    final Map<String, Series> averageReward = new LinkedHashMap<>();
    final Map<String, Series> regret = new LinkedHashMap<>();
    final Map<String, Series> coverage = new LinkedHashMap<>();
    final Map<String, Series> windowCoverage = new LinkedHashMap<>();
    final Map<String, Series> halfWidth = new LinkedHashMap<>();
    final Map<String, Double> coverageTargets = new LinkedHashMap<>();
    final Map<String, Series> expertWeights = new LinkedHashMap<>();
    final Map<String, Series> groupRegret = new LinkedHashMap<>();
    private final Map<String, double[]> totals = new LinkedHashMap<>();
    private final Map<String, long[]> combinedCounts = new LinkedHashMap<>();

    /** @param maxReward the best reward a decision can earn, or NaN when unknown (no regret curve) */
    ReportData(double maxReward) {
        this.maxReward = maxReward;
    }

    void add(Feedback feedback) {
        String model = feedback.getDecision().getModelId();
        double[] t = totals.computeIfAbsent(model, m -> new double[2]);
        t[0]++;
        t[1] += feedback.getReward();
        series(cumulativeReward, model).add(t[0], t[1]);
        series(averageReward, model).add(t[0], t[1] / t[0]);
        if (!Double.isNaN(maxReward)) {
            series(regret, model).add(t[0], t[0] * maxReward - t[1]);
        }
    }

    void add(ConformalEvaluation evaluation) {
        String model = evaluation.getModelId();
        double x = evaluation.getLabels();
        coverageTargets.put(model, evaluation.getCoverageTarget());
        series(coverage, model).add(x, evaluation.getCoverage());
        if (evaluation.getWindowCoverage() != null) {
            series(windowCoverage, model).add(x, evaluation.getWindowCoverage());
        }
        if (evaluation.getMedianHalfWidth() != null) {
            series(halfWidth, model).add(x, evaluation.getMedianHalfWidth());
        }
    }

    void add(CombinedPrediction combined) {
        long n = ++combinedCounts.computeIfAbsent(combined.getModelId(), m -> new long[1])[0];
        for (ExpertWeight w : combined.getWeights()) {
            series(expertWeights, combined.getModelId() + " " + w.getExpert()).add(n, w.getWeight());
        }
    }

    void add(ExpertsEvaluation evaluation) {
        series(groupRegret, evaluation.getModelId() + " " + evaluation.getGroup())
            .add(evaluation.getRounds(), evaluation.getRegret());
    }

    static List<Series> list(Map<String, Series> byModel) {
        return new ArrayList<>(byModel.values());
    }

    private static Series series(Map<String, Series> byModel, String model) {
        return byModel.computeIfAbsent(model, Series::new);
    }
}
