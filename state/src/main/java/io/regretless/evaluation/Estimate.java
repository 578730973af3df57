package io.regretless.evaluation;

/**
 * An estimator's current estimate of a target policy's value.
 *
 * @param estimator           e.g. {@code ips}
 * @param rounds              logged rounds seen
 * @param value               the estimate
 * @param normal              95 % normal-approximation interval (see {@link ConfidenceIntervals#normal})
 * @param bernstein           95 % empirical-Bernstein interval (see {@link ConfidenceIntervals#empiricalBernstein})
 * @param effectiveSampleSize (Σw)²/Σw² of the importance weights w = π(a|x)/p, the weights the estimator used
 * @param maxWeight           the largest of those weights
 */
public record Estimate(String estimator, long rounds, double value, Interval normal, Interval bernstein,
                       double effectiveSampleSize, double maxWeight) {
}
