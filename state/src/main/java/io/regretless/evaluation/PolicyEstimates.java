package io.regretless.evaluation;

import java.util.List;

/**
 * All five estimators for one target policy on one log — what a shadow evaluation keeps per
 * candidate policy. An immutable value of immutable values; every round needs reward predictions.
 */
public record PolicyEstimates(DirectMethod directMethod, InversePropensityScoring ips,
                              ClippedInversePropensityScoring clippedIps,
                              SelfNormalizedInversePropensityScoring snips, DoublyRobust doublyRobust) {

    /** Nothing seen yet; clipped IPS caps weights at {@code weightCap}. */
    public static PolicyEstimates empty(double weightCap) {
        return new PolicyEstimates(DirectMethod.EMPTY, InversePropensityScoring.EMPTY,
            ClippedInversePropensityScoring.empty(weightCap), SelfNormalizedInversePropensityScoring.EMPTY,
            DoublyRobust.EMPTY);
    }

    public PolicyEstimates update(LoggedRound round) {
        return new PolicyEstimates(directMethod.update(round), ips.update(round), clippedIps.update(round),
            snips.update(round), doublyRobust.update(round));
    }

    public long rounds() {
        return ips.rounds();
    }

    /** DM, IPS, clipped IPS, SNIPS and DR, in that order. */
    public List<Estimate> estimates(KnownBounds bounds) {
        return List.of(directMethod.estimate(bounds), ips.estimate(bounds), clippedIps.estimate(bounds),
            snips.estimate(bounds), doublyRobust.estimate(bounds));
    }
}
