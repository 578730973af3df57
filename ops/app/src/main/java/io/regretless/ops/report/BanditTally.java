package io.regretless.ops.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.regretless.schemas.ActionProbability;
import io.regretless.schemas.Feedback;

/**
 * One bandit model's figures over its distinct feedback records: the curves of its cumulative and
 * average reward (and regret against a known best reward per decision) against the decision
 * count; decisions, how many rewards were observed rather than defaulted, the reward, the chosen
 * actions' propensities, and the inverse propensity score (IPS) estimate of every constant
 * action's average reward, V(a) = (1/n) Σ 1[chosen = a] · reward / propensity (Horvitz and
 * Thompson, 1952), which is unbiased for "always play a" when a was a candidate with a probability
 * above zero in every decision.
 */
final class BanditTally {
    private final String model;
    private final double maxReward;
    final Series cumulativeReward;
    final Series averageReward;
    final Series regret;
    private final TreeSet<String> learners = new TreeSet<>();
    private final Map<String, ActionTally> actions = new LinkedHashMap<>();
    private double[] propensities = new double[64];
    private long decisions;
    private long observed;
    private double rewardSum;

    /** @param maxReward the best reward a decision can earn, or NaN when unknown (no regret curve) */
    BanditTally(String model, double maxReward) {
        this.model = model;
        this.maxReward = maxReward;
        cumulativeReward = new Series(model);
        averageReward = new Series(model);
        regret = new Series(model);
    }

    void add(Feedback feedback) {
        double propensity = feedback.getDecision().getPropensity();
        double reward = feedback.getReward();
        if (decisions == propensities.length) {
            propensities = Arrays.copyOf(propensities, propensities.length * 2);
        }
        propensities[(int) decisions++] = propensity;
        observed += feedback.getObserved() ? 1 : 0;
        rewardSum += reward;
        cumulativeReward.add(decisions, rewardSum);
        averageReward.add(decisions, rewardSum / decisions);
        if (!Double.isNaN(maxReward)) {
            regret.add(decisions, decisions * maxReward - rewardSum);
        }
        learners.add(feedback.getDecision().getLearner());
        String chosen = feedback.getDecision().getChosenActionId();
        for (ActionProbability p : feedback.getDecision().getProbabilities()) {
            ActionTally a = actions.computeIfAbsent(p.getActionId(), id -> new ActionTally());
            a.offered++;
            a.minProbability = Math.min(a.minProbability, p.getProbability());
            if (p.getActionId().equals(chosen)) {
                a.weightedReward += reward / propensity;
            }
        }
    }

    Summary summary() {
        double[] sorted = Arrays.copyOf(propensities, (int) decisions);
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        String best = null;
        double bestValue = Double.NaN;
        for (Map.Entry<String, ActionTally> e : actions.entrySet()) {
            ActionTally a = e.getValue();
            if (a.offered == decisions && a.minProbability > 0) {
                double value = a.weightedReward / decisions;
                if (best == null || value > bestValue) {
                    best = e.getKey();
                    bestValue = value;
                }
            }
        }
        return new Summary(model, String.join(", ", learners), decisions, (double) observed / decisions,
            rewardSum / decisions, n == 0 ? Double.NaN : sorted[0], median, best, bestValue,
            best == null ? Double.NaN : decisions * bestValue - rewardSum);
    }

    /**
     * @param bestAction      the constant action with the highest IPS estimate among those that were
     *                        candidates with a positive probability in every decision; null when none was
     * @param bestActionValue its estimated average reward
     * @param regretVsBest    decisions × bestActionValue − the reward earned (an estimate; negative when
     *                        the learner beat every constant action)
     */
    record Summary(String model, String learners, long decisions, double observedShare, double averageReward,
                   double minPropensity, double medianPropensity, String bestAction, double bestActionValue,
                   double regretVsBest) {
    }

    private static final class ActionTally {
        long offered;
        double minProbability = Double.POSITIVE_INFINITY;
        double weightedReward;
    }
}
